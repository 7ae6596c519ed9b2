//! Inline Markdown: text scanned for wiki syntax (wikilinks, embeds, citations),
//! Markdown links and images. Whatever points at another page becomes a placeholder.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{mark, plain_until, safe_url, trailing_quote, Pass};
use crate::model::url::percent_decode;
use crate::model::{is_external, is_image, placeholder, Citation, CiteItem, Link, LinkKind, Locator};
use crate::parse::syntax::{self, TokenKind};

impl<'a> Pass<'a> {
    /// `[text](dest "title")`: an external link as it is (script URLs neutralised), an
    /// internal one as a placeholder.
    pub(super) fn link_start(&mut self, link_type: LinkType, dest: &CowStr<'a>, title: &CowStr<'a>, at: usize) {
        if matches!(link_type, LinkType::Autolink | LinkType::Email) || is_external(dest) {
            self.out.push(Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest),
                title: title.clone(),
                id: CowStr::from(""),
            }));
            self.links_open.push(None);
        } else {
            let n = self.link(LinkKind::Markdown, dest, None, title, at);
            self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
            self.links_open.push(Some(n));
        }
    }

    /// The end of a Markdown link: `</a>`, or a placeholder where the link is internal
    /// (render closes what it opened: a link, or the text of one that does not resolve).
    pub(super) fn link_end(&mut self) {
        match self.links_open.pop().flatten() {
            Some(n) => self.out.push(Event::InlineHtml(mark(placeholder::LINK_END, n).into())),
            None => self.out.push(Event::End(TagEnd::Link)),
        }
    }

    /// `![alt](src)`. Returns the index after it.
    pub(super) fn image(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let (event, range) = &events[i];
        let Event::Start(Tag::Image { link_type, dest_url, title, id }) = event else { return i + 1 };
        if is_external(dest_url) {
            self.out.push(Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: safe_url(dest_url),
                title: title.clone(),
                id: id.clone(),
            }));
            return i + 1;
        }
        let alt = plain_until(events, i + 1, |e| matches!(e, Event::End(TagEnd::Image)));
        let n = self.link(LinkKind::Image, dest_url, Some(alt), title, range.start);
        self.out.push(Event::InlineHtml(mark(placeholder::IMAGE, n).into()));
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Image)) {
            j += 1;
        }
        j + 1
    }

    /// Scans the pending text for wiki syntax and emits it.
    pub(super) fn flush(&mut self) {
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
        // A bracket the parser took from an escape (`\[\[literal\]\]`) opens nothing: it
        // starts a piece of text, right after the backslash the parser dropped.
        let body = self.body.as_bytes();
        let escaped = |at: usize| -> bool {
            let k = pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
            let (merged_start, src_start, _) = pieces[k];
            at == merged_start && src_start > 0 && body.get(src_start - 1) == Some(&b'\\')
        };
        let mut last = 0;
        for token in syntax::scan(&merged) {
            let first = if merged[token.start..].starts_with('!') { token.start + 1 } else { token.start };
            if escaped(first) || escaped(first + 1) {
                continue;
            }
            self.text(&merged[last..token.start]);
            last = token.end;
            let offset = source(token.start);
            match token.kind {
                TokenKind::MarkdownLink { label, dest } => {
                    let n = self.link(LinkKind::Markdown, dest, None, "", offset);
                    self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
                    self.text(label);
                    self.out.push(Event::InlineHtml(mark(placeholder::LINK_END, n).into()));
                }
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
                            (None, "", Some(anchor)) => anchor.replace('#', " › "),
                            (_, target, Some(anchor)) => format!("{target} › {}", anchor.replace('#', " › ")),
                            (_, target, None) => target.to_string(),
                        };
                        self.out.push(Event::InlineHtml(mark(placeholder::LINK, n).into()));
                        self.text(&shown);
                        self.out.push(Event::InlineHtml(mark(placeholder::LINK_END, n).into()));
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

    pub(super) fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.push_plain(text);
            self.out.push(Event::Text(CowStr::from(text.to_string())));
        }
    }

    pub(super) fn link(&mut self, kind: LinkKind, dest: &str, label: Option<String>, title: &str, at: usize) -> usize {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a))),
            None => (dest, None),
        };
        // A query means nothing to a static page (`x.md?tab=2`, `#kop?taal=nl`).
        let path = path.split('?').next().unwrap_or_default();
        let anchor = anchor.map(|a| a.split('?').next().unwrap_or_default().to_string());
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

    pub(super) fn wikilink(
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
}
