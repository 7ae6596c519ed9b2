//! Recent changes: the pages that changed last, newest first, with the day each
//! changed (git history or `updated:`, see [`crate::model::change`]). The same list
//! feeds `feed.xml` ([`crate::render::feed`]).

use serde::Serialize;

use crate::model::{relative_url, Change, Page, PageKind, Site};

/// How many changes the page and the feed list.
pub const RECENT: usize = 50;

#[derive(Serialize)]
pub struct ChangeEntry {
    /// The day it changed, in EDTF.
    pub date: String,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    /// Its last change is the commit that added it.
    pub new: bool,
    pub summary: Option<String>,
}

/// Every page with a known last change, newest first (ties by title, then path).
pub fn recent(site: &Site) -> Vec<(&Page, &Change)> {
    let mut out: Vec<(&Page, &Change)> =
        site.pages.iter().filter_map(|p| site.changes.get(p.id)?.changed.as_ref().map(|c| (p.as_ref(), c))).collect();
    out.sort_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.title.cmp(&b.0.title)).then_with(|| a.0.rel.cmp(&b.0.rel)));
    out
}

/// The latest [`RECENT`] changes, seen from `at`.
pub fn changes(site: &Site, at: &str) -> Vec<ChangeEntry> {
    recent(site)
        .into_iter()
        .take(RECENT)
        .map(|(page, change)| ChangeEntry {
            date: change.date.to_string(),
            title: page.title.clone(),
            url: relative_url(at, &page.url),
            kind: if page.kind == PageKind::Source { "source" } else { "note" },
            new: site.changes[page.id].is_new(),
            summary: crate::render::own_summary(page),
        })
        .collect()
}
