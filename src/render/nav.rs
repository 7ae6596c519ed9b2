//! Navigation: the sidebar, breadcrumbs, and the generated list pages (folder indexes,
//! the tag index and one page per tag).
//!
//! The sidebar follows the order the notes give themselves: a table of contents
//! (`SUMMARY.md`) when there is one, else a section per top-level folder, ordered and
//! labelled by the folder's `_category_.json` and its notes' `sidebar_position` and
//! `sidebar_label`, otherwise by title in natural order ("2." before "10.").
//!
//! It is the same on every page but for its relative URLs, so it is rendered once per
//! folder depth and reused; a big folder shows its first entries and a link to its
//! index, so pages do not grow with the size of the site.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::theme::Theme;
use super::views::print::{self, PrintSet, PRINT_LIMIT};
use super::views::View;
use crate::model::outline::OutlineItem;
use crate::model::{relative_url, Page, PageId, PageKind, Site};
use crate::text::{escape_html, natural_cmp, slugify};

pub use crate::model::tag_url;

/// Entries a sidebar section shows before "all N".
const SECTION_LIMIT: usize = 60;
/// Up to this many entries in all, every section is shown open; beyond it only the
/// current page's section is, so pages do not grow with the site.
const ALL_OPEN_LIMIT: usize = 150;

pub struct Nav {
    /// Sidebar HTML per depth (number of `/` in the page URL) and per open section
    /// (the last variant has none open). Small sites show every section open, with a
    /// single variant.
    by_depth: Vec<Vec<String>>,
    sections: Vec<Section>,
    /// The home page's title, first in every breadcrumb trail.
    home: String,
    /// The print views ([`Nav::print_sets`]).
    pub prints: Vec<PrintSet>,
    /// The print views left out for holding more than [`PRINT_LIMIT`] notes: output
    /// path and number of notes.
    pub prints_left_out: Vec<(String, usize)>,
}

struct Section {
    title: String,
    /// Output path of the section's index page.
    url: String,
    /// The folder's own index page, if it has one.
    own_index: bool,
    /// The folder's introduction (its `_category_.json` description).
    intro: Option<String>,
    entries: Vec<Entry>,
}

#[derive(Clone, Serialize)]
pub struct Entry {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub count: Option<usize>,
}

/// A generated page that lists other pages.
pub struct ListPage {
    pub url: String,
    pub title: String,
    pub intro: Option<String>,
    pub items: Vec<Entry>,
}

impl Nav {
    pub fn new(site: &Site, theme: &Theme) -> Nav {
        let sections = sections(site, theme);
        // Every depth a page with the sidebar is written at: pages, the reading views
        // beside their sources, and tag pages (`tags/x.html`, depth 1).
        let reading = site.letters.keys().map(|&s| crate::model::reading_url(&site.pages[s].url));
        let max_depth = site
            .pages
            .iter()
            .map(|p| p.url.clone())
            .chain(reading)
            .map(|u| u.matches('/').count())
            .max()
            .unwrap_or(0)
            .max(1);
        let home =
            site.pages.iter().find(|p| p.kind == PageKind::Home).map_or(&site.config.title, |p| &p.title).clone();
        let mut nav = Nav { by_depth: Vec::new(), sections, home, prints: Vec::new(), prints_left_out: Vec::new() };
        (nav.prints, nav.prints_left_out) = nav.print_sets(site);
        let total: usize = nav.sections.iter().map(|s| s.entries.len()).sum();
        let variants: Vec<Option<usize>> = if total <= ALL_OPEN_LIMIT || site.outline.is_some() {
            vec![None]
        } else {
            (0..nav.sections.len()).map(Some).chain([Some(usize::MAX)]).collect()
        };
        nav.by_depth = (0..=max_depth)
            .map(|d| variants.iter().map(|&open| nav.render(&"x/".repeat(d), open, site, theme)).collect())
            .collect();
        nav
    }

