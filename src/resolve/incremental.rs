//! Updating a resolved site after one page's text changed, without resolving every
//! other page again. `serve` takes this path for the common case (an author edits the
//! body of a note); anything that could change how *other* pages resolve (front matter,
//! title, headings, embeds) returns `false`, and the caller resolves the whole site.
//!
//! What one body edit can change, and so what is redone here: the page's own links and
//! citations (and their problems), the backlinks of pages it linked to before or links
//! to now, the cited-by lists of sources it cited or cites, related pages inferred from
//! shared sources, and the warnings of every page whose incoming links changed.

use std::collections::{BTreeSet, HashMap};

use super::{citations, links, page_warnings, related_for, Groups};
use crate::model::{Backlink, Page, PageId, Site, Target};

/// Replaces the page at `new.rel` with `new` and updates what depends on it. Returns
/// `false`, leaving `site` unchanged, when the change needs a full resolve.
pub fn update(site: &mut Site, mut new: Page) -> bool {
    let Ok(id) = site.pages.binary_search_by(|p| p.rel.as_str().cmp(&new.rel)) else { return false };
    // Quotations are checked against the sources' texts over the whole site.
    if !body_only(&site.pages[id], &new) || !site.letters.is_empty() {
        return false;
    }
    new.id = id;
    let old_targets = pages_of(&site.targets[id]);
    let old_sources = sources_of(site, &site.pages[id]);
    site.pages[id] = std::sync::Arc::new(new);

    let page = &site.pages[id];
    let severity = site.config.broken_links.severity();
    let (targets, mut problems) = links::resolve_page(&site.pages, &site.assets, &site.names, severity, page);
    let new_sources = sources_of(site, page);
    let keys: citations::SectionKeys = new_sources
        .iter()
        .map(|&s| (s, site.pages[s].meta.sections.iter().map(|x| citations::section_key(x)).collect()))
        .collect();
    let check = citations::Check { pages: &site.pages, sources: &site.sources, keys: &keys, unknown_key: severity };
    let uses = check.page(page, &mut problems);
    site.problems.links[id] = problems;

    // Backlinks: drop this page's old ones, add the new ones, keep each list in page order.
    let new_targets = pages_of(&targets);
    for &to in old_targets.union(&new_targets) {
        site.backlinks[to].retain(|b| b.from != id);
    }
    let mut seen = BTreeSet::new();
    for (i, target) in targets.iter().enumerate() {
        if let Target::Page { page: to, .. } = *target {
            if to != id && seen.insert((to, site.pages[id].doc.links[i].block)) {
                site.backlinks[to].push(Backlink { from: id, link: i });
            }
        }
    }
    for &to in &new_targets {
        site.backlinks[to].sort_by_key(|b| (b.from, b.link));
    }
    site.targets[id] = std::sync::Arc::new(targets);

    // Cited by.
    for &s in old_sources.union(&new_sources) {
        site.cited_by[s].retain(|u| u.page != id);
    }
    for (s, used) in uses {
        site.cited_by[s].push(used);
    }
    for &s in &new_sources {
        site.cited_by[s].sort();
    }

    // Related pages inferred from shared sources, for everyone citing those sources.
    let groups = Groups::new(&site.pages, &site.tags, &site.cited_by);
    let mut related: BTreeSet<PageId> =
        old_sources.union(&new_sources).flat_map(|&s| site.cited_by[s].iter().map(|u| u.page)).collect();
    related.insert(id);
    let updated: HashMap<PageId, Vec<PageId>> =
        related.iter().map(|&p| (p, related_for(&site.pages[p], &site.targets[p], &groups, &site.pages))).collect();
    for (p, list) in updated {
        site.related[p] = list;
    }

    // Commitments: the letters a page cites date its first and last mention. Their
    // front-matter checks cannot change here (the front matter did not).
    let input = super::commitments::Input {
        pages: &site.pages,
        targets: &site.targets,
        sources: &site.sources,
        today: site.today,
    };
    site.commitments = super::commitments::derive(&input, &mut Vec::new());

    // Warnings of every page whose incoming links or citations changed.
    let affected: BTreeSet<PageId> = [id]
        .into_iter()
        .chain(old_targets.union(&new_targets).copied())
        .chain(old_sources.union(&new_sources).copied())
        .collect();
    for p in affected {
        site.problems.warnings[p] = page_warnings(site, &site.pages[p]);
    }
    true
}

/// Whether only the body's prose changed: same front matter, title and headings, and
/// no note embeds either way (an embedded note's content and cycles involve other
/// pages; an image does not).
fn body_only(old: &Page, new: &Page) -> bool {
    let ids = |p: &Page| p.doc.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    let embeds = |p: &Page| {
        p.doc.links.iter().any(|l| l.kind == crate::model::LinkKind::Embed && !crate::model::is_image(&l.target))
    };
    old.meta == new.meta
        && old.title == new.title
        && old.kind == new.kind
        && old.key == new.key
        && ids(old) == ids(new)
        && !embeds(old)
        && !embeds(new)
}

fn pages_of(targets: &[Target]) -> BTreeSet<PageId> {
    targets
        .iter()
        .filter_map(|t| match t {
            Target::Page { page, .. } => Some(*page),
            _ => None,
        })
        .collect()
}

fn sources_of(site: &Site, page: &Page) -> BTreeSet<PageId> {
    page.doc.citations.iter().flat_map(|c| c.items.iter()).filter_map(|i| site.sources.get(&i.key).copied()).collect()
}
