//! Output paths: every page and asset gets its own, none takes one dossier generates
//! (`timeline.html`, `search/…`), and each alias gets a redirect page where nothing
//! real is. A collision is an error naming both sides: a file silently overwritten by
//! another, or by a generated one, is a page that vanishes.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diag::{Diagnostic, Severity};
use crate::model::url::generated;
use crate::model::{Asset, Page, PageId, PageKind};
use crate::text::slugify;

/// The longest file or folder name most file systems accept, in bytes.
const MAX_NAME: usize = 255;

/// Errors for pages and assets that would be written to the same path, or to one
/// dossier generates.
pub fn check_unique(pages: &[Arc<Page>], assets: &[Asset], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let folders = list_pages(pages);
    let all = pages
        .iter()
        .map(|p| (p.url.as_str(), p.rel.as_str()))
        .chain(assets.iter().map(|a| (a.url.as_str(), a.rel.as_str())));
    for (url, rel) in all {
        if let Some(part) = url.split('/').find(|part| part.len() > MAX_NAME) {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Error,
                    format!("content/{rel}"),
                    format!("its output name is {} bytes long; file systems allow {MAX_NAME}", part.len()),
                )
                .with_hint("shorten the file or folder name"),
            );
        }
        if let Some(first) = seen.insert(url, rel) {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Error,
                    format!("content/{rel}"),
                    format!("would be written to {url}, like content/{first}"),
                )
                .with_hint(
                    "file names that differ only in case, accents or punctuation give the same page; rename one",
                ),
            );
        }
        let what = generated(url).or_else(|| folders.contains(&url.to_string()).then_some("a folder's list page"));
        if let Some(what) = what {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Error,
                    format!("content/{rel}"),
                    format!("would be written to {url}, where dossier writes {what}"),
                )
                .with_hint("rename the file or move it into a folder"),
            );
        }
    }
}

/// The folders a link can name (`[[map/]]`) that have no page of their own: the
/// top-level folders dossier makes a list page for, with its output path.
pub fn folder_pages(pages: &[Arc<Page>]) -> Vec<(String, String)> {
    // Each folder once, then one lookup for its index: this ran over every page for
    // every page (68 s of a 100,000-note build).
    let mut folders: Vec<&str> = pages
        .iter()
        .filter(|p| p.kind != PageKind::Home)
        .filter_map(|p| p.rel.split_once('/').map(|(f, _)| f))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    let urls: HashSet<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    folders
        .into_iter()
        .map(|f| (f.to_string(), format!("{}/index.html", slugify(f))))
        .filter(|(_, index)| !urls.contains(index.as_str()))
        .collect()
}

/// mdBook and GitHub call a folder's page `README.md`: where a folder has no
/// `index.md`, its README is its page (`config/index.html`), and the one at the top of
/// `content/` the home page.
pub fn readme_as_index(pages: &mut [Page]) {
    let folder = |rel: &str| rel.rsplit_once('/').map_or(String::new(), |(f, _)| f.to_string());
    let indexes: std::collections::HashSet<String> =
        pages.iter().filter(|p| p.stem == "index").map(|p| folder(&p.rel)).collect();
    for page in pages.iter_mut() {
        if !page.stem.eq_ignore_ascii_case("readme") || page.meta.slug.is_some() {
            continue;
        }
        let f = folder(&page.rel);
        if indexes.contains(&f) {
            continue;
        }
        if f.is_empty() {
            page.url = "index.html".into();
            page.kind = PageKind::Home;
        } else {
            page.url = format!("{}/index.html", page.url.rsplit_once('/').map_or("", |(d, _)| d));
        }
    }
}

/// The list pages dossier generates for folders without an `index.md`.
fn list_pages(pages: &[Arc<Page>]) -> Vec<String> {
    folder_pages(pages).into_iter().map(|(_, url)| url).collect()
}

/// The output path that serves an old address (Quartz `permalink: /oud/huisregels`):
/// `oud/huisregels.html`, the form GitHub Pages serves for `/oud/huisregels`.
fn permalink_path(permalink: &str) -> Option<String> {
    let trimmed = permalink.trim().trim_matches('/');
    let trimmed = trimmed.strip_suffix(".html").unwrap_or(trimmed);
    let parts: Vec<String> = trimmed.split('/').map(slugify).filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| format!("{}.html", parts.join("/")))
}

