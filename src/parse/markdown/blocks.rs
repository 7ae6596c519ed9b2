//! Block-level Markdown: headings (ids, anchors, the attribute policy), code blocks
//! (highlighted), callouts, and raw HTML blocks.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{capitalize, mark, plain_until, Pass, Quote};
use crate::config::RawHtml;
use crate::model::{placeholder, BlockKind, Heading, LinkKind, MARK};
use crate::parse::{highlight, html};
use crate::text::{escape_html, slugify};

impl<'a> Pass<'a> {
    pub(super) fn heading_start(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) {
        let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[i].0 else { return };
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
        self.doc.headings.push(Heading { level: *level as u8, text, id: id.clone() });
        self.out.push(Event::Html(mark(placeholder::HEADING, n).into()));
        self.out.push(Event::Start(Tag::Heading { level: *level, id: Some(id.into()), classes, attrs }));
        self.open_block_kind(BlockKind::Heading);
    }

    pub(super) fn heading_end(&mut self, level: HeadingLevel) {
        let id = &self.doc.headings.last().map(|h| h.id.clone()).unwrap_or_default();
        self.out.push(Event::InlineHtml(
            format!("<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>", escape_html(id))
                .into(),
        ));
        self.out.push(Event::End(TagEnd::Heading(level)));
        self.close_block();
    }

    /// A fenced or indented code block, highlighted. Returns the index after it.
    pub(super) fn code_block(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let lang = match &events[i].0 {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.to_string(),
            _ => String::new(),
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
        j + 1
    }

    /// A raw HTML block, which arrives line by line: cleaned as a whole. Returns the
    /// index after it.
    pub(super) fn html_block(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let mut block = String::new();
        let mut j = i;
        while let Some((Event::Html(line), _)) = events.get(j) {
            block.push_str(line);
            j += 1;
        }
        let pieces = self.html.clean(&block, self.raw_html, true);
        self.raw_pieces(pieces, events[i].1.start, true);
        j
    }

    /// Sanitized raw HTML into the output: its relative links and images become links
    /// like Markdown's, resolved and checked.
    pub(super) fn raw_pieces(&mut self, pieces: Vec<html::Piece>, at: usize, block: bool) {
        for piece in pieces {
            match piece {
                html::Piece::Html(h) if block => self.out.push(Event::Html(h.into())),
                html::Piece::Html(h) => self.out.push(Event::InlineHtml(h.into())),
                html::Piece::Link { dest, title } => {
                    let n = self.link(LinkKind::Markdown, &dest, None, title.as_deref().unwrap_or(""), at);
                    self.raw_links.push(n);
                    self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
                }
                html::Piece::LinkEnd => {
                    if let Some(n) = self.raw_links.pop() {
                        self.out.push(Event::InlineHtml(mark(placeholder::LINK_END, n).into()));
                    }
                }
                html::Piece::Image { src, alt, title } => {
                    let n = self.link(LinkKind::Image, &src, Some(alt), title.as_deref().unwrap_or(""), at);
                    self.out.push(Event::InlineHtml(mark(placeholder::IMAGE, n).into()));
                }
            }
        }
    }

    /// `> [!type] Titel` as the first line of a block quote: a callout, its title with
    /// inline markup and links; `[!type]-` folded (`<details>`), `[!type]+` foldable and
    /// open. Returns the index to continue at, or `None` for an ordinary quote.
    pub(super) fn callout(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> Option<usize> {
        if !matches!(events.get(i + 1), Some((Event::Start(Tag::Paragraph), _))) {
            return None;
        }
        let (Event::Text(first), first_range) = events.get(i + 2)? else { return None };
        let rest = first.strip_prefix("[!")?;
        let (kind, after) = rest.split_once(']')?;
        if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return None;
        }
        let fold = match after.chars().next() {
            Some('-') => Some(false),
            Some('+') => Some(true),
            _ => None,
        };
        let title_text = after.trim_start_matches(['+', '-']).trim_start();
        // The title: the rest of the first line, inline markup and links included.
        let mut end = i + 3;
        let mut depth = 0usize;
        while let Some((event, _)) = events.get(end) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(TagEnd::Paragraph) if depth == 0 => break,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::SoftBreak | Event::HardBreak if depth == 0 => break,
                _ => {}
            }
            end += 1;
        }
        let class = slugify(kind);
        let (open, close) = match fold {
            Some(expanded) => (
                format!(
                    "<details class=\"callout callout-{class}\"{}>\n<summary class=\"callout-title\">",
                    if expanded { " open" } else { "" }
                ),
                "</summary>\n",
            ),
            None => (
                format!("<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">"),
                "</p>\n",
            ),
        };
        self.out.push(Event::Html(open.into()));
        self.quotes.push(if fold.is_some() { Quote::Foldable } else { Quote::Callout });
        let stripped = first.len() - title_text.len();
        let mut title: Vec<(Event<'a>, Range<usize>)> = Vec::with_capacity(end - i - 2);
        let shown_range = first_range.start + stripped.min(first_range.len())..first_range.end;
        if title_text.trim().is_empty() && end == i + 3 {
            title.push((Event::Text(capitalize(kind).into()), shown_range));
        } else {
            title.push((Event::Text(CowStr::from(title_text.to_string())), shown_range));
            title.extend(events[i + 3..end].iter().cloned());
        }
        self.open_block_kind(BlockKind::Paragraph);
        self.run(&title);
        self.close_block();
        self.out.push(Event::Html(close.into()));
        match events.get(end) {
            // The paragraph goes on after the title line.
            Some((Event::SoftBreak | Event::HardBreak, _)) => {
                self.depth += 1;
                self.block_starts.push(self.out.len());
                self.out.push(Event::Start(Tag::Paragraph));
                self.open_block();
                Some(end + 1)
            }
            // The title was the whole paragraph.
            Some((Event::End(TagEnd::Paragraph), _)) => Some(end + 1),
            _ => Some(end),
        }
    }

    /// A block id (Obsidian): `^id` at the end of a paragraph or list item names that
    /// block; `^id` alone in a paragraph names the block before it (a table, a quote).
    /// The marker leaves the text; the block gets the id (`id="^id"`, as Obsidian links
    /// it) and marks in the HTML around it, so an embed can take just that block.
    pub(super) fn block_id(&mut self, b: usize, start: usize, paragraph: bool) {
        self.block_id_marker(b, start, paragraph);
        // The summary is what the reader sees: without the marker, or the next block.
        if self.first_block == Some(b) {
            let text = self.doc.blocks[b].text.trim();
            self.doc.first_paragraph = (!text.is_empty()).then(|| text.to_string());
            if text.is_empty() {
                self.first_block = None;
            }
        }
    }

    fn block_id_marker(&mut self, b: usize, start: usize, paragraph: bool) {
        let text = self.doc.blocks[b].text.trim_end();
        let Some((before, id)) = text.rsplit_once('^') else { return };
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return;
        }
        let alone = before.trim().is_empty();
        if !alone && !before.ends_with(char::is_whitespace) {
            return;
        }
        let id = id.to_string();
        let marker = format!("^{id}");
        if alone && paragraph {
            // Names the block before: this paragraph goes.
            let Some(target) = self.last_top.filter(|&t| t < start) else { return };
            self.out.truncate(start);
            self.doc.blocks[b].text.clear();
            self.mark_block(target, id);
            return;
        }
        // Drop the marker from the last text of the block.
        if let Some(Event::Text(t)) = self.out[start..].iter_mut().rev().find(|e| matches!(e, Event::Text(_))) {
            if let Some(cut) = t.trim_end().strip_suffix(marker.as_str()) {
                *t = CowStr::from(cut.trim_end().to_string());
            }
        }
        let kept = before.trim_end().to_string();
        self.doc.blocks[b].text = kept;
        self.mark_block(start, id);
    }

