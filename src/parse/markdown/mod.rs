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

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::syntax::{self, TokenKind};
use crate::config::RawHtml;
use crate::model::{Block, BlockKind, Document, MARK};

mod blocks;
mod inline;
mod math;
mod prepass;

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
        | Options::ENABLE_MATH
}

/// Compiles the body of a page. `body_offset` is where `body` starts in the file, so
/// recorded offsets are file offsets.
pub fn compile(body: &str, body_offset: usize, raw_html: RawHtml) -> Document {
    let prepared = prepass::prepare(body);
    let text = &*prepared.text;
    let events = events(text);
    let mut pass = Pass {
        body: text,
        body_offset,
        raw_html,
        admonitions: prepared.admonitions,
        maths: prepared.maths,
        ..Pass::default()
    };
    pass.ids.extend(RESERVED_IDS.iter().map(|id| id.to_string()));
    pass.run(&events);
    pass.admonitions_at(usize::MAX);
    pass.close_admonitions(usize::MAX);
    let closing = pass.html.finish();
    pass.raw_pieces(closing, body.len(), true);
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    pulldown_cmark::html::push_html(&mut html, pass.out.into_iter());
    // Block embeds inside a paragraph close and reopen it; drop what that leaves empty.
    let html = html.replace("<p></p>\n", "").replace("<p></p>", "");
    pass.doc.html = blocks::with_block_ids(html, &pass.doc.block_ids);
    pass.doc
}

/// Ids the default theme gives its own elements on every page: a heading is never given
/// one of these (`## Main` becomes `main-2`), so links and the skip link stay right.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "sidebar",
    "search-input",
    "search-status",
    "search-results",
    "dossier-references",
    "dossier-backlinks",
    "dossier-related",
    "dossier-toc",
    "dossier-local-graph",
    "dossier-source",
    "dossier-cited-by",
    "dossier-graph-list",
    "graph",
    "graph-help",
    "timeline",
    "timeline-tools",
    "not-found-suggestions",
];

/// The body's events, with runs of text that the parser split (every `[` may open a
/// link, so `[[[[` is four events) joined back into one, borrowed from the body: 4 MB
/// of `[` were 4 million events and took 1.1 GB.
fn events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let mut out: Vec<(Event<'_>, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // Borrowed straight from the body at its range (not an entity or escape the parser
        // replaced): a pointer comparison, so a long run stays linear.
        let exact = |text: &str, range: &Range<usize>| {
            text.len() == range.len() && body.get(range.start..).is_some_and(|b| b.as_ptr() == text.as_ptr())
        };
        if let (Event::Text(text), Some((Event::Text(last), last_range))) = (&event, out.last_mut()) {
            if last_range.end == range.start && exact(last, last_range) && exact(text, &range) {
                *last_range = last_range.start..range.end;
                *last = CowStr::Borrowed(&body[last_range.clone()]);
                continue;
            }
        }
        out.push((event, range));
    }
    out
}

/// What an open block quote is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    Plain,
    Callout,
    Foldable,
}

#[derive(Default)]
struct Pass<'a> {
    /// The body as parsed (after the pre-pass), which event ranges index into.
    body: &'a str,
    body_offset: usize,
    raw_html: RawHtml,
    doc: Document,
    out: Vec<Event<'a>>,
    /// Text waiting to be scanned for wiki syntax: (text, source range).
    pending: Vec<(CowStr<'a>, Range<usize>)>,
    /// Open blocks collecting plain text (indices into `doc.blocks`), and where each
    /// one's start event is in `out`.
    blocks: Vec<usize>,
    block_starts: Vec<usize>,
    ids: HashSet<String>,
    /// Next suffix to try per id base, so many equal headings stay linear.
    suffixes: HashMap<String, usize>,
    /// Open block quotes.
    quotes: Vec<Quote>,
    /// Block and text length right after the last citation, to tell whether a block
    /// quote ends with it.
    cited_at: Option<(usize, usize)>,
    /// The block `doc.first_paragraph` was taken from, while a `^id` may still change it.
    first_block: Option<usize>,
    /// Nesting of block containers, to tell top-level blocks.
    depth: usize,
    /// Where in `out` the last top-level block started, for a `^id` on its own line.
    last_top: Option<usize>,
    top_start: Option<usize>,
    /// Docusaurus admonitions, by start; how many are opened, and which are open.
    admonitions: Vec<prepass::Admonition>,
    next_admonition: usize,
    open_admonitions: Vec<usize>,
    /// Display maths taken out by the pre-pass, by place, and how many are put back.
    maths: Vec<(usize, String)>,
    next_math: usize,
    /// Markdown links open: the link's index where it is internal (a placeholder).
    links_open: Vec<Option<usize>>,
    /// Raw HTML, tag by tag over the page, and its links still open.
    html: html::Sanitizer,
    raw_links: Vec<usize>,
}

