//! The Markdown pass: one page body → a [`Document`] (HTML with placeholders, headings,
//! links, citations, and the plain text of each block).
//!
//! The body is parsed once, with pulldown-cmark. Whatever depends on other pages (link
//! targets, citation numbers and previews, embeds) cannot be written yet, so it is left
//! as a placeholder `\x1A<kind><index>\x1A` that render substitutes once the site is
//! resolved. Load replaces control characters in input, so `\x1A` never occurs in text.
//!
//! Wiki syntax is scanned only in text events, so nothing inside code is a link or a
//! citation.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::highlight;
use super::html;
use super::syntax::{self, TokenKind};
use crate::config::RawHtml;
use crate::model::url::percent_decode;
use crate::model::{
    is_external, is_image, placeholder, Block, BlockKind, Citation, CiteItem, Document, Heading, Link, LinkKind,
    Locator, MARK,
};
use crate::text::{escape_html, slugify};

fn mark(kind: char, index: usize) -> String {
    format!("{MARK}{kind}{index}{MARK}")
}

/// The Markdown extensions dossier turns on (the floor benchmark uses the same).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Compiles the body of a page. `body_offset` is where `body` starts in the file, so
/// recorded offsets are file offsets.
pub fn compile(body: &str, body_offset: usize, raw_html: RawHtml) -> Document {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut pass = Pass { body_offset, raw_html, doc: Document::default(), ..Pass::default() };
    pass.run(&events);
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    pulldown_cmark::html::push_html(&mut html, pass.out.into_iter());
    // Block embeds inside a paragraph close and reopen it; drop what that leaves empty.
    pass.doc.html = html.replace("<p></p>\n", "").replace("<p></p>", "");
    pass.doc
}

#[derive(Default)]
struct Pass<'a> {
    body_offset: usize,
    raw_html: RawHtml,
    doc: Document,
    out: Vec<Event<'a>>,
    /// Text waiting to be scanned for wiki syntax: (text, source range).
    pending: Vec<(CowStr<'a>, Range<usize>)>,
    /// Open blocks collecting plain text (indices into `doc.blocks`).
    blocks: Vec<usize>,
    ids: HashSet<String>,
    /// Next suffix to try per id base, so many equal headings stay linear.
    suffixes: HashMap<String, usize>,
    /// Open block quotes: whether each is a callout.
    quotes: Vec<bool>,
    /// Block and text length right after the last citation, to tell whether a block
    /// quote ends with it.
    cited_at: Option<(usize, usize)>,
}

impl<'a> Pass<'a> {
    fn run(&mut self, events: &[(Event<'a>, Range<usize>)]) {
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Text(text) => self.pending.push((text.clone(), range.clone())),
                Event::SoftBreak => self.pending.push(("\n".into(), range.clone())),
                _ => {
                    self.flush();
                    i = self.event(events, i);
                    continue;
                }
            }
            i += 1;
        }
        self.flush();
    }

