//! Page bodies: the placeholders the Markdown pass left are replaced with links,
//! images, embeds and citation markers, now that the whole site is known. URLs are
//! written relative to the page being rendered.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::sources::full_citation;
use crate::model::page::{MAX_EMBED_BYTES, MAX_EMBED_DEPTH};
use crate::model::url::fragment;
use crate::model::{placeholder, relative_url, Page, PageId, Site, Target, MARK};
use crate::text::{escape_html, escape_into};

/// The start of the text of a link that leads nowhere: a broken one says why (its title,
/// and a class the theme marks), a link to an unpublished page is plain text.
fn unresolved_open(out: &mut String, target: &Target) {
    match target {
        Target::Broken(why) => {
            out.push_str("<span class=\"unresolved\" title=\"");
            escape_into(out, why);
            out.push_str("\">");
        }
        _ => out.push_str("<span class=\"unpublished\">"),
    }
}

/// The address a printed page shows for a link into the site: absolute with `base_url`,
/// else the path from the site's root. `None` for external links, which print their own.
pub fn print_url(site: &Site, target: &Target) -> Option<String> {
    let (url, anchor) = match target {
        Target::Page { page, anchor } => (site.pages[*page].url.as_str(), anchor.as_deref()),
        Target::Generated { url, anchor } => (url.as_str(), anchor.as_deref()),
        Target::Asset { asset } => (site.assets[*asset].url.as_str(), None),
        Target::External(_) | Target::Hidden | Target::Broken(_) => return None,
    };
    let mut out = site.config.base_url().unwrap_or_default();
    out.push_str(url);
    if let Some(a) = anchor {
        out.push('#');
        out.push_str(&fragment(a));
    }
    Some(out)
}

/// Per-page numbering of cited sources: source page → number, in order of first use.
#[derive(Debug, Default)]
pub struct Numbering {
    pub numbers: BTreeMap<PageId, usize>,
    pub order: Vec<PageId>,
}

impl Numbering {
    pub fn new(site: &Site, page: &Page) -> Numbering {
        Numbering::across(site, [page])
    }

    /// Sources numbered in order of first citation across `pages`, as one document (a
    /// print view) numbers them.
    pub fn across<'p>(site: &Site, pages: impl IntoIterator<Item = &'p Page>) -> Numbering {
        let mut n = Numbering::default();
        for c in pages.into_iter().flat_map(|page| &page.doc.citations) {
            for item in &c.items {
                if let Some(&source) = site.sources.get(&item.key) {
                    if !n.numbers.contains_key(&source) {
                        n.order.push(source);
                        n.numbers.insert(source, n.order.len());
                    }
                }
            }
        }
        n
    }
}

/// Renders `page`'s body for output at `page.url`.
pub fn render(site: &Site, page: &Page, numbering: &Numbering) -> String {
    render_linked(site, page, numbering).0
}

/// Renders `page`'s body for output at `page.url`, with the pages (and anchors) its
/// links lead to, in order of appearance, embedded text included: what its link
/// previews need.
pub fn render_linked(site: &Site, page: &Page, numbering: &Numbering) -> (String, Vec<(PageId, Option<String>)>) {
    let out = String::with_capacity(page.doc.html.len() + 1024);
    let mut body = Body { site, at: &page.url, numbering, out, linked: Vec::new(), print: None };
    body.expand(page, &page.doc.html, &mut vec![(page.id, None)]);
    (body.out, body.linked)
}

/// Renders `page`'s body as a section of a print view at `at`: citation markers lead to
/// the view's one reference list (`#dr-N`, numbered by `numbering` across the view),
/// never to a source's reading view, and links to the page's own headings stay in the
/// document (`#id`, for the view to give its prefix).
pub fn render_for_print(site: &Site, page: &Page, at: &str, numbering: &Numbering) -> String {
    let out = String::with_capacity(page.doc.html.len() + 1024);
    let mut body = Body { site, at, numbering, out, linked: Vec::new(), print: Some(page.id) };
    body.expand(page, &page.doc.html, &mut vec![(page.id, None)]);
    body.out
}

/// How a heading's anchor link starts (written by `parse::markdown`).
const ANCHOR: &str = "<a class=\"anchor\" href=\"#";

/// A page body being rendered: the site, where the page is written, its citation
/// numbering, and the HTML so far. Embedded pages are expanded into the same buffer, so
/// a chain of embeds costs its length, not a copy per level.
struct Body<'a> {
    site: &'a Site,
    /// Output path of the page being rendered (embedded pages' links are relative to it).
    at: &'a str,
    numbering: &'a Numbering,
    out: String,
    /// The pages links lead to, as they are written.
    linked: Vec<(PageId, Option<String>)>,
    /// The page a print view is rendering ([`render_for_print`]).
    print: Option<PageId>,
}

