//! Resolve: parsed pages → the [`Site`]. Links and backlinks, sources and citations,
//! tags, glossary and related pages, and the site-wide checks that need all of them.
//!
//! After this stage the site is complete and read-only.

pub mod citations;
pub mod commitments;
pub mod embeds;
pub mod incremental;
pub mod links;
pub mod paths;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::{Asset, BlockKind, Freshness, GlossaryEntry, Page, PageId, PageKind, Problems, Site, Target};
use crate::text::slugify;

/// Tags or sources shared by more pages than this say little about relatedness and
/// would make inference quadratic on big sites; they are skipped for inference.
const RELATED_FANOUT_LIMIT: usize = 50;
/// How many related pages a page lists at most.
const RELATED_MAX: usize = 8;

/// What resolve starts from: the parsed pages of the site, the pages left out of it
/// (drafts, unpublished: links to them are plain text, not broken), and the assets.
#[derive(Default)]
pub struct Parsed {
    pub pages: Vec<Page>,
    pub hidden: Vec<Page>,
    pub assets: Vec<Asset>,
    pub categories: BTreeMap<String, crate::model::outline::Category>,
    pub outline: Option<crate::model::outline::Outline>,
    /// Sources' own texts, by page path (`rel`).
    pub letters: BTreeMap<String, std::sync::Arc<crate::model::letter::Letter>>,
    /// The git history of `content/` (empty outside a repository).
    pub history: crate::load::git::History,
}

/// Builds the site from parsed pages. Content problems are kept in `site.problems`
/// and also appended to `diagnostics`.
pub fn site(config: Config, parsed: Parsed, diagnostics: &mut Vec<Diagnostic>) -> Site {
    let Parsed { mut pages, hidden, assets, categories, mut outline, letters, history } = parsed;
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    paths::readme_as_index(&mut pages);
    for (id, page) in pages.iter_mut().enumerate() {
        page.id = id;
    }
    let pages: Vec<Arc<Page>> = pages.into_iter().map(Arc::new).collect();
    let mut global = Vec::new();
    paths::check_unique(&pages, &assets, &mut global);
    let redirects = paths::redirects(&pages, &assets, &mut global);

    let tags = tags(&pages, &mut global);
    let extra = crate::model::names::Extra {
        folders: paths::folder_pages(&pages),
        tags: tags.keys().map(|slug| (slug.clone(), crate::model::tag_url(slug))).collect(),
        hidden: &hidden,
        files: paths::linkable_files(&config, &pages),
    };
    let names = crate::model::Names::new(&pages, &assets, &extra);
    let severity = config.broken_links.severity();
    let (targets, mut link_problems) = links::resolve(&pages, &assets, &names, severity);
    let targets: Vec<Arc<Vec<Target>>> = targets.into_iter().map(Arc::new).collect();
    if let Some(outline) = outline.as_mut() {
        global.extend(links::outline(outline, &names, severity));
    }
    global.extend(embeds::check(&pages, &targets));
    let backlinks = links::backlinks(&pages, &targets);

    let sources = citations::sources(&pages, &mut global);
    let cited_by = citations::resolve(&pages, &sources, severity, &mut link_problems);
    let letters: BTreeMap<PageId, _> =
        pages.iter().filter_map(|p| Some((p.id, letters.get(&p.rel)?.clone()))).collect();
    citations::check_quotes(&pages, &sources, &letters, &mut global);
    paths::check_reading_views(&pages, &assets, &letters, &mut global);

    let today = crate::model::date::today();
    let commitments = commitments::derive(
        &commitments::Input { pages: &pages, targets: &targets, sources: &sources, today },
        &mut global,
    );

    let glossary = glossary(&pages, &mut global);
    let groups = Groups::new(&pages, &tags, &cited_by);
    let related = pages.par_iter().map(|p| related_for(p, &targets[p.id], &groups, &pages)).collect();

    let changes = pages.iter().map(|p| Freshness::of(p.meta.updated, history.files.get(&p.rel))).collect();
    let problems = Problems { global, links: link_problems, warnings: Vec::new() };
    let mut site = Site {
        config,
        pages,
        assets,
        targets,
        backlinks,
        sources,
        cited_by,
        tags,
        related,
        glossary,
        names: Arc::new(names),
        redirects,
        categories,
        outline,
        commitments,
        today,
        letters,
        changes,
        problems,
    };
    site.problems.warnings = site.pages.par_iter().map(|page| page_warnings(&site, page)).collect();
    diagnostics.extend(site.problems.all().cloned());
    site
}

