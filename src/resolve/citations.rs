//! Citations: sources by key, every `[@key, locator]` checked against its source, the
//! cited-by lists, and the quote check against full source texts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::locator::unquote;
use crate::model::Locator;
use crate::model::{CitedBy, Page, PageId, PageKind};
use crate::text::closest;

/// Source key → page, with an error for each key used twice.
pub fn sources(pages: &[Arc<Page>], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, PageId> {
    let mut out: BTreeMap<String, PageId> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.kind == PageKind::Source) {
        let Some(key) = &page.key else { continue };
        if let Some(&first) = out.get(key) {
            diagnostics.push(Diagnostic::file(
                Severity::Error,
                &page.file,
                format!("citation key `{key}` is also used by {}", pages[first].file.display()),
            ));
            continue;
        }
        let offset = || page.meta.positions.key("id").unwrap_or(0);
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || "-_.:/#".contains(c)) {
            diagnostics.push(
                Diagnostic::error_at(
                    &page.file,
                    &page.text,
                    offset(),
                    format!("citation key `{key}` has characters a citation cannot use"),
                )
                .with_hint("keys use letters, digits and - _ . : / #"),
            );
            continue;
        }
        // The key names the source's full text, `<key>.txt` under `source_texts`.
        if key.starts_with('/') || key.split('/').any(|part| part == "..") {
            diagnostics.push(
                Diagnostic::error_at(
                    &page.file,
                    &page.text,
                    offset(),
                    format!("citation key `{key}` climbs out of its folder as a file name"),
                )
                .with_hint("a key may contain `/`, but not start with it or have a `..` part"),
            );
            continue;
        }
        out.insert(key.clone(), page.id);
        check_source_metadata(page, diagnostics);
    }
    out
}

fn check_source_metadata(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    let warn = |key: &str, message: String| {
        let offset = page.meta.positions.key(key).unwrap_or(0);
        Diagnostic::at(Severity::Warning, &page.file, &page.text, offset, message)
    };
    if let Some(url) = page.meta.url.as_deref().filter(|u| !crate::text::is_web_url(u)) {
        let offset = page.meta.positions.key("url").unwrap_or(0);
        diagnostics.push(
            Diagnostic::error_at(
                &page.file,
                &page.text,
                offset,
                format!("source url `{url}` is not an http(s) address"),
            )
            .with_hint("give the document's web address, e.g. https://zoek.officielebekendmakingen.nl/…"),
        );
    }
    if page.meta.title.is_none() {
        diagnostics.push(warn("title", "source has no `title`".to_string()));
    }
    if let Some(k) = &page.meta.kamerstuk {
        match &k.vergaderjaar {
            Some(year) if !valid_vergaderjaar(year) => diagnostics.push(
                warn("kamerstuk", format!("vergaderjaar `{year}` is not of the form YYYY-YYYY"))
                    .with_hint("e.g. 2024-2025"),
            ),
            None => diagnostics.push(
                warn("kamerstuk", "source's kamerstuk has no vergaderjaar".to_string())
                    .with_hint("add vergaderjaar: \"2024-2025\" (it is part of how the paper is cited)"),
            ),
            Some(_) => {}
        }
    }
}

fn valid_vergaderjaar(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['-', '–', '/']).collect();
    matches!(parts.as_slice(), [a, b] if a.len() == 4 && b.len() == 4 && a.parse::<u16>().is_ok() && b.parse::<u16>().is_ok())
}

/// Each source's section names, normalised for comparison.
pub type SectionKeys = HashMap<PageId, HashSet<String>>;

pub fn section_keys(pages: &[Arc<Page>], sources: &BTreeMap<String, PageId>) -> SectionKeys {
    sources.values().map(|&p| (p, pages[p].meta.sections.iter().map(|s| section_key(s)).collect())).collect()
}

/// Checks every citation; per page, its problems. Returns the uses of each source.
pub fn resolve(
    pages: &[Arc<Page>],
    sources: &BTreeMap<String, PageId>,
    unknown_key: Severity,
    problems: &mut [Vec<Diagnostic>],
) -> Vec<Vec<CitedBy>> {
    let keys = section_keys(pages, sources);
    let mut cited_by = vec![Vec::new(); pages.len()];
    for page in pages {
        let check = Check { pages, sources, keys: &keys, unknown_key };
        for (source, used) in check.page(page, &mut problems[page.id]) {
            cited_by[source].push(used);
        }
    }
    cited_by
}

/// What citations are checked against.
pub struct Check<'a> {
    pub pages: &'a [Arc<Page>],
    pub sources: &'a BTreeMap<String, PageId>,
    pub keys: &'a SectionKeys,
    /// How bad an unknown key is (`broken_links`).
    pub unknown_key: Severity,
}

