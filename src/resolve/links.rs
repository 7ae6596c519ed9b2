//! Links: every way one page points at another (wikilinks, embeds, Markdown links,
//! `related:`) resolved to a [`Target`], with an error for each one that does not
//! resolve, and the backlinks that follow.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::{is_external, is_image, Names};
use crate::model::{Asset, Backlink, Link, LinkKind, Page, PageId, Target};
use crate::text::{closest, fold, slugify};

/// Resolves every link of every page: the targets per page and per link, and each
/// page's link problems.
pub fn resolve(pages: &[Page], assets: &[Asset], names: &Names) -> (Vec<Vec<Target>>, Vec<Vec<Diagnostic>>) {
    pages.par_iter().map(|page| resolve_page(pages, assets, names, page)).unzip()
}

/// One page's links.
pub fn resolve_page(pages: &[Page], assets: &[Asset], names: &Names, page: &Page) -> (Vec<Target>, Vec<Diagnostic>) {
    let mut linker = Linker {
        pages,
        assets,
        names,
        page,
        file: FileText::new(&page.text),
        hints: HashMap::new(),
        diagnostics: Vec::new(),
    };
    let targets = page.doc.links.iter().map(|link| linker.resolve(link)).collect();
    (targets, linker.diagnostics)
}

/// A page with more broken links than this is a rename or an import gone wrong; hints
/// for the first ones show what happened.
const MAX_HINTS: usize = 50;

/// Resolves the links of one page, with what is worked out once for all of them (a
/// note may have 100,000 broken ones).
struct Linker<'a> {
    pages: &'a [Page],
    assets: &'a [Asset],
    names: &'a Names,
    /// The page whose links these are.
    page: &'a Page,
    /// Its text, indexed for placing diagnostics.
    file: FileText<'a>,
    /// "Did you mean" hints by link target. Each compares the target with every title
    /// (35 ms on a 1,500-page site in a debug build), so a page gets at most
    /// [`MAX_HINTS`] different ones.
    hints: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

impl Linker<'_> {
    fn resolve(&mut self, link: &Link) -> Target {
        if link.target.is_empty() {
            return self.same_page(link);
        }
        match link.kind {
            LinkKind::Markdown | LinkKind::Image => self.by_path(link),
            LinkKind::Wiki | LinkKind::Embed | LinkKind::Related => self.by_name(link),
        }
    }

    /// A problem with `link`, at the link.
    fn report(&mut self, severity: Severity, link: &Link, message: String, hint: Option<String>) {
        let mut d = Diagnostic::in_file(severity, &self.page.file, &self.file, link.offset, message);
        if let Some(hint) = hint.filter(|h| !h.is_empty()) {
            d = d.with_hint(hint);
        }
        self.diagnostics.push(d);
    }

    /// A link that does not resolve: an error, and a broken target.
    fn broken(&mut self, link: &Link, message: String, hint: Option<String>) -> Target {
        self.report(Severity::Error, link, message, hint);
        Target::Broken
    }

    /// `[[#Kop]]` or `[x](#kop)`; `[x]()` and `[x](#)` are valid CommonMark (a link to
    /// the page itself) and stay as written, with a warning.
    fn same_page(&mut self, link: &Link) -> Target {
        let anchor = link.anchor.clone().unwrap_or_default();
        if anchor.is_empty() && link.kind == LinkKind::Markdown {
            let written = if link.anchor.is_some() { "#" } else { "" };
            let message = format!("empty link `({written})` leads nowhere but this page");
            self.report(Severity::Warning, link, message, Some("give it a target, or drop the link".into()));
            return Target::External(written.to_string());
        }
        match check_anchor(self.page, &anchor) {
            Ok(id) => Target::Page { page: self.page.id, anchor: Some(id) },
            Err(hint) => self.broken(link, format!("no heading `{anchor}` on this page"), Some(hint)),
        }
    }

    /// A Markdown link or image: a path relative to the linking page.
    fn by_path(&mut self, link: &Link) -> Target {
        if is_external(&link.target) {
            return Target::External(link.target.clone());
        }
        let Some(rel) = join(&self.page.rel, &link.target) else {
            return self.broken(link, format!("link `{}` points outside content/", link.target), None);
        };
        if let Some(&id) = self.names.pages_by_rel.get(&rel) {
            return self.page_target(id, link);
        }
        if let Some(&a) = self.names.assets_by_rel.get(&rel) {
            return Target::Asset { asset: a };
        }
        let hint = format!("looked for content/{rel}");
        self.broken(link, format!("link to missing file `{}`", link.target), Some(hint))
    }

    /// A wikilink, embed or `related:` entry: a page's name, or an asset's.
    fn by_name(&mut self, link: &Link) -> Target {
        let asset_like = is_image(&link.target) || self.names.assets_by_name.contains_key(&fold(&link.target));
        if link.kind != LinkKind::Related && asset_like {
            return self.asset_target(link);
        }
        match self.names.lookup(&link.target).as_slice() {
            &[id] => {
                let page = &self.pages[id];
                if !exact_name(page, &link.target) {
                    let message =
                        format!("`{}` matches `{}` only when case and accents are ignored", link.target, page.title);
                    self.report(Severity::Warning, link, message, Some(format!("write [[{}]]", page.title)));
                }
                self.page_target(id, link)
            }
            [] => {
                let hint = self.hint(&link.target);
                self.broken(link, format!("link target `{}` not found", link.target), Some(hint))
            }
            many => {
                let list: Vec<String> = many.iter().map(|&id| format!("content/{}", self.pages[id].rel)).collect();
                let message = format!("link target `{}` is ambiguous: it matches {}", link.target, list.join(", "));
                self.broken(link, message, Some("use the path form, e.g. [[folder/slug]]".into()))
            }
        }
    }

    /// "Did you mean …?" for a name no page has: the nearest titles.
    fn hint(&mut self, target: &str) -> String {
        let budget = self.hints.len() < MAX_HINTS;
        let pages = self.pages;
        self.hints
            .entry(target.to_string())
            .or_insert_with(|| {
                if !budget {
                    return String::new();
                }
                match closest(target, pages.iter().map(|p| p.title.as_str())).as_slice() {
                    [] => String::new(),
                    near => format!(
                        "did you mean {}?",
                        near.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    ),
                }
            })
            .clone()
    }

    /// Page `id`, at the link's anchor if it has one.
    fn page_target(&mut self, id: PageId, link: &Link) -> Target {
        let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
            return Target::Page { page: id, anchor: None };
        };
        match check_anchor(&self.pages[id], anchor) {
            Ok(a) => Target::Page { page: id, anchor: Some(a) },
            Err(hint) => {
                let message = format!("no heading `{anchor}` in `{}`", self.pages[id].title);
                self.broken(link, message, Some(hint))
            }
        }
    }

    /// An asset by path or file name.
    fn asset_target(&mut self, link: &Link) -> Target {
        let folded = fold(&link.target);
        let suffix = format!("/{folded}");
        let by_path = self.assets.iter().position(|a| {
            let rel = fold(&a.rel);
            rel == folded || rel.ends_with(&suffix)
        });
        match (by_path, self.names.assets_by_name.get(&folded).map(Vec::as_slice)) {
            (_, Some([a])) => Target::Asset { asset: *a },
            (Some(a), _) => Target::Asset { asset: a },
            (None, Some(many)) if many.len() > 1 => {
                let list: Vec<String> = many.iter().map(|&a| format!("content/{}", self.assets[a].rel)).collect();
                let message = format!("`{}` is ambiguous: {}", link.target, list.join(", "));
                self.broken(link, message, Some("give the path, e.g. ![[img/diagram.png]]".into()))
            }
            _ => self.broken(link, format!("file `{}` not found in content/", link.target), None),
        }
    }
}

