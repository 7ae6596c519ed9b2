//! Two pages a folder of notes written for another tool needs: a home page when there
//! is no `content/index.md` (the folders, the most linked and the latest notes), and the
//! list of what links want that the site does not have.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{relative_url, PageKind, Site, Target};
use crate::text::fold;

#[derive(Serialize)]
pub struct Home {
    /// Notes most linked to, most first.
    pub linked: Vec<Item>,
    /// Notes with the latest change (git or `updated`) or `date`, latest first.
    pub recent: Vec<Item>,
}

#[derive(Serialize)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub count: Option<usize>,
    pub date: Option<String>,
}

/// How many notes each list on a generated home page shows.
const HOME_ITEMS: usize = 10;

pub fn home(site: &Site, at: &str) -> Home {
    let notes = || site.pages.iter().filter(|p| p.kind == PageKind::Note);
    let mut linked: Vec<(usize, &crate::model::Page)> =
        notes().map(|p| (site.backlinks[p.id].len(), p.as_ref())).filter(|(n, _)| *n > 0).collect();
    linked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| crate::text::natural_cmp(&a.1.title, &b.1.title)));
    let changed = |p: &crate::model::Page| site.changes.get(p.id).and_then(|f| f.changed.as_ref()).map(|c| c.date);
    let mut dated: Vec<_> = notes().filter_map(|p| changed(p).or(p.meta.date).map(|d| (d, p))).collect();
    dated.sort_by(|a, b| b.0.sort_key().cmp(&a.0.sort_key()).then_with(|| a.1.title.cmp(&b.1.title)));
    let item = |p: &crate::model::Page, count, date: Option<String>| Item {
        title: p.title.clone(),
        url: relative_url(at, &p.url),
        count,
        date,
    };
    Home {
        linked: linked.into_iter().take(HOME_ITEMS).map(|(n, p)| item(p, Some(n), None)).collect(),
        recent: dated.into_iter().take(HOME_ITEMS).map(|(d, p)| item(p, None, Some(d.to_string()))).collect(),
    }
}

#[derive(Serialize)]
pub struct Missing {
    /// What is wanted, as first written.
    pub target: String,
    /// Why it does not resolve (the first reason given).
    pub why: String,
    pub wanted_by: Vec<Item>,
}

/// Every link target that does not resolve, with the pages that link to it, most
/// wanted first.
pub fn missing(site: &Site, at: &str) -> Vec<Missing> {
    let mut by_target: BTreeMap<String, Missing> = BTreeMap::new();
    for page in &site.pages {
        for (link, target) in page.doc.links.iter().zip(site.targets[page.id].iter()) {
            let Target::Broken(why) = target else { continue };
            let written = match &link.anchor {
                Some(a) if !link.target.is_empty() => format!("{}#{a}", link.target),
                Some(a) => format!("#{a}"),
                None => link.target.clone(),
            };
            let entry = by_target.entry(fold(&written)).or_insert_with(|| Missing {
                target: written,
                why: why.clone(),
                wanted_by: Vec::new(),
            });
            if !entry.wanted_by.iter().any(|i| i.title == page.title) {
                entry.wanted_by.push(Item {
                    title: page.title.clone(),
                    url: relative_url(at, &page.url),
                    count: None,
                    date: None,
                });
            }
        }
    }
    let mut out: Vec<Missing> = by_target.into_values().collect();
    out.sort_by(|a, b| b.wanted_by.len().cmp(&a.wanted_by.len()).then_with(|| fold(&a.target).cmp(&fold(&b.target))));
    out
}
