//! Navigation: the sidebar tree, breadcrumbs, and the generated list pages (folder
//! indexes, the tag index and one page per tag).
//!
//! The sidebar is the same on every page but for its relative URLs, so it is rendered
//! once per folder depth and reused; a big folder shows its first entries and a link to
//! its index, so pages do not grow with the size of the site.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::theme::Theme;
use super::views::View;
use crate::model::{relative_url, Page, PageKind, Site};
use crate::text::{escape_html, fold, slugify};

/// Entries a sidebar section shows before "all N".
const SECTION_LIMIT: usize = 60;
/// Up to this many entries in all, every section is shown open; beyond it only the
/// current page's section is, so pages do not grow with the site.
const ALL_OPEN_LIMIT: usize = 150;

pub struct Nav {
    /// Sidebar HTML per depth (number of `/` in the page URL).
    /// Sidebar HTML per depth and per open section (the last variant has none open).
    /// Small sites show every section open, with a single variant.
    by_depth: Vec<Vec<String>>,
    sections: Vec<Section>,
    /// The home page's title, first in every breadcrumb trail.
    home: String,
}

struct Section {
    title: String,
    /// Output path of the section's index page.
    url: String,
    /// The folder's own index.md, if it has one.
    own_index: bool,
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

/// URL of a tag's page.
pub fn tag_url(tag: &str) -> String {
    format!("tags/{}.html", slugify(tag))
}

impl Nav {
    pub fn new(site: &Site, theme: &Theme) -> Nav {
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
            let index = pages.iter().position(|p| p.rel == format!("{folder}/index.md"));
            let index_page = index.map(|i| pages.remove(i));
            pages.sort_by_cached_key(|p| fold(&p.title));
            let title = match (index_page, folder.as_str()) {
                (Some(p), _) => p.title.clone(),
                (None, "") => theme.strings["pages"].clone(),
                (None, "sources") => theme.strings["sources"].clone(),
                (None, f) => capitalize(f),
            };
            let url =
                if folder.is_empty() { "pages.html".to_string() } else { format!("{}/index.html", slugify(&folder)) };
            let entries = pages.iter().map(|p| entry(p)).collect();
            sections.push(Section { title, url, own_index: index_page.is_some(), entries });
        }
        // Topics first, sources last: the order a reader needs them.
        sections.sort_by_key(|s| (s.url == "pages.html", s.url.starts_with("sources/"), s.title.clone()));
        let max_depth = site.pages.iter().map(|p| p.url.matches('/').count()).max().unwrap_or(0).max(1);
        let home =
            site.pages.iter().find(|p| p.kind == PageKind::Home).map_or(&site.config.title, |p| &p.title).clone();
        let mut nav = Nav { by_depth: Vec::new(), sections, home };
        let total: usize = nav.sections.iter().map(|s| s.entries.len()).sum();
        let variants: Vec<Option<usize>> = if total <= ALL_OPEN_LIMIT {
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
        for (i, s) in self.sections.iter().enumerate() {
            // An open section is a headed list; a closed one a <details> whose summary
            // holds the section's link.
            let expanded = open.is_none_or(|o| o == i);
            let head = format!(
                "<a href=\"{}\">{}</a> <span class=\"count\">{}</span>",
                escape_html(&relative_url(at, &s.url)),
                escape_html(&s.title),
                s.entries.len()
            );
            if !expanded {
                let _ = write!(out, "<details><summary>{head}</summary></details>");
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
        out.push_str("<ul class=\"nav-views\">");
        for view in View::PAGES {
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

    pub fn breadcrumbs(&self, page: &Page) -> Vec<serde_json::Value> {
        let mut out = vec![serde_json::json!({ "title": self.home, "url": relative_url(&page.url, "index.html") })];
        if page.kind == PageKind::Home {
            return Vec::new();
        }
        if let Some((folder, _)) = page.url.split_once('/') {
            if let Some(s) = self.sections.iter().find(|s| s.url == format!("{folder}/index.html")) {
                out.push(serde_json::json!({ "title": s.title, "url": relative_url(&page.url, &s.url) }));
            }
        }
        out
    }

    /// Generated list pages: folder indexes (where the folder has no index.md), the
    /// tag index, and a page per tag.
    pub fn list_pages(&self, site: &Site) -> Vec<ListPage> {
        let mut out: Vec<ListPage> = self
            .sections
            .iter()
            .filter(|s| !s.own_index)
            .map(|s| ListPage { url: s.url.clone(), title: s.title.clone(), intro: None, items: s.entries.clone() })
            .collect();
        let mut tag_items = Vec::new();
        for (name, pages) in site.tags.values() {
            let url = tag_url(name);
            let mut items: Vec<Entry> = pages.iter().map(|&p| entry(&site.pages[p])).collect();
            items.sort_by_cached_key(|e| fold(&e.title));
            tag_items.push(Entry { title: name.clone(), url: url.clone(), summary: None, count: Some(pages.len()) });
            out.push(ListPage { url, title: format!("#{name}"), intro: None, items });
        }
        out.push(ListPage { url: "tags/index.html".into(), title: "Tags".into(), intro: None, items: tag_items });
        out
    }
}

fn entry(p: &Page) -> Entry {
    Entry { title: p.title.clone(), url: p.url.clone(), summary: p.meta.summary.clone(), count: None }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
