//! Print views: notes one after another in one page, for a browser to print or save as
//! a PDF for a briefing. `print.html` holds the whole dossier; `<folder>/print.html`
//! one top-level folder (a topic). Each has a title, a table of contents, every note's
//! body in sidebar order, and one reference list at the end.
//!
//! Notes are rendered as sections of one document, so their bodies change on the way
//! in: headings move down under the note's title, every id gets the note's prefix
//! (`n3-…`) and in-page links follow (ids repeat across notes otherwise), and citation
//! markers lead to the shared reference list (`#dr-N`, numbered across the view).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::model::url::percent_decode;
use crate::model::{relative_url, Page, PageId, PageKind, Site};
use crate::render::body::{self, Numbering};
use crate::render::sources;

/// The most notes the whole-dossier view holds; beyond it `print.html` is not written
/// (a page of thousands of notes no browser prints well), the folders' views still are.
pub use crate::model::url::PRINT_LIMIT;

/// What one print view holds: its notes, grouped (by folder in the whole dossier; one
/// group for a folder's view).
#[derive(Clone, Debug)]
pub struct PrintSet {
    /// Output path: `print.html` or `<folder>/print.html`.
    pub url: String,
    /// The view's title: the folder's, or `None` for the whole dossier (the site's).
    pub title: Option<String>,
    /// The folder's list or index page, for a folder's view.
    pub section: Option<String>,
    pub groups: Vec<(Option<String>, Vec<PageId>)>,
}

impl PrintSet {
    pub fn notes(&self) -> usize {
        self.groups.iter().map(|(_, g)| g.len()).sum()
    }
}

/// The view's context for the template.
#[derive(Serialize)]
pub struct Print {
    pub title: String,
    /// The heading level of each note's title (group titles one above it).
    pub level: u8,
    pub groups: Vec<Group>,
    pub references: Vec<Reference>,
}

#[derive(Serialize)]
pub struct Group {
    pub title: Option<String>,
    pub id: String,
    pub notes: Vec<Note>,
}

#[derive(Serialize)]
pub struct Note {
    pub title: String,
    pub id: String,
    pub url: String,
    pub print_url: String,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub body: String,
}

#[derive(Serialize)]
pub struct Reference {
    pub number: usize,
    pub title: String,
    pub url: String,
    pub print_url: String,
    pub citation: String,
    pub official: Option<String>,
    /// The notes citing it: title and the id of their section.
    pub cited_by: Vec<(String, String)>,
}

/// Whether a page belongs in a print view: notes and the home page, not sources (they
/// are the reference list).
pub fn printable(page: &Page) -> bool {
    page.kind != PageKind::Source
}

/// The print view of `set`, written at `set.url`.
pub fn print(site: &Site, set: &PrintSet, site_title: &str) -> Print {
    let at = set.url.as_str();
    let pages: Vec<&Page> = set.groups.iter().flat_map(|(_, g)| g.iter().map(|&p| site.pages[p].as_ref())).collect();
    let numbering = Numbering::across(site, pages.iter().copied());
    let level: u8 = if set.groups.len() > 1 { 3 } else { 2 };
    let mut cited_by: BTreeMap<PageId, Vec<(String, String)>> = BTreeMap::new();
    let mut n = 0;
    let mut groups = Vec::new();
    for (g, (title, ids)) in set.groups.iter().enumerate() {
        let mut notes = Vec::new();
        for &id in ids {
            n += 1;
            let page = &site.pages[id];
            let prefix = format!("n{n}");
            for c in &page.doc.citations {
                for item in &c.items {
                    if let Some(&source) = site.sources.get(&item.key) {
                        let uses = cited_by.entry(source).or_default();
                        if !uses.iter().any(|(_, p)| *p == prefix) {
                            uses.push((page.title.clone(), prefix.clone()));
                        }
                    }
                }
            }
            let html = body::render_for_print(site, page, at, &numbering);
            let body = scope(&html, &prefix, page.doc.title_heading.as_deref(), level);
            notes.push(Note {
                title: page.title.clone(),
                url: relative_url(at, &page.url),
                print_url: format!("{}{}", site.config.base_url().unwrap_or_default(), page.url),
                summary: crate::render::own_summary(page),
                date: page.meta.date.map(|d| d.to_string()),
                id: prefix,
                body,
            });
        }
        groups.push(Group { title: title.clone(), id: format!("g{}", g + 1), notes });
    }
    let references = numbering
        .order
        .iter()
        .map(|&source| {
            let sp = &site.pages[source];
            Reference {
                number: numbering.numbers[&source],
                title: sp.title.clone(),
                url: relative_url(at, &sp.url),
                print_url: format!("{}{}", site.config.base_url().unwrap_or_default(), sp.url),
                citation: sources::full_citation(sp),
                official: sources::link(sp),
                cited_by: cited_by.remove(&source).unwrap_or_default(),
            }
        })
        .collect();
    Print { title: set.title.clone().unwrap_or_else(|| site_title.to_string()), level, groups, references }
}