    /// Handles the non-text event at `i`; returns the index of the next event.
    fn event(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let text = plain_until(events, i + 1, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                // `{#id .class key=value}` is note text like raw HTML and obeys its policy:
                // outside `allow`, ids and classes of safe characters, no other attributes
                // (`{onfocus=…}` would otherwise run script on page load).
                let allow = self.raw_html == RawHtml::Allow;
                let own_id = id.as_deref().filter(|id| allow || html::safe_token(id)).map(str::to_string);
                let id = self.unique_id(own_id.unwrap_or_else(|| slugify(&text)));
                let classes = classes.iter().filter(|c| allow || html::safe_token(c)).cloned().collect();
                let attrs = if allow { attrs.clone() } else { Vec::new() };
                let n = self.doc.headings.len();
                self.doc.headings.push(Heading { level: heading_level(*level), text, id: id.clone() });
                self.out.push(Event::Html(mark(placeholder::HEADING, n).into()));
                self.out.push(Event::Start(Tag::Heading { level: *level, id: Some(id.into()), classes, attrs }));
                self.open_block_kind(BlockKind::Heading);
            }
            Event::End(TagEnd::Heading(level)) => {
                let id = &self.doc.headings.last().map(|h| h.id.clone()).unwrap_or_default();
                self.out.push(Event::InlineHtml(
                    format!(
                        "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                        escape_html(id)
                    )
                    .into(),
                ));
                self.out.push(Event::End(TagEnd::Heading(*level)));
                self.close_block();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::CodeBlock)) {
                    if let Event::Text(t) = &events[j].0 {
                        code.push_str(t);
                    }
                    j += 1;
                }
                self.out.push(Event::Html(highlight::code_block(&lang, &code).into()));
                return j + 1;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) || is_external(dest_url) {
                    self.out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: safe_url(dest_url),
                        title: title.clone(),
                        id: CowStr::from(""),
                    }));
                } else {
                    let n = self.link(LinkKind::Markdown, dest_url, None, title, range.start);
                    self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
                }
            }
            Event::Start(Tag::Image { dest_url, title, .. }) if !is_external(dest_url) => {
                let alt = plain_until(events, i + 1, |e| matches!(e, Event::End(TagEnd::Image)));
                let n = self.link(LinkKind::Image, dest_url, Some(alt), title, range.start);
                self.out.push(Event::InlineHtml(mark(placeholder::IMAGE, n).into()));
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Image)) {
                    j += 1;
                }
                return j + 1;
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: safe_url(dest_url),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if let Some(next) = self.callout(events, i) {
                    return next;
                }
                self.quotes.push(false);
                self.out.push(event.clone());
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                let callout = self.quotes.pop().unwrap_or(false);
                self.out.push(if callout { Event::Html("</div>\n".into()) } else { event.clone() });
            }
            Event::Start(tag @ (Tag::Paragraph | Tag::Item | Tag::TableCell)) => {
                self.out.push(event.clone());
                self.open_block_kind(match tag {
                    Tag::Item => BlockKind::ListItem,
                    Tag::TableCell => BlockKind::TableCell,
                    _ => BlockKind::Paragraph,
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.out.push(event.clone());
                self.close_block();
            }
            Event::Code(code) => {
                self.push_plain(code);
                self.out.push(event.clone());
            }
            Event::HardBreak => {
                self.push_plain("\n");
                self.out.push(event.clone());
            }
            Event::Html(_) => {
                // A raw HTML block arrives line by line; clean it as a whole.
                let mut block = String::new();
                let mut j = i;
                while let Some((Event::Html(line), _)) = events.get(j) {
                    block.push_str(line);
                    j += 1;
                }
                self.out.push(Event::Html(html::block(&block, self.raw_html).into()));
                return j;
            }
            Event::InlineHtml(tag) => {
                self.out.push(Event::InlineHtml(html::inline(tag, self.raw_html).into()));
            }
            _ => self.out.push(event.clone()),
        }
        i + 1
    }

    /// `> [!type] Titel` as the first line of a block quote: a callout. Returns the
    /// index to continue at, or `None` for an ordinary quote.
    fn callout(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> Option<usize> {
        if !matches!(events.get(i + 1), Some((Event::Start(Tag::Paragraph), _))) {
            return None;
        }
        let mut first_line = String::new();
        let mut j = i + 2;
        while let Some((Event::Text(t), _)) = events.get(j) {
            first_line.push_str(t);
            j += 1;
        }
        let rest = first_line.strip_prefix("[!")?;
        let (kind, title) = rest.split_once(']')?;
        if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return None;
        }
        let title = title.trim_start_matches(['+', '-']).trim();
        let title = if title.is_empty() { capitalize(kind) } else { title.to_string() };
        let class = slugify(kind);
        self.out.push(Event::Html(
            format!(
                "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
                escape_html(&title)
            )
            .into(),
        ));
        self.quotes.push(true);
        match events.get(j) {
            // The paragraph goes on after the title line.
            Some((Event::SoftBreak, _)) => {
                self.out.push(Event::Start(Tag::Paragraph));
                self.open_block();
                Some(j + 1)
            }
            // The title was the whole paragraph.
            Some((Event::End(TagEnd::Paragraph), _)) => Some(j + 1),
            _ => {
                self.out.push(Event::Start(Tag::Paragraph));
                self.open_block();
                Some(j)
            }
        }
    }

    /// Scans the pending text for wiki syntax and emits it.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        if pending.len() == 1 && !pending[0].0.contains('[') {
            let Some((text, _)) = pending.into_iter().next() else {
                return;
            };
            self.push_plain(&text);
            self.out.push(Event::Text(text));
            return;
        }
        // Merge, remembering where each piece came from.
        let mut merged = String::new();
        let mut pieces = Vec::with_capacity(pending.len());
        for (text, range) in &pending {
            pieces.push((merged.len(), range.start, text.len() == range.len()));
            merged.push_str(text);
        }
        let source = |at: usize| -> usize {
            let k = pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
            let (merged_start, src_start, exact) = pieces[k];
            src_start + if exact { at - merged_start } else { 0 }
        };
        let mut last = 0;
        for token in syntax::scan(&merged) {
            self.text(&merged[last..token.start]);
            last = token.end;
            let offset = source(token.start);
            match token.kind {
                TokenKind::WikiLink(link) => {
                    let kind = if link.embed { LinkKind::Embed } else { LinkKind::Wiki };
                    let n = self.wikilink(kind, link.target, link.anchor, link.label, offset);
                    if link.embed && is_image(link.target) {
                        self.out.push(Event::InlineHtml(mark(placeholder::IMAGE, n).into()));
                    } else if link.embed {
                        self.out.push(Event::Html(format!("</p>\n{}\n<p>", mark(placeholder::EMBED, n)).into()));
                    } else {
                        let shown = match (link.label, link.target, link.anchor) {
                            (Some(label), _, _) => label.to_string(),
                            (None, "", Some(anchor)) => anchor.to_string(),
                            (_, target, Some(anchor)) => format!("{target} › {anchor}"),
                            (_, target, None) => target.to_string(),
                        };
                        self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
                        self.text(&shown);
                        self.out.push(Event::InlineHtml("</a>".into()));
                    }
                }
                TokenKind::Citation(cites) => {
                    let n = self.doc.citations.len();
                    let items = cites
                        .iter()
                        .map(|c| CiteItem {
                            key: c.key.to_string(),
                            prefix: c.prefix.map(str::to_string),
                            locator: c.locator.map(Locator::parse),
                            offset: self.body_offset + source(c.key_offset),
                        })
                        .collect();
                    let block = self.current_block();
                    let quote = trailing_quote(&self.doc.blocks[block].text);
                    self.doc.citations.push(Citation {
                        items,
                        offset: self.body_offset + offset,
                        block,
                        anchor: format!("dc-{}", n + 1),
                        quote,
                    });
                    self.cited_at = Some((block, self.doc.blocks[block].text.len()));
                    self.out.push(Event::InlineHtml(mark(placeholder::CITATION, n).into()));
                }
            }
        }
        self.text(&merged[last..]);
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.push_plain(text);
            self.out.push(Event::Text(CowStr::from(text.to_string())));
        }
    }

    fn link(&mut self, kind: LinkKind, dest: &str, label: Option<String>, title: &str, at: usize) -> usize {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a))),
            None => (dest, None),
        };
        let block = Some(self.current_block());
        self.doc.links.push(Link {
            kind,
            target: percent_decode(path),
            anchor,
            label,
            title: Some(title.to_string()).filter(|t| !t.is_empty()),
            offset: self.body_offset + at,
            block,
        });
        self.doc.links.len() - 1
    }

    fn wikilink(
        &mut self,
        kind: LinkKind,
        target: &str,
        anchor: Option<&str>,
        label: Option<&str>,
        at: usize,
    ) -> usize {
        let block = Some(self.current_block());
        self.doc.links.push(Link {
            kind,
            target: target.to_string(),
            anchor: anchor.map(str::to_string),
            label: label.map(str::to_string),
            title: None,
            offset: self.body_offset + at,
            block,
        });
        self.doc.links.len() - 1
    }

    fn open_block(&mut self) {
        self.open_block_kind(BlockKind::Paragraph);
    }

    fn open_block_kind(&mut self, kind: BlockKind) {
        self.blocks.push(self.doc.blocks.len());
        self.doc.blocks.push(Block { text: String::new(), kind, figures: false });
    }

    fn close_block(&mut self) {
        let Some(b) = self.blocks.pop() else { return };
        // Citations and markup leave runs of spaces behind; contexts read better without.
        let collapsed = self.doc.blocks[b].text.split_whitespace().collect::<Vec<_>>().join(" ");
        let ends_cited = self.cited_at == Some((b, self.doc.blocks[b].text.len()));
        self.doc.blocks[b].figures = has_figure(&collapsed);
        self.doc.blocks[b].text = collapsed;
        let block = &self.doc.blocks[b];
        let text = block.text.trim();
        if self.doc.first_paragraph.is_none()
            && !text.is_empty()
            && block.kind != BlockKind::Heading
            && self.doc.headings.len() <= 1
        {
            self.doc.first_paragraph = Some(text.to_string());
        }
        // A block quote whose paragraph ends with a citation quotes the source.
        let in_quote = self.quotes.last() == Some(&false);
        if in_quote && ends_cited {
            let quote = block.text.trim().to_string();
            if let Some(c) = self.doc.citations.last_mut().filter(|c| c.quote.is_none()) {
                c.quote = Some(quote);
            }
        }
    }

    fn current_block(&mut self) -> usize {
        if self.blocks.is_empty() {
            self.open_block();
        }
        *self.blocks.last().unwrap_or(&0)
    }

    fn push_plain(&mut self, text: &str) {
        let b = self.current_block();
        let block = &mut self.doc.blocks[b].text;
        block.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() { "kop".to_string() } else { base };
        if self.ids.insert(base.clone()) {
            return base;
        }
        let n = self.suffixes.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Whether text has figures: a number, amount, percentage or date.
pub fn has_figure(text: &str) -> bool {
    // Every figure has a digit, `%` or `€`; most prose has none, and is done in one pass.
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b'%') && !text.contains('€') {
        return false;
    }
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')').any(|word| {
        let w = word.trim_matches(|c: char| ",.;:!?".contains(c));
        w.contains('%')
            || w.starts_with('€')
            || (w.chars().any(|c| c.is_ascii_digit()) && !w.chars().any(|c| c.is_alphabetic()))
    })
}

