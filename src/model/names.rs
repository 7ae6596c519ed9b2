//! The name table: every name a page can be linked by (path, file name, title, aliases,
//! citation key), folded, and the assets by path and file name; the folder and tag pages
//! a link can name; and the names of pages left out of the site (drafts, unpublished),
//! so that a link to one is quietly plain text, not a broken link. Built once per
//! resolve and kept in the [`Site`](super::Site) for incremental updates.
//!
//! A name several pages share resolves as Obsidian does it: the exact path first, then
//! the file name (in the linking note's own folder, else the one with the shortest
//! path), then titles, aliases and keys the same way; only a true tie is ambiguous.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Asset, Page, PageId};
use crate::text::fold;

/// Names a page can be linked by (folded), and the assets by path and file name.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Path from `content/` without `.md`, folded.
    by_path: HashMap<String, PageId>,
    /// File name without `.md`, folded.
    by_stem: HashMap<String, Vec<PageId>>,
    /// Title, aliases and citation key, folded.
    by_other: HashMap<String, Vec<PageId>>,
    /// Each page's folder (path from `content/` up to the last `/`), folded.
    folders: Vec<String>,
    /// Generated pages a link can name: `folder/` → folder page, `tags/slug` → tag page.
    generated: HashMap<String, String>,
    /// Names of pages that exist but are left out of the output.
    hidden: HashSet<String>,
    pub assets_by_rel: HashMap<String, usize>,
    pub assets_by_name: HashMap<String, Vec<usize>>,
    pub pages_by_rel: HashMap<String, PageId>,
    /// Output path → page, for links to a page's `.html`.
    pages_by_url: HashMap<String, PageId>,
}

/// What a name leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Page(PageId),
    /// A page dossier generates: a folder's list or a tag's page (output path).
    Generated(String),
    /// Several pages, none preferred by the rules.
    Ambiguous(Vec<PageId>),
    /// A page that exists but is not published (a draft, `publish: false`).
    Hidden,
    Nothing,
}

/// What besides the pages a link can name.
#[derive(Clone, Debug, Default)]
pub struct Extra<'a> {
    /// Folder path from `content/` (`vereniging`) → output path of its page.
    pub folders: Vec<(String, String)>,
    /// Tag slug → output path of its page.
    pub tags: Vec<(String, String)>,
    /// Pages left out of the site: their names still resolve, to nothing.
    pub hidden: &'a [Page],
    /// Files dossier writes at the root that a Markdown link may name (`timeline.html`,
    /// `commitments.csv`).
    pub files: Vec<String>,
}

impl Names {
    /// A file dossier generates, by its output path (`commitments.html`).
    pub fn generated_file(&self, path: &str) -> Option<&str> {
        self.generated.get(path).map(String::as_str).filter(|_| !path.ends_with('/') && !path.starts_with("tags/"))
    }

