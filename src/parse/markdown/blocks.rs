//! Block-level Markdown: headings (ids, anchors, the attribute policy), code blocks
//! (highlighted), callouts, and raw HTML blocks.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::{capitalize, mark, plain_until, Pass};
use crate::config::RawHtml;
use crate::model::{placeholder, BlockKind, Heading};
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
        self.out.push(Event::Html(html::block(&block, self.raw_html).into()));
        j
    }

    /// `> [!type] Titel` as the first line of a block quote: a callout. Returns the
    /// index to continue at, or `None` for an ordinary quote.
    pub(super) fn callout(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> Option<usize> {
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
}