/// The quotation at the end of `text` (`… “woorden”`), if it ends with one.
fn trailing_quote(text: &str) -> Option<String> {
    let trimmed = text.trim_end();
    let (open, close) = match trimmed.chars().last()? {
        '”' => ('“', '”'),
        '"' => ('"', '"'),
        '»' => ('«', '»'),
        _ => return None,
    };
    let inner = &trimmed[..trimmed.len() - close.len_utf8()];
    let start = inner.rfind(open)?;
    let quote = inner[start + open.len_utf8()..].trim();
    (!quote.is_empty()).then(|| quote.to_string())
}

/// Plain text of events from `start` until `stop` matches.
fn plain_until(events: &[(Event<'_>, Range<usize>)], start: usize, stop: impl Fn(&Event<'_>) -> bool) -> String {
    let mut text = String::new();
    for (event, _) in &events[start..] {
        if stop(event) {
            break;
        }
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    // Wikilinks in headings show their label or target.
    let mut shown = String::with_capacity(text.len());
    let mut last = 0;
    for token in syntax::scan(&text) {
        shown.push_str(&text[last..token.start]);
        if let TokenKind::WikiLink(l) = token.kind {
            shown.push_str(l.label.unwrap_or(l.target));
        }
        last = token.end;
    }
    shown.push_str(&text[last..]);
    shown.trim().to_string()
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}

/// External URLs with a scheme that runs code are neutralised.
fn safe_url<'a>(url: &CowStr<'a>) -> CowStr<'a> {
    let scheme = url.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
    if url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
        CowStr::from("#")
    } else {
        url.clone()
    }
}

#[cfg(test)]
mod tests;
