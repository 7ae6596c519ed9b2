//! The graph page's data: how many nodes the drawn graph shows at most, and the list
//! of pages with the pages they link to, which is what the page shows without
//! JavaScript (graph.js draws the graph itself from `graph-data.js`).
//!
//! On a big site both are cut to the best-connected pages, and the page says so: a
//! force layout of 10,000 nodes does not stay usable in a browser, and a list of every
//! page with every link is megabytes of HTML. Every page keeps its own connections
//! (links, backlinks, the local graph).

use serde::Serialize;

use crate::model::{relative_url, PageId, PageKind, Site, Target};

/// The most nodes the graph page draws before the reader asks for all of them.
pub const MAX_DRAWN: usize = 2_000;
/// The most pages the list on the graph page names.
pub const MAX_LISTED: usize = 1_000;

#[derive(Serialize)]
pub struct GraphView {
    /// The most nodes drawn at first ([`MAX_DRAWN`]).
    pub max_drawn: usize,
    /// Pages on the site, and pages in the list.
    pub total: usize,
    pub listed: usize,
    pub nodes: Vec<GraphNode>,
}

#[derive(Serialize)]
pub struct GraphNode {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub links: Vec<(String, String)>,
}

/// The graph page's data, seen from `at`: the list names every page with the pages it
/// links to, or on a big site the [`MAX_LISTED`] pages with most connections.
pub fn graph_view(site: &Site, at: &str) -> GraphView {
    let targets: Vec<Vec<PageId>> = site
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
            targets
        })
        .collect();
    let mut listed: Vec<PageId> = (0..site.pages.len()).collect();
    if listed.len() > MAX_LISTED {
        let mut degree = vec![0usize; site.pages.len()];
        for (from, to) in targets.iter().enumerate() {
            degree[from] += to.len();
            for &t in to {
                degree[t] += 1;
            }
        }
        listed.sort_by_key(|&p| (std::cmp::Reverse(degree[p]), p));
        listed.truncate(MAX_LISTED);
    }
    let mut nodes: Vec<GraphNode> = listed
        .iter()
        .map(|&p| {
            let page = &site.pages[p];
            GraphNode {
                title: page.title.clone(),
                url: relative_url(at, &page.url),
                kind: if page.kind == PageKind::Source { "source" } else { "note" },
                links: targets[p]
                    .iter()
                    .map(|&t| (site.pages[t].title.clone(), relative_url(at, &site.pages[t].url)))
                    .collect(),
            }
        })
        .collect();
    nodes.sort_by_cached_key(|n| crate::text::fold(&n.title));
    GraphView { max_drawn: MAX_DRAWN, total: site.pages.len(), listed: nodes.len(), nodes }
}