    /// The sidebar as seen from depth `at`; `open`: `None` all sections open, else only
    /// that one (`usize::MAX`: none).
    fn render(&self, at: &str, open: Option<usize>, site: &Site, theme: &Theme) -> String {
        let mut out = String::new();
        match &site.outline {
            Some(outline) => outline_html(&mut out, at, &outline.items, site),
            None => self.sections_html(&mut out, at, open, theme),
        }
        out.push_str("<ul class=\"nav-views\">");
        for view in View::pages(site).chain(super::has_missing(site).then_some(View::Missing)) {
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                escape_html(&relative_url(at, &view.path().unwrap_or_default())),
                escape_html(&theme.strings[view.name()])
            );
        }
        out.push_str("</ul>");
        if !site.tags.is_empty() {
            let _ = write!(
                out,
                "<p class=\"nav-tags\"><a href=\"{}\">{}</a> <span class=\"count\">{}</span></p>",
                escape_html(&relative_url(at, "tags/index.html")),
                escape_html(&theme.strings["tags"]),
                site.tags.len()
            );
        }
        out
    }

    /// A section per folder: an open one is a headed list, a closed one only its head
    /// (a link to its page; no `<details>`, whose summary would hold a link inside a
    /// control).
    fn sections_html(&self, out: &mut String, at: &str, open: Option<usize>, theme: &Theme) {
        for (i, s) in self.sections.iter().enumerate() {
            let head = format!(
                "<a href=\"{}\">{}</a> <span class=\"count\">{}</span>",
                escape_html(&relative_url(at, &s.url)),
                escape_html(&s.title),
                s.entries.len()
            );
            if open.is_some_and(|o| o != i) {
                let _ = write!(out, "<p class=\"nav-head nav-closed\">{head}</p>");
                continue;
            }
            let _ = write!(out, "<div class=\"nav-section\"><p class=\"nav-head\">{head}</p><ul>");
            for e in s.entries.iter().take(SECTION_LIMIT) {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    escape_html(&relative_url(at, &e.url)),
                    escape_html(&e.title)
                );
            }
            if s.entries.len() > SECTION_LIMIT {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{} ({})</a></li>",
                    escape_html(&relative_url(at, &s.url)),
                    escape_html(&theme.strings["all"]),
                    s.entries.len()
                );
            }
            out.push_str("</ul></div>");
        }
    }

    /// The sidebar for a page at `at`, with the current page marked.
    pub fn html(&self, at: &str) -> String {
        let depth = at.matches('/').count().min(self.by_depth.len().saturating_sub(1));
        let variants = &self.by_depth[depth];
        let html = if variants.len() == 1 {
            &variants[0]
        } else {
            let section_url = match at.split_once('/') {
                Some((folder, _)) => format!("{folder}/index.html"),
                None => "pages.html".to_string(),
            };
            let open = self.sections.iter().position(|s| s.url == section_url).unwrap_or(variants.len() - 1);
            &variants[open]
        };
        let me = format!("href=\"{}\"", escape_html(&relative_url(at, at)));
        html.replacen(&me, &format!("{me} aria-current=\"page\""), 1)
    }

    /// The sections, as a list seen from `at`: title, link and number of pages.
    pub fn sections(&self, at: &str) -> Vec<Entry> {
        self.sections
            .iter()
            .map(|s| Entry {
                title: s.title.clone(),
                url: relative_url(at, &s.url),
                summary: s.intro.clone(),
                count: Some(s.entries.len()),
            })
            .collect()
    }

    pub fn breadcrumbs(&self, page: &Page) -> Vec<serde_json::Value> {
        self.breadcrumbs_at(page, &page.url)
    }

    /// The trail to `page`, for a file at `at` (a page's own, or a reading view beside
    /// a source, whose trail ends with the source).
    pub fn breadcrumbs_at(&self, page: &Page, at: &str) -> Vec<serde_json::Value> {
        let mut out = vec![serde_json::json!({ "title": self.home, "url": relative_url(at, "index.html") })];
        if page.kind == PageKind::Home {
            return Vec::new();
        }
        if let Some((folder, _)) = page.url.split_once('/') {
            let url = format!("{folder}/index.html");
            if let Some(s) = self.sections.iter().find(|s| s.url == url && s.url != at) {
                out.push(serde_json::json!({ "title": s.title, "url": relative_url(at, &s.url) }));
            }
        }
        if at != page.url {
            out.push(serde_json::json!({ "title": page.title, "url": relative_url(at, &page.url) }));
        }
        out
    }

    /// The print view of the whole dossier or of the folder whose list or index page is
    /// `section`, if there is one.
    pub fn print_view(&self, section: Option<&str>) -> Option<&PrintSet> {
        self.prints.iter().find(|p| p.section.as_deref() == section)
    }

    /// What the print views hold ([`super::views::print`]): the whole dossier first (in
    /// the order of the table of contents, else of the sections), then a view per
    /// top-level folder of notes, its own index page first. A view of more than
    /// [`PRINT_LIMIT`] notes is left out, and so is a folder whose `print.html` is a
    /// note's path.
    fn print_sets(&self, site: &Site) -> (Vec<PrintSet>, Vec<(String, usize)>) {
        let by_url: HashMap<&str, PageId> = site.pages.iter().map(|p| (p.url.as_str(), p.id)).collect();
        let printable = |url: &str| by_url.get(url).copied().filter(|&id| print::printable(&site.pages[id]));
        let home: Vec<PageId> = site.pages.iter().filter(|p| p.kind == PageKind::Home).map(|p| p.id).collect();
        let folders: Vec<(&Section, Vec<PageId>)> = self
            .sections
            .iter()
            .map(|s| {
                let own = s.own_index.then_some(s.url.as_str());
                (s, own.into_iter().chain(s.entries.iter().map(|e| e.url.as_str())).filter_map(printable).collect())
            })
            .collect();
        let mut whole: Vec<(Option<String>, Vec<PageId>)> = match &site.outline {
            Some(outline) => {
                let chapters = outline.items.iter().filter_map(|i| match i {
                    OutlineItem::Chapter { page: Some(p), .. } => Some(*p),
                    _ => None,
                });
                let mut seen = std::collections::HashSet::new();
                let ids = home.iter().copied().chain(chapters).filter(|&p| print::printable(&site.pages[p]));
                vec![(None, ids.filter(|p| seen.insert(*p)).collect())]
            }
            None => std::iter::once((None, home))
                .chain(folders.iter().map(|(s, ids)| (Some(s.title.clone()), ids.clone())))
                .filter(|(_, ids)| !ids.is_empty())
                .collect(),
        };
        if whole.len() == 1 {
            whole[0].0 = None;
        }
        let (mut out, mut left_out) = (Vec::new(), Vec::new());
        let notes: usize = whole.iter().map(|(_, ids)| ids.len()).sum();
        if notes <= PRINT_LIMIT {
            out.push(PrintSet { url: "print.html".into(), title: None, section: None, groups: whole });
        } else {
            left_out.push(("print.html".to_string(), notes));
        }
        for (s, ids) in folders {
            let url = crate::model::url::print_url(&s.url);
            if ids.is_empty() || s.url == "pages.html" || by_url.contains_key(url.as_str()) {
                continue;
            }
            if ids.len() > PRINT_LIMIT {
                left_out.push((url, ids.len()));
                continue;
            }
            out.push(PrintSet {
                url,
                title: Some(s.title.clone()),
                section: Some(s.url.clone()),
                groups: vec![(None, ids)],
            });
        }
        (out, left_out)
    }

    /// Generated list pages: folder indexes (where the folder has no page of its own),
    /// the tag index, and a page per tag.
    pub fn list_pages(&self, site: &Site) -> Vec<ListPage> {
        let mut out: Vec<ListPage> = self
            .sections
            .iter()
            .filter(|s| !s.own_index)
            .map(|s| ListPage {
                url: s.url.clone(),
                title: s.title.clone(),
                intro: s.intro.clone(),
                items: s.entries.clone(),
            })
            .collect();
        let mut tag_items = Vec::new();
        for (name, pages) in site.tags.values() {
            let url = tag_url(name);
            let mut items: Vec<Entry> = pages.iter().map(|&p| entry(&site.pages[p])).collect();
            items.sort_by(|a, b| natural_cmp(&a.title, &b.title));
            tag_items.push(Entry { title: name.clone(), url: url.clone(), summary: None, count: Some(pages.len()) });
            out.push(ListPage { url, title: format!("#{name}"), intro: None, items });
        }
        out.push(ListPage { url: "tags/index.html".into(), title: "Tags".into(), intro: None, items: tag_items });
        out
    }
}

