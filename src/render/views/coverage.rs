//! The coverage matrix: topics × sources, how often each topic cites each source.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{relative_url, PageId, PageKind, Site};

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
    sources.sort_by_key(|(k, p)| {
        let date = site.pages[*p].meta.date;
        (date.is_none(), date.map(|d| d.sort_key()), (*k).clone())
    });
    let column: BTreeMap<PageId, usize> = sources.iter().enumerate().map(|(i, (_, p))| (*p, i)).collect();
    let notes: Vec<PageId> =
        site.pages.iter().filter(|p| p.kind == PageKind::Note && !p.doc.citations.is_empty()).map(|p| p.id).collect();
    // (title, url, notes) per row.
    let topics: Vec<(String, String, Vec<PageId>)> = if notes.len() <= COVERAGE_ROW_LIMIT {
        notes.iter().map(|&p| (site.pages[p].title.clone(), relative_url(at, &site.pages[p].url), vec![p])).collect()
    } else {
        site.tags
            .values()
            .map(|(name, pages)| (format!("#{name}"), relative_url(at, &crate::model::tag_url(name)), pages.clone()))
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
