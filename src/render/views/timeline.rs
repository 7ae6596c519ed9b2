//! The timeline: sources and dated notes on one axis, oldest first.

use serde::Serialize;

use crate::model::{relative_url, PageKind, Site};

#[derive(Serialize)]
pub struct TimelineEntry {
    /// The date in EDTF, as written (`2023-11/2023-12`).
    pub date: Option<String>,
    /// The year it is listed under: the latest it can be.
    pub year: Option<u16>,
    /// The date is a span (`2023-11/2023-12`) or uncertain, not one day, month or year.
    pub vague: bool,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub note: Option<String>,
    /// Tags of the entry (for sources: of the notes citing it), for filtering by topic.
    pub tags: Vec<String>,
}

/// Sources and dated notes, oldest first; undated sources last.
pub fn timeline(site: &Site, at: &str) -> Vec<TimelineEntry> {
    let mut entries: Vec<(Option<crate::model::Date>, TimelineEntry)> = Vec::new();
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
                year: page.meta.date.map(|d| d.sort_key().0 .0).filter(|&y| y < 9999),
                vague: page.meta.date.is_some_and(|d| !d.is_plain()),
                title: page.title.clone(),
                url: relative_url(at, &page.url),
                kind: if is_source { "source" } else { "note" },
                note: page.meta.date_note.clone(),
                tags,
            },
        ));
    }
    entries.sort_by(|a, b| {
        let key = |e: &(Option<crate::model::Date>, TimelineEntry)| (e.0.is_none(), e.0.map(|d| d.sort_key()));
        key(a).cmp(&key(b)).then_with(|| a.1.title.cmp(&b.1.title))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}