/// A section per top-level folder, in order.
fn sections(site: &Site, theme: &Theme) -> Vec<Section> {
    let mut folders: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in &site.pages {
        if page.kind == PageKind::Home {
            continue;
        }
        let folder = page.rel.split_once('/').map(|(f, _)| f.to_string()).unwrap_or_default();
        folders.entry(folder).or_default().push(page);
    }
    let mut sections = Vec::new();
    for (folder, mut pages) in folders {
        let url = if folder.is_empty() { "pages.html".to_string() } else { format!("{}/index.html", slugify(&folder)) };
        let index = pages.iter().position(|p| p.url == url);
        let index_page = index.map(|i| pages.remove(i));
        pages.sort_by(|a, b| {
            order(a)
                .partial_cmp(&order(b))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| natural_cmp(label(a), label(b)))
        });
        let category = site.categories.get(&folder);
        let title = match (category.and_then(|c| c.label.clone()), index_page, folder.as_str()) {
            (Some(label), _, _) => label,
            (None, Some(p), _) => p.title.clone(),
            (None, None, "") => theme.strings["pages"].clone(),
            (None, None, "sources") => theme.strings["sources"].clone(),
            (None, None, f) => capitalize(f),
        };
        let entries = pages.iter().map(|p| Entry { title: label(p).to_string(), ..entry(p) }).collect();
        let intro = category.and_then(|c| c.description.clone());
        let position = category.and_then(|c| c.position);
        sections.push((position, Section { title, url, own_index: index_page.is_some(), intro, entries }));
    }
    // Topics first, sources last: the order a reader needs them; within, the folders'
    // own positions, then their names.
    sections.sort_by(|(pa, a), (pb, b)| {
        let key = |s: &Section, p: &Option<f64>| (s.url == "pages.html", s.url.starts_with("sources/"), p.is_none());
        key(a, pa)
            .cmp(&key(b, pb))
            .then(pa.partial_cmp(pb).unwrap_or(std::cmp::Ordering::Equal))
            .then_with(|| natural_cmp(&a.title, &b.title))
    });
    sections.into_iter().map(|(_, s)| s).collect()
}

