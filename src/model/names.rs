//! The name table: every name a page can be linked by (file stem, title, path, aliases,
//! citation key), folded, and the assets by path and file name. Built once per resolve
//! and kept in the [`Site`](super::Site) for incremental updates.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Asset, Page, PageId};
use crate::text::fold;

/// Names a page can be linked by (folded), and the assets by path and file name.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub by_name: HashMap<String, Vec<PageId>>,
    pub assets_by_rel: HashMap<String, usize>,
    pub assets_by_name: HashMap<String, Vec<usize>>,
    pub pages_by_rel: HashMap<String, PageId>,
}

impl Names {
    pub fn new(pages: &[Page], assets: &[Asset]) -> Names {
        // Folding is the costly part; do it in parallel, then fill the table in order.
        let folded: Vec<(PageId, Vec<String>)> = pages
            .par_iter()
            .map(|page| {
                let rel_no_ext = page.rel.trim_end_matches(".md");
                let names = [page.stem.as_str(), page.title.as_str(), rel_no_ext]
                    .into_iter()
                    .chain(page.meta.aliases.iter().map(String::as_str))
                    .chain(page.key.as_deref());
                (page.id, names.map(|n| fold(n.trim())).collect())
            })
            .collect();
        let mut by_name: HashMap<String, Vec<PageId>> = HashMap::with_capacity(pages.len() * 3);
        for (id, names) in folded {
            for name in names {
                let ids = by_name.entry(name).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut assets_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in assets.iter().enumerate() {
            let name = a.rel.rsplit('/').next().unwrap_or(&a.rel);
            assets_by_name.entry(fold(name)).or_default().push(i);
        }
        Names {
            by_name,
            assets_by_rel: assets.iter().enumerate().map(|(i, a)| (a.rel.clone(), i)).collect(),
            assets_by_name,
            pages_by_rel: pages.iter().map(|p| (p.rel.clone(), p.id)).collect(),
        }
    }

    /// Pages a wikilink name matches: by slug, title or alias, case-insensitively; a
    /// name with `/` matches the end of a page's path.
    pub fn lookup(&self, name: &str) -> Vec<PageId> {
        let folded = fold(name.trim().trim_end_matches(".md"));
        if let Some(ids) = self.by_name.get(&folded) {
            return ids.clone();
        }
        if folded.contains('/') {
            let suffix = format!("/{folded}");
            let mut ids: Vec<PageId> = self
                .pages_by_rel
                .iter()
                .filter(|(rel, _)| fold(rel.trim_end_matches(".md")).ends_with(&suffix))
                .map(|(_, &id)| id)
                .collect();
            ids.sort_unstable();
            return ids;
        }
        Vec::new()
    }
}
