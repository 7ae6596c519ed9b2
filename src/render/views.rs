//! The views no general-purpose generator gives a policy team: a timeline of the
//! sources and dated notes, a coverage matrix (topics × sources) and the graph page.
//! Each is a page rendered from the resolved site; the interactive parts are the
//! theme's JavaScript, and every view is readable without it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{relative_url, PageId, PageKind, Site, Target};

/// The generated pages beside the notes. A new view is one variant here (its name,
/// and its context in [`View::context`]), a template `<name>.html` in the theme, and its
/// title under `<name>` in the theme's strings; the compiler lists what else to decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Timeline,
    Coverage,
    Graph,
    /// A folder's index, a tag's page or the tag index: the layout's list `i`.
    List(usize),
    /// Served for every missing path.
    NotFound,
}

impl View {
    /// The views with a page of their own, in the order the sidebar and footer list them.
    pub const PAGES: [View; 3] = [View::Timeline, View::Coverage, View::Graph];

    /// The view's name: its template is `<name>.html`, its title the string `<name>`.
    pub fn name(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::Coverage => "coverage",
            View::Graph => "graph",
            View::List(_) => "list",
            View::NotFound => "404",
        }
    }

    /// Output path, for the views with a fixed one.
    pub fn path(self) -> Option<String> {
        match self {
            View::List(_) => None,
            View::NotFound => Some("404.html".into()),
            v => Some(format!("{}.html", v.name())),
        }
    }

    pub fn template(self) -> String {
        format!("{}.html", self.name())
    }

    /// What the view's template gets beside the base context, seen from `at`.
    pub fn context(self, site: &Site, at: &str) -> Option<(&'static str, serde_json::Value)> {
        let value = match self {
            View::Timeline => serde_json::to_value(timeline(site, at)),
            View::Coverage => serde_json::to_value(coverage(site, at)),
            View::Graph => serde_json::to_value(graph_list(site, at)),
            View::List(_) | View::NotFound => return None,
        };
        Some((self.name(), value.unwrap_or_default()))
    }
}

#[derive(Serialize)]
pub struct TimelineEntry {
    pub date: Option<String>,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub note: Option<String>,
    /// Tags of the entry (for sources: of the notes citing it), for filtering by topic.
    pub tags: Vec<String>,
}

/// Sources and dated notes, oldest first; undated sources last.
pub fn timeline(site: &Site, at: &str) -> Vec<TimelineEntry> {
    let mut entries: Vec<(Option<crate::model::PartialDate>, TimelineEntry)> = Vec::new();
    for page in &site.pages {
        let is_source =
            page.kind == PageKind::Source && page.key.as_ref().is_some_and(|k| site.sources.contains_key(k));
        if !is_source && page.meta.date.is_none() {
            continue;
        }
        let mut tags: Vec<String> = if is_source {
            site.cited_by[page.id].iter().flat_map(|u| site.pages[u.page].meta.tags.iter().cloned()).collect()
        } else {
            page.meta.tags.clone()
        };
        tags.sort();
        tags.dedup();
        entries.push((
            page.meta.date,
            TimelineEntry {
                date: page.meta.date.map(|d| d.to_string()),
                title: page.title.clone(),
                url: relative_url(at, &page.url),
                kind: if is_source { "source" } else { "note" },
                note: page.meta.date_note.clone(),
                tags,
            },
        ));
    }
    entries.sort_by(|a, b| (a.0.is_none(), a.0, &a.1.title).cmp(&(b.0.is_none(), b.0, &b.1.title)));
    entries.into_iter().map(|(_, e)| e).collect()
}

#[derive(Serialize)]
pub struct Coverage {
    pub sources: Vec<Column>,
    pub rows: Vec<Row>,
    /// Topics and sources left out of a big site's table (the least cited).
    pub omitted_rows: usize,
    pub omitted_sources: usize,
}

#[derive(Serialize)]
pub struct Column {
    pub key: String,
    pub title: String,
    pub url: String,
    pub date: Option<String>,
}