impl Check<'_> {
    /// One page's citations: their problems, and the uses of each source, in page order.
    pub fn page(&self, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<(PageId, CitedBy)> {
        check_page(self, page, diagnostics)
    }
}

fn check_page(check: &Check<'_>, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<(PageId, CitedBy)> {
    let Check { pages, sources, keys, unknown_key } = *check;
    let mut uses = Vec::new();
    // Indexed once for all the page's citations.
    let file = FileText::new(&page.text);
    for (c, citation) in page.doc.citations.iter().enumerate() {
        for (i, item) in citation.items.iter().enumerate() {
            let Some(&source) = sources.get(&item.key) else {
                let near = closest(&item.key, sources.keys().map(String::as_str));
                let d = Diagnostic::in_file(
                    unknown_key,
                    &page.file,
                    &file,
                    item.offset,
                    format!("unknown citation key `{}`", item.key),
                );
                diagnostics.push(match near.as_slice() {
                    [] => d.with_hint("sources are the pages in content/sources/; their key is `id:` or the file name"),
                    near => d.with_hint(format!(
                        "did you mean {}?",
                        near.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    )),
                });
                continue;
            };
            if let Some(locator) = &item.locator {
                let empty = HashSet::new();
                let section_keys = keys.get(&source).unwrap_or(&empty);
                let at = Item { page, file: &file, offset: item.offset };
                check_locator(&at, &pages[source], section_keys, locator, diagnostics);
            }
            uses.push((source, CitedBy { page: page.id, citation: c, item: i }));
        }
    }
    uses
}

/// A citation item being checked: the citing page, and where the item is.
struct Item<'a> {
    page: &'a Page,
    file: &'a FileText<'a>,
    offset: usize,
}

fn check_locator(
    at: &Item<'_>,
    source: &Page,
    section_keys: &HashSet<String>,
    locator: &Locator,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Item { page, file, offset } = *at;
    let key = source.key.as_deref().unwrap_or_default();
    match locator {
        &Locator::Pages { last, .. } => {
            if let Some(count) = source.meta.pages.filter(|&n| last > n) {
                diagnostics.push(Diagnostic::in_file(
                    Severity::Error,
                    &page.file,
                    file,
                    offset,
                    format!("page {last} is beyond the end of `{key}`, which has {count} pages"),
                ));
            }
        }
        Locator::Section(section) => {
            let sections = &source.meta.sections;
            if sections.is_empty() {
                return;
            }
            if !section_keys.contains(&section_key(section)) {
                let near = closest(unquote(section), sections.iter().map(String::as_str));
                let mut d = Diagnostic::in_file(
                    Severity::Error,
                    &page.file,
                    file,
                    offset,
                    format!("`{key}` has no section `{}`", unquote(section)),
                );
                if let Some(n) = near.first() {
                    d = d.with_hint(format!("did you mean `§ {n}`?"));
                }
                diagnostics.push(d);
            }
        }
        Locator::Other(_) => {}
    }
}

pub use crate::model::letter::section_key;

/// Checks every quotation (`“…” [@key]`) against the source's own text, where the
/// source has one: the words must be in one of its paragraphs.
pub fn check_quotes(
    pages: &[Arc<Page>],
    sources: &BTreeMap<String, PageId>,
    letters: &BTreeMap<PageId, std::sync::Arc<crate::model::letter::Letter>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if letters.is_empty() {
        return;
    }
    for page in pages {
        let file = FileText::new(&page.text);
        for citation in &page.doc.citations {
            let Some(quote) = &citation.quote else { continue };
            let Some((key, letter)) =
                citation.items.iter().find_map(|i| Some((&i.key, letters.get(sources.get(&i.key)?)?)))
            else {
                continue;
            };
            if letter.find(quote).is_none() {
                diagnostics.push(
                    Diagnostic::in_file(
                        Severity::Error,
                        &page.file,
                        &file,
                        citation.offset,
                        format!("quotation not found in the text of `{key}`"),
                    )
                    .with_hint(format!("quoted: “{}”", crate::text::truncate(quote, 80))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_keys_ignore_case_accents_numbering_and_quotes() {
        assert_eq!(
            section_key("1. Verbeteren van mentale gezondheid"),
            section_key("verbeteren van  mentale gezondheid")
        );
        assert_eq!(section_key("“Financiële positie”"), section_key("financiele positie"));
    }

    #[test]
    fn vergaderjaar_form() {
        assert!(valid_vergaderjaar("2024-2025"));
        assert!(!valid_vergaderjaar("24-25"));
    }
}
