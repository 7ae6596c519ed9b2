//! The pipeline, run end to end: config → load → parse → resolve → render → write.
//!
//! [`Rebuilder`] is the one way a site gets built: `build` and `check` run it once,
//! `serve` keeps one alive and hands it each batch of changed files. Between runs it
//! keeps what survives a change (parsed pages, the theme, the last resolved site and
//! its layout), so an edit to a note's text costs one page's parse and an incremental
//! resolve (`resolve::incremental`) instead of a whole build.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::config::{BrokenLinks, Config};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::{Page, Site};
use crate::render::{theme::Theme, Rendered, Renderer, Sink};
use crate::write::Staging;
use crate::{load, parse, resolve, Error};

/// What to build, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    /// Overrides `base_url` from `dossier.yaml`.
    pub base_url: Option<String>,
    /// Overrides `broken_links` from `dossier.yaml`.
    pub broken_links: Option<BrokenLinks>,
    /// Overrides `source_texts` from `dossier.yaml` (relative to the working directory,
    /// as command-line paths are).
    pub source_texts: Option<PathBuf>,
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

/// Loads, parses and resolves the site: everything up to rendering.
pub fn load(options: &Options) -> Result<Loaded, Error> {
    load_with(options, None)
}

/// What changed since the last build.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Templates, static files or `dossier.yaml` (or anything unknown): reload the
    /// theme and build everything.
    pub everything: bool,
    /// Changed paths under `content/`, `/`-separated.
    pub paths: BTreeSet<String>,
}

impl Changes {
    pub fn everything() -> Changes {
        Changes { everything: true, paths: BTreeSet::new() }
    }
}

/// A finished build: every diagnostic, and the renderer when there were no errors.
pub struct Build {
    /// `None` when the site has errors (or a fatal problem stopped it).
    pub renderer: Option<Arc<Renderer>>,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub timings: Timings,
    /// Whether only changed pages were updated (serve's fast path).
    pub incremental: bool,
}

impl Build {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }
}

/// Builds a site, once or again and again.
pub struct Rebuilder {
    options: Options,
    /// Whether to keep pages and texts for the next rebuild (`serve`), or let them go
    /// as soon as they are no longer needed (one-off `build` and `check`).
    keep: bool,
    cache: PageCache,
    theme: Option<Arc<Theme>>,
    /// The last resolved site and the diagnostics that did not come from resolve.
    last: Option<(Arc<Site>, Vec<Diagnostic>)>,
    /// The last site's renderer, if it built: a body-only update reuses its layout.
    renderer: Option<Arc<Renderer>>,
}

impl Rebuilder {
    /// A rebuilder for one build (`keep: false`) or for many (`keep: true`).
    pub fn new(options: Options, keep: bool) -> Rebuilder {
        Rebuilder { options, keep, cache: PageCache::default(), theme: None, last: None, renderer: None }
    }

    /// Builds what `changes` need: an incremental update when only the text of known
    /// notes changed and nothing else depends on it, else everything (reading only
    /// files that changed when pages are kept).
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Build, Error> {
        if let Some(build) = self.incremental(changes) {
            return Ok(build);
        }
        self.full(changes.everything)
    }

    fn full(&mut self, reload_theme: bool) -> Result<Build, Error> {
        let cache = if self.keep { Some(&mut self.cache) } else { None };
        let mut loaded = load_with(&self.options, cache)?;
        let errors = loaded.diagnostics.iter().any(Diagnostic::is_error);
        // A one-off build with errors renders nothing: it needs no theme.
        if (reload_theme || self.theme.is_none()) && (self.keep || !errors) {
            self.theme = None;
            let config = &loaded.site.config;
            self.theme = Some(Arc::new(Theme::load(&self.options.root, &config.theme, &config.language)?));
        }
        self.renderer = None;
        let pages = loaded.site.pages.len();
        if !self.keep {
            // Render never reads a page's source text; diagnostics are out by now.
            loaded.site.release_texts();
        }
        let site = Arc::new(std::mem::take(&mut loaded.site));
        if self.keep {
            self.last = Some((Arc::clone(&site), loaded.before_resolve));
        }
        if !errors {
            let theme = self.theme.clone().ok_or_else(|| Error::msg("theme not loaded"))?;
            let renderer = Arc::new(Renderer::new(site, theme));
            if self.keep {
                self.renderer = Some(Arc::clone(&renderer));
            }
            return Ok(Build {
                renderer: Some(renderer),
                diagnostics: loaded.diagnostics,
                pages,
                timings: loaded.timings,
                incremental: false,
            });
        }
        Ok(Build {
            renderer: None,
            diagnostics: loaded.diagnostics,
            pages,
            timings: loaded.timings,
            incremental: false,
        })
    }