    pub fn new(pages: &[Arc<Page>], assets: &[Asset], extra: &Extra<'_>) -> Names {
        // Folding is the costly part; do it in parallel, then fill the tables in order.
        let folded: Vec<(String, String, Vec<String>)> = pages.par_iter().map(|p| folded_names(p)).collect();
        let mut names = Names::default();
        for (id, (path, stem, others)) in folded.into_iter().enumerate() {
            let folder = path.rsplit_once('/').map(|(f, _)| f.to_string()).unwrap_or_default();
            names.by_path.insert(path, id);
            names.by_stem.entry(stem).or_default().push(id);
            for other in others {
                let ids = names.by_other.entry(other).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            names.folders.push(folder);
        }
        for page in extra.hidden {
            let (path, stem, others) = folded_names(page);
            names.hidden.extend([path, stem].into_iter().chain(others));
        }
        for (folder, url) in &extra.folders {
            names.generated.insert(format!("{}/", fold(folder)), url.clone());
        }
        for (slug, url) in &extra.tags {
            names.generated.insert(format!("tags/{slug}"), url.clone());
        }
        for file in &extra.files {
            names.generated.insert(file.clone(), file.clone());
        }
        for (i, a) in assets.iter().enumerate() {
            let name = a.rel.rsplit('/').next().unwrap_or(&a.rel);
            names.assets_by_name.entry(fold(name)).or_default().push(i);
            names.assets_by_rel.insert(a.rel.clone(), i);
        }
        names.pages_by_rel = pages.iter().map(|p| (p.rel.clone(), p.id)).collect();
        names.pages_by_url = pages.iter().map(|p| (p.url.clone(), p.id)).collect();
        names
    }

    /// What a wikilink name leads to, linked from the page at `from` (a path from
    /// `content/`). Case and accents do not matter; `.md` may be written or not.
    pub fn lookup(&self, name: &str, from: &str) -> Found {
        let folded = fold(name.trim());
        let folded = folded.strip_suffix(".md").unwrap_or(&folded).trim_start_matches("./");
        if let Some(url) = self.generated.get(folded) {
            return Found::Generated(url.clone());
        }
        if let Some(folder) = folded.strip_suffix('/') {
            // A folder with a page of its own.
            let index = ["index", "readme"].iter().find_map(|i| self.by_path.get(&format!("{folder}/{i}")));
            return index.map_or(Found::Nothing, |&id| Found::Page(id));
        }
        if let Some(&id) = self.by_path.get(folded) {
            return Found::Page(id);
        }
        let from_folder = fold(from.rsplit_once('/').map_or("", |(f, _)| f));
        let mut found = Found::Nothing;
        if folded.contains('/') {
            // The end of a path: `East/Notes` for `Branches/East/Notes`.
            let suffix = format!("/{folded}");
            let ids: Vec<PageId> =
                self.by_path.iter().filter(|(p, _)| p.ends_with(&suffix)).map(|(_, &id)| id).collect();
            found = self.choose(ids, &from_folder);
        }
        if found == Found::Nothing {
            // A file name first, then titles, aliases and keys (which may hold a `/`).
            found = match self.by_stem.get(folded) {
                Some(ids) => self.choose(ids.clone(), &from_folder),
                None => self.choose(self.by_other.get(folded).cloned().unwrap_or_default(), &from_folder),
            };
        }
        match found {
            Found::Nothing if self.hidden.contains(folded) => Found::Hidden,
            found => found,
        }
    }

    /// The page written to output path `url`.
    pub fn page_by_url(&self, url: &str) -> Option<PageId> {
        self.pages_by_url.get(url).copied()
    }

    /// One of `ids`: the only one, else the one in the linking note's folder, else the
    /// one with the shortest path; a tie is ambiguous.
    fn choose(&self, mut ids: Vec<PageId>, from_folder: &str) -> Found {
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => return Found::Nothing,
            [id] => return Found::Page(*id),
            _ => {}
        }
        let here: Vec<PageId> = ids.iter().copied().filter(|&id| self.folders[id] == from_folder).collect();
        if let [id] = here.as_slice() {
            return Found::Page(*id);
        }
        let depth =
            |id: PageId| if self.folders[id].is_empty() { 0 } else { self.folders[id].matches('/').count() + 1 };
        let shallowest = ids.iter().map(|&id| depth(id)).min().unwrap_or(0);
        let nearest: Vec<PageId> = ids.into_iter().filter(|&id| depth(id) == shallowest).collect();
        match nearest.as_slice() {
            [id] => Found::Page(*id),
            _ => Found::Ambiguous(nearest),
        }
    }
}

/// A page's names, folded: path without `.md`, file name, and the others.
fn folded_names(page: &Page) -> (String, String, Vec<String>) {
    let path = fold(page.rel.trim_end_matches(".md"));
    let stem = fold(page.stem.trim());
    let others = [page.title.as_str()]
        .into_iter()
        .chain(page.meta.aliases.iter().map(String::as_str))
        .chain(page.key.as_deref())
        .map(|n| fold(n.trim()))
        .collect();
    (path, stem, others)
}