/// Whether `name` is one of the page's names exactly (as opposed to only folded).
fn exact_name(page: &Page, name: &str) -> bool {
    let name = name.trim();
    name.eq_ignore_ascii_case(&page.stem)
        || name == page.title
        || page.meta.aliases.iter().any(|a| a == name)
        || page.key.as_deref() == Some(name)
        || name.contains('/')
}

/// The heading id an anchor names: by id or by heading text, case-insensitively.
pub fn check_anchor(page: &Page, anchor: &str) -> Result<String, String> {
    let wanted = slugify(anchor);
    let headings = &page.doc.headings;
    // Ids are slugs of the heading text, so this almost always finds it without folding.
    let found = headings.iter().find(|h| h.id == anchor || h.id == wanted).or_else(|| {
        let folded = fold(anchor);
        headings.iter().find(|h| fold(&h.text) == folded)
    });
    match found {
        Some(h) => Ok(h.id.clone()),
        None => {
            let near = closest(anchor, page.doc.headings.iter().map(|h| h.text.as_str()));
            Err(if near.is_empty() {
                format!("`{}` has {} headings", page.title, page.doc.headings.len())
            } else {
                format!("did you mean {}?", near.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "))
            })
        }
    }
}

/// `target` relative to the folder of `from` (both `/`-separated from content/);
/// `None` if it climbs out of content/.
pub fn join(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        parts.clear();
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Backlinks per page, one per (linking page, block), in page order.
pub fn backlinks(pages: &[Page], targets: &[Vec<Target>]) -> Vec<Vec<Backlink>> {
    let mut seen: HashSet<(PageId, PageId, Option<usize>)> = HashSet::new();
    let mut out = vec![Vec::new(); pages.len()];
    for page in pages {
        for (i, target) in targets[page.id].iter().enumerate() {
            if let Target::Page { page: to, .. } = *target {
                let block = page.doc.links[i].block;
                if to != page.id && seen.insert((to, page.id, block)) {
                    out[to].push(Backlink { from: page.id, link: i });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("a/b.md", "c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a/b.md", "../map/n.md").as_deref(), Some("map/n.md"));
        assert_eq!(join("b.md", "../x.md"), None);
        assert_eq!(join("a/b.md", "/x.md").as_deref(), Some("x.md"));
    }
}
