//! The graph page's list: every page with the pages it links to, what the page shows
//! without JavaScript (graph.js draws the graph itself from `graph-data.js`).

use serde::Serialize;

use crate::model::{relative_url, PageId, PageKind, Site, Target};

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