/// Tag slug → (tag as first written, pages), sorted.
fn tags(pages: &[Arc<Page>], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, (String, Vec<PageId>)> {
    let mut out: BTreeMap<String, (String, Vec<PageId>)> = BTreeMap::new();
    for page in pages {
        for (index, tag) in page.meta.tags.iter().enumerate() {
            let slug = slugify(tag);
            if slug.is_empty() {
                let offset = page.meta.positions.item("tags", index).unwrap_or(0);
                diagnostics.push(Diagnostic::warning_at(
                    &page.file,
                    &page.text,
                    offset,
                    format!("tag `{tag}` has no letters or digits; ignored"),
                ));
                continue;
            }
            let entry = out.entry(slug).or_insert_with(|| (tag.trim().to_string(), Vec::new()));
            if !entry.1.contains(&page.id) {
                entry.1.push(page.id);
            }
        }
    }
    out
}

/// Glossary entries from every page with `glossary:` in its front matter.
fn glossary(pages: &[Arc<Page>], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, GlossaryEntry> {
    let mut out = BTreeMap::new();
    for page in pages {
        for (term, expansion) in &page.meta.glossary {
            let anchor = links::check_anchor(page, term).ok();
            if anchor.is_none() {
                let offset = page.meta.positions.nested("glossary", term).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::warning_at(
                        &page.file,
                        &page.text,
                        offset,
                        format!("glossary term `{term}` has no heading on this page"),
                    )
                    .with_hint(format!("add `## {term}` with its definition")),
                );
            }
            out.insert(
                term.clone(),
                GlossaryEntry { term: term.clone(), expansion: expansion.clone(), page: page.id, anchor },
            );
        }
    }
    out
}

/// Pages sharing a tag or a cited source, for inferring related pages. Groups bigger
/// than [`RELATED_FANOUT_LIMIT`] are left out.
pub(crate) struct Groups {
    groups: Vec<Vec<PageId>>,
    /// Per page, the groups it is in.
    member_of: Vec<Vec<usize>>,
}

impl Groups {
    pub(crate) fn new(
        pages: &[Arc<Page>],
        tags: &BTreeMap<String, (String, Vec<PageId>)>,
        cited_by: &[Vec<crate::model::CitedBy>],
    ) -> Groups {
        let mut groups: Vec<Vec<PageId>> = tags.values().map(|(_, ids)| ids.clone()).collect();
        for uses in cited_by.iter().filter(|u| !u.is_empty()) {
            let mut ids: Vec<PageId> = uses.iter().map(|u| u.page).collect();
            ids.dedup();
            groups.push(ids);
        }
        groups.retain(|g| g.len() <= RELATED_FANOUT_LIMIT);
        let mut member_of = vec![Vec::new(); pages.len()];
        for (g, group) in groups.iter().enumerate() {
            for &p in group {
                member_of[p].push(g);
            }
        }
        Groups { groups, member_of }
    }
}

/// Declared related pages first, then pages sharing tags and sources, most shared first.
pub(crate) fn related_for(page: &Page, targets: &[Target], groups: &Groups, pages: &[Arc<Page>]) -> Vec<PageId> {
    let mut out: Vec<PageId> = page
        .doc
        .links
        .iter()
        .zip(targets)
        .filter(|(l, _)| l.kind == crate::model::LinkKind::Related)
        .filter_map(|(_, t)| match t {
            Target::Page { page: p, .. } if *p != page.id => Some(*p),
            _ => None,
        })
        .collect();
    out.dedup();
    let mut shared: HashMap<PageId, usize> = HashMap::new();
    for &g in &groups.member_of[page.id] {
        for &other in &groups.groups[g] {
            if other != page.id {
                *shared.entry(other).or_default() += 1;
            }
        }
    }
    let mut inferred: Vec<(usize, PageId)> = shared.into_iter().map(|(p, n)| (n, p)).collect();
    inferred.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, p) in inferred {
        if out.len() >= RELATED_MAX {
            break;
        }
        if !out.contains(&p) && pages[p].kind != PageKind::Source {
            out.push(p);
        }
    }
    out
}

