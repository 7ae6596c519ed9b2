//! A page through the whole pipeline: load's reading (UTF-8 check, control characters),
//! parse (front matter, Markdown compile), resolve against a small fixed site, and
//! render of the page itself. Never a panic; diagnostics point inside the file. Slow
//! (tens of inputs a second); `page` fuzzes load and parse alone, much faster.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use dossier::config::Config;
use dossier::load::SourceFile;
use dossier::parse::html::RawHtml;
use dossier::render::{theme::Theme, Renderer};
use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

const INDEX: &str = "---\ntitle: Thuis\n---\n[[Notitie]] [[fuzz]]\n";
const NOTE: &str = "---\ntitle: Notitie\naliases: [andere naam]\n---\n# Notitie\n\n## Kop\n\nTekst [@bron, p. 2].\n";
const SOURCE: &str =
    "---\ntitle: Bron\nid: bron\npages: 10\nsections: [Inleiding, Kop een]\nkamerstuk: {dossier: \"25 424\", nummer: 1, vergaderjaar: \"2024-2025\"}\n---\n";

fn theme() -> Arc<Theme> {
    static THEME: OnceLock<Arc<Theme>> = OnceLock::new();
    THEME.get_or_init(|| Arc::new(Theme::load(Path::new("/nonexistent"), "default", "nl").unwrap())).clone()
}

fuzz_target!(|data: &[u8]| {
    let (root, file) = scratch::scratch("pipeline");
    std::fs::write(file, data).unwrap();
    let mut diagnostics = Vec::new();
    let fuzzed = match dossier::load::read(root, "notes/fuzz.md".to_string(), file) {
        Ok(f) => f,
        Err(d) => {
            let _ = d.render();
            return;
        }
    };
    let text = fuzzed.text.clone();
    let files = [
        SourceFile { rel: "index.md".into(), text: INDEX.into() },
        SourceFile { rel: "notes/notitie.md".into(), text: NOTE.into() },
        SourceFile { rel: "sources/bron.md".into(), text: SOURCE.into() },
        fuzzed,
    ];
    let pages: Vec<_> =
        files.into_iter().map(|f| dossier::parse::page(f, RawHtml::default(), &mut diagnostics)).collect();
    let site = dossier::resolve::site(root, Config::default(), pages, Vec::new(), &mut diagnostics);
    for d in &diagnostics {
        let _ = d.render();
        if let (Some(p), true) = (d.position, d.path.ends_with("fuzz.md")) {
            assert!(p.line <= text.split('\n').count(), "{}", d.headline());
        }
    }
    let errors = diagnostics.iter().any(|d| d.is_error());
    let url = site.pages.iter().find(|p| p.rel == "notes/fuzz.md").unwrap().url.clone();
    let renderer = Renderer::new(Arc::new(site), theme());
    // `build` renders only error-free sites; render anyway, which must not panic either.
    match renderer.render(&url) {
        Ok(Some(_)) => {}
        Ok(None) => panic!("no output for {url}"),
        Err(e) if errors => drop(e),
        Err(e) => panic!("render failed without content errors: {e}"),
    }
});
