//! Links: every way one page points at another (wikilinks, embeds, Markdown links,
//! `related:`) resolved to a [`Target`], with an error for each one that does not
//! resolve, and the backlinks that follow.

use std::cell::RefCell;
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
    let mut diagnostics = Vec::new();
    let at = Linking { page, file: FileText::new(&page.text), hints: RefCell::new(HashMap::new()) };
    let targets =
        page.doc.links.iter().map(|link| resolve_one(pages, assets, names, &at, link, &mut diagnostics)).collect();
    (targets, diagnostics)
}

/// A page with more broken links than this is a rename or an import gone wrong; hints
/// for the first ones show what happened.
const MAX_HINTS: usize = 50;

/// The page whose links are resolved, with what is worked out once for all its links
/// (a note may have 100,000 broken ones).
struct Linking<'a> {
    page: &'a Page,
    /// The page's text, indexed for placing diagnostics.
    file: FileText<'a>,
    /// "Did you mean" hints by link target. Each compares the target with every title
    /// (35 ms on a 1,500-page site in a debug build), so a page gets at most
    /// [`MAX_HINTS`] different ones.
    hints: RefCell<HashMap<String, String>>,
}

fn resolve_one(
    pages: &[Page],
    assets: &[Asset],
    names: &Names,
    at: &Linking<'_>,
    link: &Link,
    diagnostics: &mut Vec<Diagnostic>,
) -> Target {
    let (page, file) = (at.page, &at.file);
    let error = |message: String| Diagnostic::in_file(Severity::Error, &page.file, file, link.offset, message);
    // Same-page anchor: `[[#Kop]]` or `[x](#kop)`.
    if link.target.is_empty() {
        let anchor = link.anchor.clone().unwrap_or_default();
        return match check_anchor(page, &anchor) {
            Ok(id) => Target::Page { page: page.id, anchor: Some(id) },
            Err(hint) => {
                diagnostics.push(error(format!("no heading `{anchor}` on this page")).with_hint(hint));
                Target::Broken
            }
        };
    }
    match link.kind {
        LinkKind::Markdown | LinkKind::Image => {
            if is_external(&link.target) {
                return Target::External(link.target.clone());
            }
            let Some(rel) = join(&page.rel, &link.target) else {
                diagnostics.push(error(format!("link `{}` points outside content/", link.target)));
                return Target::Broken;
            };
            if let Some(&id) = names.pages_by_rel.get(&rel) {
                return page_target(pages, id, link, diagnostics, &error);
            }
            if let Some(&a) = names.assets_by_rel.get(&rel) {
                return Target::Asset { asset: a };
            }
            diagnostics.push(
                error(format!("link to missing file `{}`", link.target)).with_hint(format!("looked for content/{rel}")),
            );
            Target::Broken
        }
        LinkKind::Wiki | LinkKind::Embed | LinkKind::Related => {
            if link.kind != LinkKind::Related
                && (is_image(&link.target) || names.assets_by_name.contains_key(&fold(&link.target)))
            {
                return asset_target(assets, names, link, diagnostics, &error);
            }
            let ids = names.lookup(&link.target);
            match ids.as_slice() {
                [id] => {
                    if !exact_name(&pages[*id], &link.target) {
                        diagnostics.push(
                            Diagnostic::in_file(
                                Severity::Warning,
                                &page.file,
                                file,
                                link.offset,
                                format!(
                                    "`{}` matches `{}` only when case and accents are ignored",
                                    link.target, pages[*id].title
                                ),
                            )
                            .with_hint(format!("write [[{}]]", pages[*id].title)),
                        );
                    }
                    page_target(pages, *id, link, diagnostics, &error)
                }
                [] => {
                    let mut hints = at.hints.borrow_mut();
                    let budget = hints.len() < MAX_HINTS;
                    let hint = hints
                        .entry(link.target.clone())
                        .or_insert_with(|| {
                            if !budget {
                                return String::new();
                            }
                            let near = closest(&link.target, pages.iter().map(|p| p.title.as_str()));
                            match near.as_slice() {
                                [] => String::new(),
                                near => format!(
                                    "did you mean {}?",
                                    near.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                                ),
                            }
                        })
                        .clone();
                    let mut d = error(format!("link target `{}` not found", link.target));
                    if !hint.is_empty() {
                        d = d.with_hint(hint);
                    }
                    diagnostics.push(d);
                    Target::Broken
                }
                many => {
                    let list: Vec<String> = many.iter().map(|&id| format!("content/{}", pages[id].rel)).collect();
                    diagnostics.push(
                        error(format!("link target `{}` is ambiguous: it matches {}", link.target, list.join(", ")))
                            .with_hint("use the path form, e.g. [[folder/slug]]"),
                    );
                    Target::Broken
                }
            }
        }
    }
}