    /// The fast path for edits to the text of existing notes: reparse those files and
    /// update the last site in place. `None` when the change needs a full rebuild.
    fn incremental(&mut self, changes: &Changes) -> Option<Build> {
        if changes.everything || changes.paths.is_empty() || !self.keep {
            return None;
        }
        let (last, base) = self.last.as_ref()?;
        if !changes.paths.iter().all(|rel| rel.ends_with(".md") && self.cache.contains(rel)) {
            return None;
        }
        let start = Instant::now();
        let mut site = Site::clone(last);
        let mut base = base.clone();
        for rel in &changes.paths {
            let (page, parse_problems) = self.cache.reparse(&self.options, &site.config, rel)?;
            base.retain(|d| d.path != page.file);
            base.extend(parse_problems);
            if !published(&page, &self.options) || !resolve::incremental::update(&mut site, page) {
                return None;
            }
        }
        let site = Arc::new(site);
        let mut diagnostics: Vec<Diagnostic> = base.iter().chain(site.problems.all()).cloned().collect();
        diag::sort(&mut diagnostics);
        diagnostics.dedup();
        self.last = Some((Arc::clone(&site), base));
        let pages = site.pages.len();
        let renderer = match (diagnostics.iter().any(Diagnostic::is_error), self.renderer.take()) {
            (false, Some(previous)) => Some(Arc::new(previous.with_new_bodies(site))),
            (false, None) => Some(Arc::new(Renderer::new(site, self.theme.clone()?))),
            (true, _) => None,
        };
        self.renderer = renderer.clone();
        let timings = Timings { stages: vec![("update", start.elapsed())] };
        Some(Build { renderer, diagnostics, pages, timings, incremental: true })
    }
}

/// Renders a built site into `output`, atomically. Returns `None` (writing nothing) when
/// the build has errors.
pub fn write(root: &Path, build: &mut Build, output: &Path) -> Result<Option<Rendered>, Error> {
    let Some(renderer) = build.renderer.take() else { return Ok(None) };
    // The search index first, timed on its own (render would build it on first use).
    let start = Instant::now();
    renderer.prepare_search();
    build.timings.stages.push(("search", start.elapsed()));
    let start = Instant::now();
    let staging = Staging::new(root, output)?;
    let mut rendered = renderer.render_all(&staging)?;
    build.timings.stages.push(("render", start.elapsed()));
    let start = Instant::now();
    // Freeing a big site takes a while; not while the old output is being swapped out.
    drop(renderer);
    crate::write::crash_point("before-commit");
    rendered.notes.extend(staging.commit()?);
    build.timings.stages.push(("write", start.elapsed()));
    Ok(Some(rendered))
}

/// Renders a built site without writing it (what `check` does), so that whatever
/// `build` would refuse, `check` reports too.
pub fn render_only(build: &Build) -> Result<Option<Rendered>, Error> {
    let Some(renderer) = &build.renderer else { return Ok(None) };
    renderer.render_all(&Discard).map(Some)
}

/// A sink that keeps nothing.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }

    fn copy(&self, _: &str, from: &Path) -> Result<(), Error> {
        // What `build` would do first: open it (a file that cannot be read fails here).
        load::open_regular(from).map(drop).map_err(|e| Error::io(from, e))
    }
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
    fn contains(&self, rel: &str) -> bool {
        self.entries.contains_key(rel)
    }

    /// Reads and parses one page again, replacing its entry. `None` if it cannot be read
    /// (the caller then rebuilds everything, which reports why).
    fn reparse(&mut self, options: &Options, config: &Config, rel: &str) -> Option<(Page, Vec<Diagnostic>)> {
        let path = options.root.join("content").join(rel);
        let meta = std::fs::metadata(&path).ok()?;
        let stamp = (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len());
        let file = load::read(&options.root, rel.to_string(), &path, config.note_limit()).ok()?;
        let mut diagnostics = Vec::new();
        let page = parse::page(file, config.raw_html, &mut diagnostics);
        let cached = Cached { stamp, page: page.clone(), diagnostics: diagnostics.clone() };
        self.entries.insert(rel.to_string(), cached);
        Some((page, diagnostics))
    }
}