#[derive(Serialize)]
pub struct Row {
    pub title: String,
    pub url: String,
    /// One cell per source column: how often the note cites it, and where first.
    pub cells: Vec<Cell>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct Cell {
    pub count: usize,
    pub href: Option<String>,
}

/// Above this many citing notes, the matrix has a row per tag instead of per note: a
/// table of thousands of rows helps nobody and costs a lot to render.
const COVERAGE_ROW_LIMIT: usize = 300;
/// A table shows at most this many sources (the most cited) and, per tag, this many
/// rows (the tags with most citations): tags and sources both grow with the site, so
/// the full matrix grows with its square (140 MB of HTML at 100,000 notes).
const COVERAGE_COLUMN_LIMIT: usize = 200;

/// Topics × sources: how often each topic cites each source, linking to the first use.
/// A topic is a note, or on big sites a tag (its notes taken together).
pub fn coverage(site: &Site, at: &str) -> Coverage {
    let mut sources: Vec<(&String, PageId)> = site.sources.iter().map(|(k, &p)| (k, p)).collect();
    let omitted_sources = sources.len().saturating_sub(COVERAGE_COLUMN_LIMIT);
    if omitted_sources > 0 {
        sources.sort_by_key(|(k, p)| (std::cmp::Reverse(site.cited_by[*p].len()), *k));
        sources.truncate(COVERAGE_COLUMN_LIMIT);
    }
    sources.sort_by_key(|(k, p)| (site.pages[*p].meta.date.is_none(), site.pages[*p].meta.date, (*k).clone()));
    let column: BTreeMap<PageId, usize> = sources.iter().enumerate().map(|(i, (_, p))| (*p, i)).collect();
    let notes: Vec<PageId> =
        site.pages.iter().filter(|p| p.kind == PageKind::Note && !p.doc.citations.is_empty()).map(|p| p.id).collect();
    // (title, url, notes) per row.
    let topics: Vec<(String, String, Vec<PageId>)> = if notes.len() <= COVERAGE_ROW_LIMIT {
        notes.iter().map(|&p| (site.pages[p].title.clone(), relative_url(at, &site.pages[p].url), vec![p])).collect()
    } else {
        site.tags
            .values()
            .map(|(name, pages)| (format!("#{name}"), relative_url(at, &super::nav::tag_url(name)), pages.clone()))
            .collect()
    };
    let mut rows = Vec::with_capacity(topics.len());
    for (title, url, pages) in topics {
        let mut cells: Vec<Cell> = (0..sources.len()).map(|_| Cell { count: 0, href: None }).collect();
        let mut total = 0;
        for &p in &pages {
            let page = &site.pages[p];
            for citation in &page.doc.citations {
                for (i, item) in citation.items.iter().enumerate() {
                    let Some(source) = site.sources.get(&item.key) else { continue };
                    total += 1;
                    let Some(col) = column.get(source) else { continue };
                    let cell = &mut cells[*col];
                    cell.count += 1;
                    cell.href.get_or_insert_with(|| {
                        format!("{}#{}-{}", relative_url(at, &page.url), citation.anchor, i + 1)
                    });
                }
            }
        }
        if total > 0 {
            rows.push(Row { title, url, cells, total });
        }
    }
    let omitted_rows = rows.len().saturating_sub(COVERAGE_ROW_LIMIT);
    if omitted_rows > 0 {
        rows.sort_by_key(|r| std::cmp::Reverse(r.total));
        rows.truncate(COVERAGE_ROW_LIMIT);
    }
    rows.sort_by_cached_key(|r| crate::text::fold(&r.title));
    let sources = sources
        .into_iter()
        .map(|(k, p)| Column {
            key: k.clone(),
            title: site.pages[p].title.clone(),
            url: relative_url(at, &site.pages[p].url),
            date: site.pages[p].meta.date.map(|d| d.to_string()),
        })
        .collect();
    Coverage { sources, rows, omitted_rows, omitted_sources }
}

#[derive(Serialize)]
pub struct GraphNode {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub links: Vec<(String, String)>,
}

/// The graph as a plain list (what the graph page shows without JavaScript): every
/// page with the pages it links to.
pub fn graph_list(site: &Site, at: &str) -> Vec<GraphNode> {
    let mut nodes: Vec<GraphNode> = site
        .pages
        .iter()
        .map(|page| {
            let mut targets: Vec<PageId> = site.targets[page.id]
                .iter()
                .filter_map(|t| match t {
                    Target::Page { page: p, .. } if *p != page.id => Some(*p),
                    _ => None,
                })
                .collect();
            targets.sort_unstable();
            targets.dedup();
            GraphNode {
                title: page.title.clone(),
                url: relative_url(at, &page.url),
                kind: if page.kind == PageKind::Source { "source" } else { "note" },
                links: targets
                    .iter()
                    .map(|&t| (site.pages[t].title.clone(), relative_url(at, &site.pages[t].url)))
                    .collect(),
            }
        })
        .collect();
    nodes.sort_by_cached_key(|n| crate::text::fold(&n.title));
    nodes
}