fn page_target(
    pages: &[Page],
    id: PageId,
    link: &Link,
    diagnostics: &mut Vec<Diagnostic>,
    error: &dyn Fn(String) -> Diagnostic,
) -> Target {
    let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
        return Target::Page { page: id, anchor: None };
    };
    match check_anchor(&pages[id], anchor) {
        Ok(a) => Target::Page { page: id, anchor: Some(a) },
        Err(hint) => {
            diagnostics.push(error(format!("no heading `{anchor}` in `{}`", pages[id].title)).with_hint(hint));
            Target::Broken
        }
    }
}

fn asset_target(
    assets: &[Asset],
    names: &Names,
    link: &Link,
    diagnostics: &mut Vec<Diagnostic>,
    error: &dyn Fn(String) -> Diagnostic,
) -> Target {
    let folded = fold(&link.target);
    let by_path = assets.iter().position(|a| fold(&a.rel) == folded || fold(&a.rel).ends_with(&format!("/{folded}")));
    match (by_path, names.assets_by_name.get(&folded).map(Vec::as_slice)) {
        (_, Some([a])) => Target::Asset { asset: *a },
        (Some(a), _) => Target::Asset { asset: a },
        (None, Some(many)) if many.len() > 1 => {
            let list: Vec<String> = many.iter().map(|&a| format!("content/{}", assets[a].rel)).collect();
            diagnostics.push(
                error(format!("`{}` is ambiguous: {}", link.target, list.join(", ")))
                    .with_hint("give the path, e.g. ![[img/diagram.png]]"),
            );
            Target::Broken
        }
        _ => {
            diagnostics.push(error(format!("file `{}` not found in content/", link.target)));
            Target::Broken
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

/// An error for every embed that is part of a cycle (`A` embeds `B` embeds `A`), which
/// would otherwise include itself forever.
pub fn embed_cycles(pages: &[Page], targets: &[Vec<Target>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in pages {
        let file = FileText::new(&page.text);
        // Worked out once per embedded page, not once per embed.
        let mut cyclic: HashMap<PageId, bool> = HashMap::new();
        for (link, target) in page.doc.links.iter().zip(&targets[page.id]) {
            let Target::Page { page: to, .. } = *target else { continue };
            if link.kind == LinkKind::Embed
                && *cyclic.entry(to).or_insert_with(|| reaches_to(pages, targets, to, page.id))
            {
                out.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        &page.file,
                        &file,
                        link.offset,
                        format!("embed cycle: `{}` includes this page again", pages[to].title),
                    )
                    .with_hint("an embedded note may not (indirectly) embed the page that embeds it"),
                );
            }
        }
    }
    out
}

/// Whether `to` can be reached from `from` through embeds.
fn reaches_to(pages: &[Page], targets: &[Vec<Target>], from: PageId, to: PageId) -> bool {
    let mut seen = vec![false; pages.len()];
    let mut stack = vec![from];
    while let Some(p) = stack.pop() {
        if p == to {
            return true;
        }
        if std::mem::replace(&mut seen[p], true) {
            continue;
        }
        for (l, t) in pages[p].doc.links.iter().zip(&targets[p]) {
            if let (LinkKind::Embed, Target::Page { page, .. }) = (l.kind, t) {
                stack.push(*page);
            }
        }
    }
    false
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
