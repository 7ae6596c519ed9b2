//! The pipeline, run end to end: config → load → parse → resolve → render → write.
//! `build`, `check` (and later `serve`) all come through here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::config::Config;
use crate::config::RawHtml;
use crate::diag::{self, Diagnostic, Severity};
use crate::model::{Page, Site};
use crate::render::{theme::Theme, Rendered, Renderer};
use crate::write::Staging;
use crate::{load, parse, resolve, Error};

/// What to build, from the command line.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    /// Overrides `base_url` from `dossier.yaml`.
    pub base_url: Option<String>,
}

/// How long each stage took.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.stages.push((stage, start.elapsed()));
        out
    }
}

/// The outcome of loading a site: the site (if config and content could be read at
/// all) and every diagnostic, sorted.
pub struct Loaded {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics found before resolve (config, reading, parsing).
    pub before_resolve: Vec<Diagnostic>,
    pub timings: Timings,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }
}

/// Loads, parses and resolves the site: everything `check` does.
pub fn load(options: &Options) -> Result<Loaded, Error> {
    load_with(options, None)
}

/// Parsed pages kept between builds (by `serve`): a file whose size and modification
/// time have not changed is neither read nor parsed again.
#[derive(Default)]
pub struct PageCache {
    entries: HashMap<String, Cached>,
}

struct Cached {
    stamp: (SystemTime, u64),
    page: Page,
    diagnostics: Vec<Diagnostic>,
}

impl PageCache {
    /// Whether `rel` (a path from `content/`) was loaded as a page last time.
    pub fn contains(&self, rel: &str) -> bool {
        self.entries.contains_key(rel)
    }

    /// Reads and parses one page again, replacing its entry. `None` if it cannot be read
    /// (the caller then rebuilds everything, which reports why).
    pub fn reparse(&mut self, options: &Options, raw_html: RawHtml, rel: &str) -> Option<(Page, Vec<Diagnostic>)> {
        let path = options.root.join("content").join(rel);
        let meta = std::fs::metadata(&path).ok()?;
        let stamp = (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len());
        let file = load::read(&options.root, rel.to_string(), &path).ok()?;
        let mut diagnostics = Vec::new();
        let page = parse::page(file, raw_html, &mut diagnostics);
        let cached = Cached { stamp, page: page.clone(), diagnostics: diagnostics.clone() };
        self.entries.insert(rel.to_string(), cached);
        Some((page, diagnostics))
    }
}

/// [`load`], reusing (and refreshing) `cache`.
pub fn load_cached(options: &Options, cache: &mut PageCache) -> Result<Loaded, Error> {
    load_with(options, Some(cache))
}

/// Without a cache (a one-off build or check), pages are not copied into one.
fn load_with(options: &Options, mut cache: Option<&mut PageCache>) -> Result<Loaded, Error> {
    let mut timings = Timings::default();
    let mut diagnostics = Vec::new();
    let mut config = match Config::load(&options.root) {
        Ok(c) => c,
        Err(mut d) => {
            diagnostics.append(&mut d);
            Config::default()
        }
    };
    if let Some(url) = &options.base_url {
        config.base_url = Some(url.clone());
    }
    let (found, assets) = timings.time("load", || load::scan(&options.root, options.drafts, &mut diagnostics))?;
    let root = &options.root;
    let parsed: Vec<Result<(String, Cached), Diagnostic>> = timings.time("parse", || {
        found
            .into_par_iter()
            .map(|(rel, path)| {
                let stamp = std::fs::metadata(&path)
                    .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
                    .unwrap_or((SystemTime::UNIX_EPOCH, 0));
                if let Some(hit) = cache.as_ref().and_then(|c| c.entries.get(&rel)).filter(|c| c.stamp == stamp) {
                    let cached = Cached { stamp, page: hit.page.clone(), diagnostics: hit.diagnostics.clone() };
                    return Ok((rel, cached));
                }
                let file = load::read(root, rel.clone(), &path)?;
                let mut d = Vec::new();
                let page = parse::page(file, config.raw_html, &mut d);
                Ok((rel, Cached { stamp, page, diagnostics: d }))
            })
            .collect()
    });
    if let Some(cache) = cache.as_mut() {
        cache.entries.clear();
    }
    let mut pages = Vec::with_capacity(parsed.len());
    for result in parsed {
        let (rel, cached) = match result {
            Ok(ok) => ok,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        diagnostics.extend(cached.diagnostics.iter().cloned());
        let wanted = !cached.page.meta.draft || options.drafts;
        match cache.as_mut() {
            Some(cache) => {
                if wanted {
                    pages.push(cached.page.clone());
                }
                cache.entries.insert(rel, cached);
            }
            None if wanted => pages.push(cached.page),
            None => {}
        }
    }
    let before_resolve = diagnostics.clone();
    let site = timings.time("resolve", || resolve::site(&options.root, config, pages, assets, &mut diagnostics));
    diag::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(Loaded { site, diagnostics, before_resolve, timings })
}

/// Renders a loaded site into `output`, atomically. Call only when there are no errors.
/// The site moves into the renderer; `loaded` keeps its diagnostics and timings.
pub fn write(root: &Path, loaded: &mut Loaded, output: &Path) -> Result<Rendered, Error> {
    let start = Instant::now();
    let theme = Theme::load(root, &loaded.site.config.theme, &loaded.site.config.language)?;
    let staging = Staging::new(root, output)?;
    let mut site = std::mem::take(&mut loaded.site);
    site.release_texts();
    let site = Arc::new(site);
    let renderer = Renderer::new(site, Arc::new(theme));
    let rendered = renderer.render_all(&staging)?;
    loaded.timings.stages.push(("render", start.elapsed()));
    let start = Instant::now();
    staging.commit()?;
    loaded.timings.stages.push(("write", start.elapsed()));
    Ok(rendered)
}