/// Whether a page is part of the site: not `publish: false`, and not a draft unless
/// drafts are asked for.
/// The sources' own texts, read and structured for their reading views, by page path.
/// A source without one just has no reading view; where one was asked for (`text:`, or
/// a `source_texts` folder) and is not there, a note says so.
fn letters(
    root: &Path,
    config: &Config,
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<String, Arc<crate::model::letter::Letter>> {
    let wanted: Vec<(&Page, &str, PathBuf)> = pages
        .iter()
        .filter(|p| p.kind == crate::model::PageKind::Source)
        .filter_map(|p| {
            let key = p.key.as_deref()?;
            Some((p, key, load::source_text_path(root, config.source_texts.as_deref(), p.meta.text.as_deref(), key)?))
        })
        .collect();
    let read: Vec<_> = wanted
        .into_par_iter()
        .map(|(page, key, path)| {
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match load::read_text(&path) {
                Ok(text) => {
                    let letter = parse::letter::parse(&text, &page.meta.sections, &shown.to_string_lossy());
                    Ok((page.rel.clone(), Arc::new(letter)))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::file(
                    Severity::Note,
                    shown,
                    format!("no full text for `{key}`; no reading view, and its quotations are not checked"),
                )),
                Err(e) => {
                    Err(Diagnostic::file(Severity::Error, shown, format!("cannot read the full text of `{key}`: {e}")))
                }
            }
        })
        .collect();
    let mut letters = std::collections::BTreeMap::new();
    for r in read {
        match r {
            Ok((rel, letter)) => drop(letters.insert(rel, letter)),
            Err(d) => diagnostics.push(d),
        }
    }
    letters
}

fn published(page: &Page, options: &Options) -> bool {
    page.meta.publish != Some(false) && (!page.meta.draft || options.drafts)
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
    if let Some(broken) = options.broken_links {
        config.broken_links = broken;
    }
    if let Some(dir) = &options.source_texts {
        // Config paths are from the site root; a command-line path is from here.
        config.source_texts = Some(std::path::absolute(dir).unwrap_or_else(|_| dir.clone()));
    }
    // The includes obey the same raw HTML policy as the notes, applied once here.
    let mode = config.raw_html;
    let branding = &mut config.branding;
    branding.head = branding.head.take().map(|h| parse::html::include(&h, mode, parse::html::Include::Head));
    branding.footer = branding.footer.take().map(|h| parse::html::include(&h, mode, parse::html::Include::Footer));
    let scanned = timings.time("load", || load::scan(&options.root, options.drafts, &mut diagnostics))?;
    let (found, assets) = (scanned.markdown, scanned.assets);
    let mut categories = std::collections::BTreeMap::new();
    for (folder, text) in &scanned.categories {
        match parse::outline::category(folder, text) {
            Ok(c) => drop(categories.insert(folder.clone(), c)),
            Err(d) => diagnostics.push(d),
        }
    }
    let outline = scanned.summary.map(parse::outline::summary);
    let root = &options.root;
    crate::progress::PROGRESS.stage("parse", found.len());
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
                let file = load::read(root, rel.clone(), &path, config.note_limit())?;
                let mut d = Vec::new();
                let page = parse::page(file, config.raw_html, &mut d);
                crate::progress::PROGRESS.step();
                Ok((rel, Cached { stamp, page, diagnostics: d }))
            })
            .collect()
    });
    if let Some(cache) = cache.as_mut() {
        cache.entries.clear();
    }
    let mut pages = Vec::with_capacity(parsed.len());
    let mut hidden = Vec::new();
    for result in parsed {
        let (rel, cached) = match result {
            Ok(ok) => ok,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        // A page left out of the site is only checked for what stops a build: its
        // warnings (no title, unknown keys) would be about a page no one sees.
        let shown = published(&cached.page, options);
        diagnostics.extend(cached.diagnostics.iter().filter(|d| shown || d.is_error()).cloned());
        let page = match cache.as_mut() {
            Some(cache) => {
                let page = cached.page.clone();
                cache.entries.insert(rel, cached);
                page
            }
            None => cached.page,
        };
        if published(&page, options) {
            pages.push(page);
        } else {
            hidden.push(page);
        }
    }
    let letters = timings.time("texts", || letters(root, &config, &pages, &mut diagnostics));
    let before_resolve = diagnostics.clone();
    let history = timings.time("git", || load::git::history(&options.root));
    let parsed = resolve::Parsed { pages, hidden, assets, categories, outline, letters, history };
    crate::progress::PROGRESS.stage("resolve", 0);
    let site = timings.time("resolve", || resolve::site(config, parsed, &mut diagnostics));
    diag::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(Loaded { site, diagnostics, before_resolve, timings })
}