/// Warnings about one page that need the whole site: orphan, dead end, uncited source,
/// note without citations, figures without a citation.
pub(crate) fn page_warnings(site: &Site, page: &Page) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let diagnostics = &mut diagnostics;
    {
        let warn = |message: String, hint: &str| {
            Diagnostic::file(Severity::Warning, &page.file, message).with_hint(hint.to_string())
        };
        let incoming = !site.backlinks[page.id].is_empty() || !site.cited_by[page.id].is_empty();
        if page.kind != PageKind::Home && !incoming {
            diagnostics
                .push(warn("orphan page: nothing links to it".into(), "link it from a related note or the home page"));
        }
        let outgoing = site.targets[page.id].iter().any(|t| matches!(t, Target::Page { page: p, .. } if *p != page.id));
        if !outgoing && page.doc.citations.is_empty() {
            diagnostics.push(warn("page links to no other page".into(), "add [[wikilinks]] or `related:` entries"));
        }
        match page.kind {
            PageKind::Source
                if site.cited_by[page.id].is_empty()
                    && page.key.as_ref().is_some_and(|k| site.sources.contains_key(k)) =>
            {
                diagnostics.push(warn(
                    format!("source `{}` is not cited by any note", page.key.as_deref().unwrap_or_default()),
                    "cite it as [@key] or remove it",
                ));
            }
            PageKind::Note if page.doc.citations.is_empty() && page.meta.glossary.is_empty() => {
                diagnostics.push(warn("note cites no source".into(), "back its statements with [@key, § Kop]"));
            }
            _ => {}
        }
        figures_without_citation(site, page, diagnostics);
    }
    std::mem::take(diagnostics)
}

/// A paragraph or list item with figures (numbers, amounts, percentages, dates) that
/// neither cites nor links to a source. Lead-ins ending in `:` introduce cited lists,
/// and table cells are vouched for by the text around the table; both are skipped.
fn figures_without_citation(site: &Site, page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    let mut attributed: std::collections::HashSet<usize> = page.doc.citations.iter().map(|c| c.block).collect();
    for (link, target) in page.doc.links.iter().zip(site.targets[page.id].iter()) {
        if let (Some(b), Target::Page { page: p, .. }) = (link.block, target) {
            if site.pages[*p].kind == PageKind::Source {
                attributed.insert(b);
            }
        }
    }
    // Where the links and citations of each block are, in block order: the first link
    // places its block, and all of them bound where later blocks start. (Searching the
    // links, and the text from its start, for every block took minutes on big notes.)
    let mut marks: Vec<(usize, usize)> = page.doc.links.iter().filter_map(|l| Some((l.block?, l.offset))).collect();
    marks.extend(page.doc.citations.iter().map(|c| (c.block, c.offset)));
    marks.sort_unstable();
    let mut next = 0;
    let mut cursor = page.split.body;
    let file = FileText::new(&page.text);
    for (b, block) in page.doc.blocks.iter().enumerate() {
        while marks.get(next).is_some_and(|m| m.0 < b) {
            cursor = cursor.max(marks[next].1);
            next += 1;
        }
        let checked = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem);
        if !checked || attributed.contains(&b) || block.text.trim_end().ends_with(':') || !block.figures {
            continue;
        }
        // Point at the first link in the block if there is one, else at its text.
        let first_link = marks.get(next).filter(|m| m.0 == b).map(|m| m.1);
        let offset = first_link.or_else(|| find_block(page, &block.text, cursor));
        let message = format!("figures without a citation: “{}”", crate::text::truncate(&block.text, 60));
        let d = match offset {
            Some(o) => {
                cursor = cursor.max(o);
                Diagnostic::in_file(Severity::Warning, &page.file, &file, o, message)
            }
            None => Diagnostic::file(Severity::Warning, &page.file, message),
        };
        diagnostics.push(d.with_hint("add [@key, § Kop] to the paragraph"));
    }
}

/// How far past the previous block [`find_block`] looks, so a block whose text does
/// not occur as written (markup, line breaks) costs a bounded search, not the rest of
/// a 50 MB file each time.
const BLOCK_SEARCH: usize = 64 * 1024;

/// Where a block's text starts in the file, found by its first words at or after `from`.
fn find_block(page: &Page, text: &str, from: usize) -> Option<usize> {
    let probe: String = text.chars().take(24).collect();
    let mut end = (from + BLOCK_SEARCH).min(page.text.len());
    while !page.text.is_char_boundary(end) {
        end -= 1;
    }
    page.text.get(from..end)?.find(probe.trim()).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use crate::parse::markdown::has_figure;

    #[test]
    fn figures() {
        assert!(has_figure("In 2024 waren er 108.878 wachtenden."));
        assert!(has_figure("ruim € 5,5 miljard"));
        assert!(has_figure("ongeveer 50%"));
        assert!(!has_figure("Zie de Wvggz en art. B-3."));
    }
}