/// Redirect pages, so an old name keeps working after a rename: each alias gets a page
/// beside the note (`map/oude-naam.html`), each `permalink` one at that address. Where a page or asset is, it wins and
/// there is no redirect; an alias that would take a generated path is an error.
pub fn redirects(pages: &[Arc<Page>], assets: &[Asset], diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PageId)> {
    let mut taken: std::collections::HashSet<String> =
        pages.iter().map(|p| p.url.clone()).chain(assets.iter().map(|a| a.url.clone())).collect();
    taken.extend(list_pages(pages));
    let mut out = Vec::new();
    for page in pages {
        if let Some(from) = page.meta.permalink.as_deref().and_then(permalink_path) {
            let at = page.meta.positions.key("permalink").unwrap_or(0);
            let problem = match generated(&from) {
                Some(what) => Some(format!("permalink `{from}` is where dossier writes {what}")),
                None if from == page.url => None,
                None if !taken.insert(from.clone()) => Some(format!("permalink `{from}` is another page's address")),
                None => {
                    out.push((from, page.id));
                    None
                }
            };
            if let Some(message) = problem {
                diagnostics.push(Diagnostic::error_at(&page.file, &page.text, at, message));
            }
        }
        let folder = page.url.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        for (i, alias) in page.meta.aliases.iter().enumerate() {
            let slug = slugify(alias);
            if slug.is_empty() {
                continue;
            }
            let from = format!("{folder}{slug}.html");
            if let Some(what) = generated(&from) {
                let offset = page.meta.positions.item("aliases", i).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::error_at(
                        &page.file,
                        &page.text,
                        offset,
                        format!("alias `{alias}` would be redirected from {from}, where dossier writes {what}"),
                    )
                    .with_hint("links by this alias still work; choose another alias to get a redirect page"),
                );
                continue;
            }
            if taken.insert(from.clone()) {
                out.push((from, page.id));
            }
        }
    }
    out
}

/// A source's reading view (`sources/x/text.html`) must not take the place of a note
/// or a file with that path.
pub fn check_reading_views(
    pages: &[Arc<Page>],
    assets: &[Asset],
    letters: &std::collections::BTreeMap<PageId, std::sync::Arc<crate::model::letter::Letter>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for &source in letters.keys() {
        let url = crate::model::reading_url(&pages[source].url);
        let taken = pages
            .iter()
            .find(|p| p.url == url)
            .map(|p| p.file.clone())
            .or_else(|| assets.iter().find(|a| a.url == url).map(|a| std::path::Path::new("content").join(&a.rel)));
        if let Some(file) = taken {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Error,
                    file,
                    format!(
                        "`{url}` is where the text of `{}` is shown",
                        pages[source].key.as_deref().unwrap_or_default()
                    ),
                )
                .with_hint("rename or move this file"),
            );
        }
    }
}

/// How many pages the whole-dossier print view would hold: all but the sources.
pub fn printable(pages: &[Arc<Page>]) -> usize {
    pages.iter().filter(|p| p.kind != PageKind::Source).count()
}

/// The files at the root that dossier writes for this site and a note may link to
/// (`[overzicht](commitments.html)`, `[data](commitments.csv)`): every generated page
/// and export, less those this site has none of.
pub fn linkable_files(config: &crate::config::Config, pages: &[Arc<Page>]) -> Vec<String> {
    let commitments = pages.iter().any(|p| {
        p.kind == PageKind::Note && p.meta.kind.as_deref().and_then(crate::model::commitment::Kind::parse).is_some()
    });
    crate::model::url::GENERATED
        .iter()
        .map(|(path, _)| *path)
        .filter(|p| commitments || !p.starts_with("commitments."))
        .filter(|p| *p != "sitemap.xml" || (config.base_url.is_some() && !config.private))
        .filter(|p| *p != "print.html" || printable(pages) <= crate::model::url::PRINT_LIMIT)
        .map(str::to_string)
        .collect()
}