    /// Puts block mark `n` before the event at `at` and after the last event so far.
    fn mark_block(&mut self, at: usize, id: String) {
        let n = self.doc.block_ids.len();
        self.doc.block_ids.push(id);
        self.out.insert(at, Event::Html(mark(placeholder::BLOCK, n).into()));
        self.out.push(Event::Html(mark(placeholder::BLOCK_END, n).into()));
    }

    /// `$…$` and `$$…$$`: MathML, made now (no script in the page), with the TeX kept
    /// beside it for search and copying. TeX that does not convert is shown as written.
    pub(super) fn math(&mut self, tex: &str, display: bool, at: usize) {
        let html = super::math::render(tex, display);
        if html.is_none() {
            self.doc
                .warnings
                .push((self.body_offset + at, format!("cannot read the formula `{}`", crate::text::truncate(tex, 60))));
        }
        let class = if display { "math math-display" } else { "math math-inline" };
        let inner = html.unwrap_or_else(|| format!("<code>{}</code>", escape_html(tex)));
        self.push_plain(tex.trim());
        // A span either way (a `$$` inside a paragraph may not be a block element);
        // the theme shows display maths as a block.
        let out = format!("<span class=\"{class}\" data-tex=\"{}\">{inner}</span>", escape_html(tex.trim()));
        if display && self.depth == 0 {
            self.out.push(Event::Html(format!("<p class=\"math-block\">{out}</p>\n").into()));
        } else {
            self.out.push(Event::InlineHtml(out.into()));
        }
    }
}

/// The HTML with each marked block's id put on its first tag: `\x1AB3\x1A<p>` becomes
/// `\x1AB3\x1A<p id="^id">` (the mark stays, for embeds of the block).
pub(super) fn with_block_ids(html: String, ids: &[String]) -> String {
    if ids.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + ids.len() * 16);
    let mut rest = html.as_str();
    let open = format!("{MARK}{}", placeholder::BLOCK);
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        let Some(end) = after.find(MARK) else { break };
        let n: Option<usize> = after[..end].parse().ok();
        let mark_end = at + open.len() + end + 1;
        out.push_str(&rest[..mark_end]);
        rest = &rest[mark_end..];
        let (Some(id), Some(tag)) = (n.and_then(|n| ids.get(n)), rest.find('<')) else { continue };
        let name_end = rest[tag + 1..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(rest.len(), |e| tag + 1 + e);
        out.push_str(&rest[..name_end]);
        out.push_str(&format!(" id=\"{}\"", escape_html(id_attr(id).as_str())));
        rest = &rest[name_end..];
    }
    out.push_str(rest);
    out
}

/// The id attribute of block `id`.
pub fn id_attr(id: &str) -> String {
    format!("^{id}")
}