/// A note's rendered body as a section of the print view: every id prefixed with
/// `prefix-`, links to those ids (and to `title_id`, the heading its title came from,
/// which is now the section's own heading `prefix`) rewritten to match, and headings
/// moved below `level`. Other fragments (`#dr-N`, the reference list) are left alone.
pub fn scope(html: &str, prefix: &str, title_id: Option<&str>, level: u8) -> String {
    const ID: &str = " id=\"";
    const HREF: &str = " href=\"#";
    let mut ids: HashSet<&str> = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(ID) {
        rest = &rest[i + ID.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        ids.insert(&rest[..end]);
    }
    // One pass over the spaces and `<`s (where each attribute and tag starts), copying
    // the text between the changes.
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr2(b' ', b'<', &bytes[i..]).map(|p| i + p) {
        let at = &html[p..];
        i = p + 1;
        if at.starts_with(ID) {
            let start = p + ID.len();
            out.push_str(&html[copied..start]);
            out.push_str(prefix);
            out.push('-');
            (copied, i) = (start, start);
        } else if at.starts_with(HREF) {
            let start = p + HREF.len();
            let end = html[start..].find('"').map_or(html.len(), |e| start + e);
            let fragment = &html[start..end];
            // Links write a fragment percent-encoded (`#%5Eblock`), ids as they are.
            let decoded =
                if fragment.contains('%') { percent_decode(fragment).into() } else { Cow::Borrowed(fragment) };
            if ids.contains(decoded.as_ref()) {
                out.push_str(&html[copied..start]);
                out.push_str(prefix);
                out.push('-');
                copied = start;
            } else if Some(fragment) == title_id {
                out.push_str(&html[copied..start]);
                out.push_str(prefix);
                copied = end;
            }
            i = end;
        } else if let Some(digit) = ["<h", "</h"].iter().find(|t| at.starts_with(**t)).map(|t| p + t.len()) {
            // `<h2 …>`, `</h2>`: one level down per level of the view, never above `level`.
            let n = bytes.get(digit).copied().filter(|b| (b'1'..=b'6').contains(b));
            let ends = bytes.get(digit + 1).is_some_and(|&b| b == b' ' || b == b'>');
            if let (Some(n), true) = (n, ends) {
                let moved = (n - b'0' + level - 1).clamp(level + 1, 6);
                out.push_str(&html[copied..digit]);
                out.push(char::from(b'0' + moved));
                (copied, i) = (digit + 1, digit + 1);
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::scope;

    #[test]
    fn ids_are_prefixed_and_links_follow() {
        let html = "<h2 id=\"a\">A <a class=\"anchor\" href=\"#a\">#</a></h2>\n<p><a href=\"#a\">x</a> <a href=\"#dr-1\">1</a> <a href=\"#t\">t</a></p><h6>z</h6>";
        let out = scope(html, "n2", Some("t"), 3);
        assert_eq!(
            out,
            "<h4 id=\"n2-a\">A <a class=\"anchor\" href=\"#n2-a\">#</a></h4>\n<p><a href=\"#n2-a\">x</a> <a href=\"#dr-1\">1</a> <a href=\"#n2\">t</a></p><h6>z</h6>"
        );
        // `<hr>` and `<header>` are not headings.
        assert_eq!(scope("<hr><header></header>", "n1", None, 2), "<hr><header></header>");
    }
}