/// Where a page asks to be in its section: `sidebar_position` first, the rest after.
fn order(page: &Page) -> (bool, f64) {
    (page.meta.sidebar_position.is_none(), page.meta.sidebar_position.unwrap_or(0.0))
}

/// A page's name in the sidebar.
fn label(page: &Page) -> &str {
    page.meta.sidebar_label.as_deref().filter(|l| !l.trim().is_empty()).unwrap_or(&page.title)
}

/// The table of contents (`SUMMARY.md`) as nested lists: part titles as headings,
/// chapters as links (a draft chapter as text), `---` as a rule.
fn outline_html(out: &mut String, at: &str, items: &[OutlineItem], site: &Site) {
    out.push_str("<div class=\"nav-outline\">");
    // Lists open, each with an item open in it.
    let mut open = 0usize;
    let close_all = |out: &mut String, open: &mut usize| {
        for _ in 0..*open {
            out.push_str("</li></ul>");
        }
        *open = 0;
    };
    for item in items {
        match item {
            OutlineItem::Part(title) => {
                close_all(out, &mut open);
                let _ = write!(out, "<p class=\"nav-part\">{}</p>", escape_html(title));
            }
            OutlineItem::Separator => {
                close_all(out, &mut open);
                out.push_str("<hr>");
            }
            OutlineItem::Chapter { title, page, depth, .. } => {
                let want = depth + 1;
                while open > want {
                    out.push_str("</li></ul>");
                    open -= 1;
                }
                if open == want {
                    out.push_str("</li>");
                }
                while open < want {
                    out.push_str("<ul>");
                    open += 1;
                }
                match page {
                    Some(p) => {
                        let url = relative_url(at, &site.pages[*p].url);
                        let _ = write!(out, "<li><a href=\"{}\">{}</a>", escape_html(&url), escape_html(title));
                    }
                    None => {
                        let _ = write!(out, "<li><span class=\"nav-draft\">{}</span>", escape_html(title));
                    }
                }
            }
        }
    }
    close_all(out, &mut open);
    out.push_str("</div>");
}

fn entry(p: &Page) -> Entry {
    let summary = p.meta.summary.clone().or_else(|| p.meta.description.clone());
    Entry { title: p.title.clone(), url: p.url.clone(), summary, count: None }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