impl<'a> Pass<'a> {
    fn run(&mut self, events: &[(Event<'a>, Range<usize>)]) {
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Text(text) => self.pending.push((text.clone(), range.clone())),
                Event::SoftBreak => self.pending.push(("\n".into(), range.clone())),
                // Inline HTML inside `[[…]]` would split the wikilink in two, and it
                // would silently stop being one: keep it in the link's text instead, so
                // the link is resolved (or reported, as a target nothing is named).
                Event::InlineHtml(html) if self.in_wikilink() => self.pending.push((html.clone(), range.clone())),
                _ => {
                    self.flush();
                    if self.depth == 0 && matches!(event, Event::Start(_) | Event::Html(_) | Event::Rule) {
                        self.admonitions_at(range.start);
                        self.top_start = Some(self.out.len());
                    }
                    let mut top_ended = false;
                    match event {
                        Event::Start(tag) if is_container(tag) => self.depth += 1,
                        Event::End(tag) if is_container_end(tag) => {
                            self.depth = self.depth.saturating_sub(1);
                            top_ended = self.depth == 0;
                        }
                        _ => {}
                    }
                    let started = self.top_start;
                    i = self.event(events, i);
                    // After the block's own end is handled: a `^id` paragraph names the
                    // block before it, not itself.
                    if top_ended {
                        self.last_top = started;
                    }
                    continue;
                }
            }
            i += 1;
        }
        self.flush();
    }

    /// Opens the admonitions that start before `offset`, closing first those that end
    /// before it.
    fn admonitions_at(&mut self, offset: usize) {
        while let Some((at, tex)) = self.maths.get(self.next_math).filter(|(at, _)| *at <= offset).cloned() {
            // Admonitions around it open and close first.
            self.close_admonitions(at);
            self.open_admonitions_at(at);
            self.next_math += 1;
            self.open_block_kind(BlockKind::Paragraph);
            self.math(&tex, true, at);
            self.close_block();
        }
        self.close_admonitions(offset);
        self.open_admonitions_at(offset);
    }

    fn open_admonitions_at(&mut self, offset: usize) {
        while let Some(a) = self.admonitions.get(self.next_admonition).filter(|a| a.start <= offset) {
            let class = crate::text::slugify(&a.kind);
            let title = a.title.clone().unwrap_or_else(|| capitalize(&a.kind));
            let html = format!(
                "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
                crate::text::escape_html(&title)
            );
            self.out.push(Event::Html(html.into()));
            self.open_admonitions.push(self.next_admonition);
            self.next_admonition += 1;
        }
    }

    fn close_admonitions(&mut self, offset: usize) {
        while let Some(&a) = self.open_admonitions.last() {
            if self.admonitions[a].end > offset {
                break;
            }
            self.open_admonitions.pop();
            self.out.push(Event::Html("</div>\n".into()));
        }
    }

    /// Whether the text waiting to be scanned has a `[[` not yet closed on its line.
    fn in_wikilink(&self) -> bool {
        let mut open = false;
        for (text, _) in &self.pending {
            let (opened, closed) = (text.rfind("[["), text.rfind("]]").or_else(|| text.rfind('\n')));
            match (opened, closed) {
                (Some(o), Some(c)) => open = o > c,
                (Some(_), None) => open = true,
                (None, Some(_)) => open = false,
                (None, None) => {}
            }
        }
        open
    }