impl Body<'_> {
    /// Copies `html` (a fragment of `content`'s body) to the output, substituting
    /// placeholders. `stack` holds the page and the fragments embedding `content`: more than
    /// one entry means `content` is embedded, so its citations link to the source
    /// directly and its ids are renamed (repeated, they would clash with the page's).
    fn expand(&mut self, content: &Page, html: &str, stack: &mut Vec<(PageId, Option<String>)>) {
        let embedded = stack.len() > 1;
        let mut rest = html;
        while let Some(start) = rest.find(MARK) {
            self.literal(&rest[..start], embedded);
            let after = &rest[start + 1..];
            let Some(end) = after.find(MARK) else {
                self.literal(&rest[start..], embedded);
                return;
            };
            let token = &after[..end];
            rest = &after[end + 1..];
            let mut chars = token.chars();
            let kind = chars.next().unwrap_or(' ');
            let Ok(n) = chars.as_str().parse::<usize>() else {
                continue;
            };
            match kind {
                placeholder::LINK => self.link_open(content, n),
                placeholder::LINK_END => self.link_close(content, n),
                placeholder::IMAGE => self.image(content, n),
                placeholder::EMBED => self.embed(content, n, stack),
                placeholder::CITATION => self.marker(content, n, embedded),
                _ => {}
            }
        }
        self.literal(rest, embedded);
    }

    /// Body HTML as it is, or inside an embed without its ids (repeated, they would
    /// clash with the page's) and without the heading anchors that link to them.
    fn literal(&mut self, html: &str, embedded: bool) {
        if !embedded || !(html.contains(" id=\"") || html.contains(ANCHOR)) {
            self.out.push_str(html);
            return;
        }
        let mut rest = html;
        while let Some(start) = rest.find(ANCHOR) {
            self.out.push_str(&rest[..start].replace(" id=\"", " data-embedded-id=\""));
            let end = rest[start..].find("</a>").map_or(rest.len(), |e| start + e + 4);
            rest = &rest[end..];
        }
        self.out.push_str(&rest.replace(" id=\"", " data-embedded-id=\""));
    }

    fn href(&self, target: &Target) -> Option<String> {
        let site = self.site;
        match target {
            Target::Page { page, anchor } => {
                let url = &site.pages[*page].url;
                // In a print view, a note's link to its own heading stays in its section.
                let here = url == self.at || self.print == Some(*page);
                let mut href = if here && anchor.is_some() { String::new() } else { relative_url(self.at, url) };
                if let Some(a) = anchor {
                    href.push('#');
                    href.push_str(&fragment(a));
                }
                Some(href)
            }
            Target::Asset { asset } => Some(relative_url(self.at, &site.assets[*asset].url)),
            Target::External(url) => Some(url.clone()),
            Target::Generated { url, anchor } => {
                let mut href = relative_url(self.at, url);
                if let Some(a) = anchor {
                    href.push('#');
                    href.push_str(&fragment(a));
                }
                Some(href)
            }
            Target::Hidden | Target::Broken(_) => None,
        }
    }

    fn link_open(&mut self, content: &Page, n: usize) {
        let target = &self.site.targets[content.id][n];
        let link = &content.doc.links[n];
        let Some(h) = self.href(target) else {
            unresolved_open(&mut self.out, target);
            return;
        };
        let out = &mut self.out;
        out.push_str("<a href=\"");
        escape_into(out, &h);
        out.push('"');
        if let Target::Page { page, anchor } = target {
            self.linked.push((*page, anchor.clone()));
            out.push_str(" class=\"internal\" data-page=\"");
            escape_into(out, &self.site.pages[*page].url);
            out.push('"');
        }
        if let Some(url) = print_url(self.site, target).filter(|_| !h.starts_with('#')) {
            // What a printed page shows after the link's text (the theme's print CSS).
            out.push_str(" data-print-url=\"");
            escape_into(out, &url);
            out.push('"');
        }
        if let Some(t) = &link.title {
            out.push_str(" title=\"");
            escape_into(out, t);
            out.push('"');
        }
        out.push('>');
    }

    fn link_close(&mut self, content: &Page, n: usize) {
        let resolved = self.href(&self.site.targets[content.id][n]).is_some();
        self.out.push_str(if resolved { "</a>" } else { "</span>" });
    }

    fn image(&mut self, content: &Page, n: usize) {
        let link = &content.doc.links[n];
        let target = &self.site.targets[content.id][n];
        let label = link.label.as_deref().unwrap_or("");
        let (alt, width) = match label.parse::<u32>() {
            Ok(w) if link.kind == crate::model::LinkKind::Embed => (link.target.as_str(), Some(w)),
            _ => (label, None),
        };
        let Some(src) = self.href(target) else {
            unresolved_open(&mut self.out, target);
            let shown = if alt.is_empty() { link.target.as_str() } else { alt };
            let _ = write!(self.out, "{}</span>", escape_html(shown));
            return;
        };
        let out = &mut self.out;
        let _ = write!(out, "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"", escape_html(&src), escape_html(alt));
        if let Some(w) = width {
            let _ = write!(out, " width=\"{w}\"");
        }
        if let Some(t) = &link.title {
            let _ = write!(out, " title=\"{}\"", escape_html(t));
        }
        out.push('>');
    }

    fn embed(&mut self, content: &Page, n: usize, stack: &mut Vec<(PageId, Option<String>)>) {
        let target = &self.site.targets[content.id][n];
        let Target::Page { page, anchor } = target else {
            if self.href(target).is_none() {
                let link = &content.doc.links[n];
                if *target == Target::Hidden {
                    // An unpublished page: the name it is embedded by may be all that
                    // would tell the page exists, so only a label the embed gives shows.
                    if let Some(label) = link.label.as_deref().filter(|l| l.parse::<u32>().is_err()) {
                        let _ = writeln!(self.out, "<p><span class=\"unpublished\">{}</span></p>", escape_html(label));
                    }
                    return;
                }
                self.out.push_str("<p>");
                unresolved_open(&mut self.out, target);
                let written = match &link.anchor {
                    Some(a) => format!("{}#{a}", link.target),
                    None => link.target.clone(),
                };
                let _ = writeln!(self.out, "{}</span></p>", escape_html(&written));
                return;
            }
            // An embedded non-image file: a link to it.
            if let Some(h) = self.href(target) {
                let name = &content.doc.links[n].target;
                let _ = writeln!(
                    self.out,
                    "<p class=\"embed-file\"><a href=\"{}\">{}</a></p>",
                    escape_html(&h),
                    escape_html(name)
                );
            }
            return;
        };
        let embedded = &self.site.pages[*page];
        let shown = match anchor.as_ref().and_then(|a| embedded.doc.headings.iter().find(|h| &h.id == a)) {
            Some(h) => format!("{} › {}", embedded.title, h.text),
            None => embedded.title.clone(),
        };
        let link = self.href(target).unwrap_or_default();
        let _ = write!(
            self.out,
            "<div class=\"embed\">\n<p class=\"embed-source\"><a href=\"{}\" class=\"internal\">{}</a></p>\n",
            escape_html(&link),
            escape_html(&shown)
        );
        let fragment = (*page, anchor.clone());
        if stack.contains(&fragment) || stack.len() > MAX_EMBED_DEPTH || self.out.len() > MAX_EMBED_BYTES {
            // Reported as an error by resolve (a cycle, too deep, too big); never recurse.
            self.out.push_str("<p class=\"unresolved\">…</p>\n");
        } else {
            stack.push(fragment);
            let html = embedded.doc.section(anchor.as_deref());
            // A block that is a list item or a table cell needs its parent to be HTML.
            let first_tag = html.find('<').map_or("", |i| &html[i..]);
            let (open, close) = if first_tag.starts_with("<li") {
                ("<ul>\n", "</ul>\n")
            } else if first_tag.starts_with("<td") || first_tag.starts_with("<th") {
                ("<table><tbody><tr>", "</tr></tbody></table>\n")
            } else {
                ("", "")
            };
            self.out.push_str(open);
            self.expand(embedded, html, stack);
            self.out.push_str(close);
            stack.pop();
        }
        self.out.push_str("</div>\n");
    }

    fn marker(&mut self, content: &Page, n: usize, embedded: bool) {
        let site = self.site;
        let citation = &content.doc.citations[n];
        let out = &mut self.out;
        out.push_str("<sup class=\"cite\">");
        for (i, item) in citation.items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if let Some(prefix) = &item.prefix {
                let _ = write!(out, "{} ", escape_html(prefix));
            }
            let Some(&source) = site.sources.get(&item.key) else {
                let _ = write!(
                    out,
                    "<span class=\"unresolved\" title=\"unknown citation key\">@{}</span>",
                    escape_html(&item.key)
                );
                continue;
            };
            let mut preview = match &item.prefix {
                Some(prefix) => format!("{prefix} {}", full_citation(&site.pages[source])),
                None => full_citation(&site.pages[source]),
            };
            if let Some(loc) = &item.locator {
                let _ = write!(preview, ", {loc}");
            }
            // In a print view an embedded citation leads to the view's list too (without
            // an id: the embedded text may be printed more than once).
            let number = if embedded && self.print.is_none() { None } else { self.numbering.numbers.get(&source) };
            // Where the source's own text is at hand, the citation opens it at the place cited.
            let passage = super::reading::target(site, self.at, source, item, citation.quote.as_deref())
                .filter(|_| self.print.is_none());
            let (href, label, id) = match number {
                Some(number) if embedded => (format!("#dr-{number}"), number.to_string(), String::new()),
                Some(number) => {
                    (format!("#dr-{number}"), number.to_string(), format!(" id=\"{}-{}\"", citation.anchor, i + 1))
                }
                None => (relative_url(self.at, &site.pages[source].url), item.key.clone(), String::new()),
            };
            let (href, words) = match passage {
                Some((link, words)) => (link, format!(" data-passage=\"{}\"", escape_html(&words))),
                None => (href, String::new()),
            };
            let _ = write!(
                out,
                "<a href=\"{}\"{id} class=\"cite-ref\" data-cite=\"{}\"{words} aria-label=\"bron {}\">{}</a>",
                escape_html(&href),
                escape_html(&preview),
                escape_html(&label),
                escape_html(&label)
            );
        }
        out.push_str("</sup>");
    }
}
