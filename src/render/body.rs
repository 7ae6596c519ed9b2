//! Page bodies: the placeholders the Markdown pass left are replaced with links,
//! images, embeds and citation markers, now that the whole site is known. URLs are
//! written relative to the page being rendered.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::sources::full_citation;
use crate::model::{placeholder, relative_url, Page, PageId, Site, Target, MARK};
use crate::text::{escape_html, escape_into};

/// Per-page numbering of cited sources: source page → number, in order of first use.
#[derive(Debug, Default)]
pub struct Numbering {
    pub numbers: BTreeMap<PageId, usize>,
    pub order: Vec<PageId>,
}

impl Numbering {
    pub fn new(site: &Site, page: &Page) -> Numbering {
        let mut n = Numbering::default();
        for c in &page.doc.citations {
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
    let mut out = String::with_capacity(page.doc.html.len() + 1024);
    let mut stack = vec![page.id];
    expand(site, page, &page.doc.html, &page.url, Some(numbering), &mut stack, &mut out);
    out
}

/// Copies `html` (a fragment of `content`'s body) to `out`, substituting placeholders.
/// `numbering` is `None` inside embeds: their citations link to the source directly.
fn expand(
    site: &Site,
    content: &Page,
    html: &str,
    at: &str,
    numbering: Option<&Numbering>,
    stack: &mut Vec<PageId>,
    out: &mut String,
) {
    let mut rest = html;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(MARK) else {
            out.push_str(&rest[start..]);
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
            placeholder::LINK => link_open(site, content, n, at, out),
            placeholder::IMAGE => image(site, content, n, at, out),
            placeholder::EMBED => embed(site, content, n, at, stack, out),
            placeholder::CITATION => marker(site, content, n, at, numbering, out),
            _ => {}
        }
    }
    out.push_str(rest);
}

fn href(site: &Site, content: &Page, target: &Target, at: &str) -> Option<String> {
    match target {
        Target::Page { page, anchor } => {
            let url = &site.pages[*page].url;
            let mut href = if url == at && anchor.is_some() { String::new() } else { relative_url(at, url) };
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(a);
            }
            Some(href)
        }
        Target::Asset { asset } => Some(relative_url(at, &site.assets[*asset].url)),
        Target::External(url) => Some(url.clone()),
        Target::Broken => {
            let _ = content;
            None
        }
    }
}

fn link_open(site: &Site, content: &Page, n: usize, at: &str, out: &mut String) {
    let target = &site.targets[content.id][n];
    let link = &content.doc.links[n];
    match href(site, content, target, at) {
        Some(h) => {
            out.push_str("<a href=\"");
            escape_into(out, &h);
            out.push('"');
            if let Target::Page { page, .. } = target {
                out.push_str(" class=\"internal\" data-page=\"");
                escape_into(out, &site.pages[*page].url);
                out.push('"');
            }
            if let Some(t) = &link.title {
                out.push_str(" title=\"");
                escape_into(out, t);
                out.push('"');
            }
            out.push('>');
        }
        None => out.push_str("<a class=\"broken-link\">"),
    }
}