    /// Handles the non-text event at `i`; returns the index of the next event.
    fn event(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading_start(events, i),
            Event::End(TagEnd::Heading(level)) => self.heading_end(*level),
            Event::Start(Tag::CodeBlock(_)) => return self.code_block(events, i),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                self.link_start(*link_type, dest_url, title, range.start)
            }
            Event::End(TagEnd::Link) => self.link_end(),
            Event::Start(Tag::Image { .. }) => return self.image(events, i),
            Event::Start(Tag::BlockQuote(_)) => {
                if let Some(next) = self.callout(events, i) {
                    return next;
                }
                self.quotes.push(Quote::Plain);
                self.out.push(event.clone());
            }
            Event::End(TagEnd::BlockQuote(_)) => match self.quotes.pop() {
                Some(Quote::Callout) => self.out.push(Event::Html("</div>\n".into())),
                Some(Quote::Foldable) => self.out.push(Event::Html("</details>\n".into())),
                _ => self.out.push(event.clone()),
            },
            Event::InlineMath(tex) => self.math(tex, false, range.start),
            Event::DisplayMath(tex) => self.math(tex, true, range.start),
            Event::Start(tag @ (Tag::Paragraph | Tag::Item | Tag::TableCell)) => {
                self.block_starts.push(self.out.len());
                self.out.push(event.clone());
                self.open_block_kind(match tag {
                    Tag::Item => BlockKind::ListItem,
                    Tag::TableCell => BlockKind::TableCell,
                    _ => BlockKind::Paragraph,
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.out.push(event.clone());
                let start = self.block_starts.pop();
                let b = self.close_block();
                if let (Some(start), Some(b)) = (start, b) {
                    self.block_id(b, start, matches!(event, Event::End(TagEnd::Paragraph)));
                }
            }
            Event::Code(code) => {
                self.push_plain(code);
                self.out.push(event.clone());
            }
            Event::HardBreak => {
                self.push_plain("\n");
                self.out.push(event.clone());
            }
            Event::Html(_) => return self.html_block(events, i),
            // Footnote labels become ids: note text like any other attribute, so made
            // safe, and prefixed so they cannot clash with heading ids.
            Event::FootnoteReference(label) => self.out.push(Event::FootnoteReference(footnote_id(label).into())),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.out.push(Event::Start(Tag::FootnoteDefinition(footnote_id(label).into())));
            }
            Event::InlineHtml(tag) => {
                let pieces = self.html.clean(tag, self.raw_html, false);
                self.raw_pieces(pieces, range.start, false);
            }
            _ => self.out.push(event.clone()),
        }
        i + 1
    }

    fn open_block(&mut self) {
        self.open_block_kind(BlockKind::Paragraph);
    }

    fn open_block_kind(&mut self, kind: BlockKind) {
        self.blocks.push(self.doc.blocks.len());
        self.doc.blocks.push(Block { text: String::new(), kind, figures: false });
    }

    /// Closes the innermost open block; returns its index.
    fn close_block(&mut self) -> Option<usize> {
        let b = self.blocks.pop()?;
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
            self.first_block = Some(b);
        }
        // A block quote whose paragraph ends with a citation quotes the source.
        let in_quote = self.quotes.last() == Some(&Quote::Plain);
        if in_quote && ends_cited {
            let quote = block.text.trim().to_string();
            if let Some(c) = self.doc.citations.last_mut().filter(|c| c.quote.is_none()) {
                c.quote = Some(quote);
            }
        }
        Some(b)
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

/// Block containers: a block inside one is not at the top level.
fn is_container(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The id of a footnote: `fn-` and the label's slug.
fn footnote_id(label: &str) -> String {
    format!("fn-{}", crate::text::slugify(label))
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
        match token.kind {
            TokenKind::WikiLink(l) => shown.push_str(l.label.unwrap_or(l.target)),
            TokenKind::MarkdownLink { label, .. } => shown.push_str(label),
            TokenKind::Citation(_) => {}
        }
        last = token.end;
    }
    shown.push_str(&text[last..]);
    shown.trim().to_string()
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