fn image(site: &Site, content: &Page, n: usize, at: &str, out: &mut String) {
    let link = &content.doc.links[n];
    let target = &site.targets[content.id][n];
    let label = link.label.as_deref().unwrap_or("");
    let (alt, width) = match label.parse::<u32>() {
        Ok(w) if link.kind == crate::model::LinkKind::Embed => (link.target.as_str(), Some(w)),
        _ => (label, None),
    };
    match href(site, content, target, at) {
        Some(src) => {
            let _ = write!(out, "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"", escape_html(&src), escape_html(alt));
            if let Some(w) = width {
                let _ = write!(out, " width=\"{w}\"");
            }
            if let Some(t) = &link.title {
                let _ = write!(out, " title=\"{}\"", escape_html(t));
            }
            out.push('>');
        }
        None => {
            let _ = write!(out, "<span class=\"broken-link\">{}</span>", escape_html(alt));
        }
    }
}

fn embed(site: &Site, content: &Page, n: usize, at: &str, stack: &mut Vec<PageId>, out: &mut String) {
    let target = &site.targets[content.id][n];
    let Target::Page { page, anchor } = target else {
        // An embedded non-image file: a link to it.
        if let Some(h) = href(site, content, target, at) {
            let name = &content.doc.links[n].target;
            let _ =
                writeln!(out, "<p class=\"embed-file\"><a href=\"{}\">{}</a></p>", escape_html(&h), escape_html(name));
        }
        return;
    };
    let embedded = &site.pages[*page];
    let shown = match anchor.as_ref().and_then(|a| embedded.doc.headings.iter().find(|h| &h.id == a)) {
        Some(h) => format!("{} › {}", embedded.title, h.text),
        None => embedded.title.clone(),
    };
    let link = href(site, content, target, at).unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"embed\">\n<p class=\"embed-source\"><a href=\"{}\" class=\"internal\">{}</a></p>\n",
        escape_html(&link),
        escape_html(&shown)
    );
    if stack.contains(page) {
        // Reported as an error by resolve; never recurse.
        out.push_str("<p class=\"broken-link\">(ingesloten notitie sluit een kring)</p>\n");
    } else {
        stack.push(*page);
        let fragment = section(embedded, anchor.as_deref());
        let mut inner = String::new();
        expand(site, embedded, fragment, at, None, stack, &mut inner);
        stack.pop();
        // Ids belong to the embedded page; repeated here they would clash.
        out.push_str(
            &inner
                .replace(" id=\"", " data-embedded-id=\"")
                .replace("<a class=\"anchor\"", "<a class=\"anchor\" hidden"),
        );
    }
    out.push_str("</div>\n");
}

/// The part of a page's body HTML under heading `anchor` (all of it if `None`).
pub fn section<'a>(page: &'a Page, anchor: Option<&str>) -> &'a str {
    let html = &page.doc.html;
    let Some(anchor) = anchor else { return html };
    let Some(i) = page.doc.headings.iter().position(|h| h.id == anchor) else {
        return html;
    };
    let level = page.doc.headings[i].level;
    let start = html.find(&format!("{MARK}{}{i}{MARK}", placeholder::HEADING)).unwrap_or(0);
    let end = page.doc.headings[i + 1..]
        .iter()
        .enumerate()
        .find(|(_, h)| h.level <= level)
        .and_then(|(j, _)| html.find(&format!("{MARK}{}{}{MARK}", placeholder::HEADING, i + 1 + j)))
        .unwrap_or(html.len());
    &html[start..end]
}

fn marker(site: &Site, content: &Page, n: usize, at: &str, numbering: Option<&Numbering>, out: &mut String) {
    let citation = &content.doc.citations[n];
    out.push_str("<sup class=\"cite\">");
    for (i, item) in citation.items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(prefix) = &item.prefix {
            let _ = write!(out, "{} ", escape_html(prefix));
        }
        let Some(&source) = site.sources.get(&item.key) else {
            let _ = write!(out, "<span class=\"broken-link\">@{}</span>", escape_html(&item.key));
            continue;
        };
        let mut preview = match &item.prefix {
            Some(prefix) => format!("{prefix} {}", full_citation(&site.pages[source])),
            None => full_citation(&site.pages[source]),
        };
        if let Some(loc) = &item.locator {
            let _ = write!(preview, ", {loc}");
        }
        let (href, label, id) = match numbering.and_then(|nb| nb.numbers.get(&source)) {
            Some(number) => {
                (format!("#dr-{number}"), number.to_string(), format!(" id=\"{}-{}\"", citation.anchor, i + 1))
            }
            None => (relative_url(at, &site.pages[source].url), item.key.clone(), String::new()),
        };
        let _ = write!(
            out,
            "<a href=\"{}\"{id} class=\"cite-ref\" data-cite=\"{}\" aria-label=\"bron {}\">{}</a>",
            escape_html(&href),
            escape_html(&preview),
            escape_html(&label),
            escape_html(&label)
        );
    }
    out.push_str("</sup>");
}
