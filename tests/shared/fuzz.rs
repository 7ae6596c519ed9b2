//! The checks behind each fuzz target, one function per target. `fuzz/fuzz_targets/*.rs`
//! call them on arbitrary input, and `cargo test` runs them on every input in
//! `tests/fuzz-regressions/` (`tests/it/malformed.rs`), so a fixed find stays fixed
//! under the very same assertions. Each asserts more than "no panic": token ranges in
//! order and on character boundaries, offsets and diagnostics inside the file, balanced
//! placeholders, every output file rendered, and no script in any of them.

#![allow(dead_code)] // Each fuzz target uses one of these functions.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use dossier::config::{Config, RawHtml};
use dossier::diag::Diagnostic;
use dossier::load::SourceFile;
use dossier::model::Locator;
use dossier::parse::frontmatter;
use dossier::parse::syntax::{scan, TokenKind};
use dossier::render::{theme::Theme, Output, Renderer};

#[path = "scan.rs"]
pub mod scan;

/// The front-matter splitter and parser on arbitrary text.
pub fn frontmatter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("content/a.md");
    if let Ok(split) = frontmatter::split(text) {
        assert!(split.body <= text.len() && text.is_char_boundary(split.body));
        if let Some((start, end)) = split.yaml {
            assert!(start <= end && end <= split.body);
        }
    }
    match frontmatter::parse(path, text) {
        Ok((meta, split)) => {
            for d in frontmatter::unknown_keys(path, text, &frontmatter::positions(text, split)) {
                inside(&d, text);
            }
            for i in 0..meta.related.len() {
                assert!(meta.positions.item("related", i).is_none_or(|at| at <= text.len()));
            }
            let keys = meta.positions.keys.iter().map(|(_, at)| *at);
            for at in keys.chain(meta.positions.entries.values().flatten().map(|(_, at)| *at)) {
                assert!(at <= text.len() && text.is_char_boundary(at));
            }
        }
        Err(d) => inside(&d, text),
    }
}

/// The wikilink and citation scanner, and locator parsing.
pub fn syntax(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut last = 0;
    for token in scan(text) {
        assert!(last <= token.start && token.start < token.end && token.end <= text.len());
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        last = token.end;
        if let TokenKind::Citation(cites) = token.kind {
            for cite in cites {
                assert!(!cite.key.is_empty());
                assert!(text[cite.key_offset..].starts_with('@'));
                if let Some(raw) = cite.locator {
                    // Shown, a locator parses back to itself.
                    let locator = Locator::parse(raw);
                    assert_eq!(Locator::parse(&locator.to_string()).to_string(), locator.to_string());
                }
            }
        }
    }
    let _ = Locator::parse(text).to_string();
}

/// A whole page through load and parse, in the raw-HTML mode the first byte picks.
pub fn page(data: &[u8]) {
    let (root, file) = scratch("page");
    std::fs::write(&file, data).unwrap();
    let Some(source) = read(&root, &file) else { return };
    let mode = match data.first().map(|b| b % 3) {
        Some(1) => RawHtml::Allow,
        Some(2) => RawHtml::Escape,
        _ => RawHtml::Sanitize,
    };
    let len = source.text.len();
    let mut diagnostics = Vec::new();
    let page = dossier::parse::page(source, mode, &mut diagnostics);
    diagnostics.iter().for_each(|d| drop(d.render()));
    assert!(page.split.body <= len);
    for link in &page.doc.links {
        assert!(link.offset <= len, "link offset {} past {len}", link.offset);
        assert!(link.block.is_none_or(|b| b < page.doc.blocks.len()));
    }
    for citation in &page.doc.citations {
        assert!(citation.offset <= len && citation.block < page.doc.blocks.len());
        for item in &citation.items {
            assert!(item.offset <= len, "{item:?}");
        }
    }
    // The placeholder mark never comes from the text itself.
    assert!(page.doc.html.matches(dossier::model::MARK).count() % 2 == 0, "unbalanced placeholders");
}

const INDEX: &str = "---\ntitle: Thuis\n---\n[[Notitie]] [[fuzz]]\n";
const NOTE: &str = "---\ntitle: Notitie\naliases: [andere naam]\n---\n# Notitie\n\n## Kop\n\nTekst [@bron, p. 2].\n";
const SOURCE: &str = "---\ntitle: Bron\nid: bron\npages: 10\nsections: [Inleiding, Kop een]\nkamerstuk: {dossier: \"25 424\", nummer: 1, vergaderjaar: \"2024-2025\"}\n---\n";

/// A page through the whole pipeline, in a small fixed site: load, parse, resolve, and
/// every output file of the site rendered, with no script in any HTML file (the default
/// raw-HTML mode, `sanitize`). Diagnostics point inside the file.
pub fn pipeline(data: &[u8]) {
    let (root, file) = scratch("pipeline");
    std::fs::write(&file, data).unwrap();
    let Some(fuzzed) = read(&root, &file) else { return };
    let text = fuzzed.text.clone();
    let files = [
        SourceFile { rel: "index.md".into(), text: INDEX.into() },
        SourceFile { rel: "notes/notitie.md".into(), text: NOTE.into() },
        SourceFile { rel: "sources/bron.md".into(), text: SOURCE.into() },
        fuzzed,
    ];
    let mut diagnostics = Vec::new();
    let pages = files.into_iter().map(|f| dossier::parse::page(f, RawHtml::Sanitize, &mut diagnostics)).collect();
    let parsed = dossier::resolve::Parsed { pages, ..Default::default() };
    let site = dossier::resolve::site(Config::default(), parsed, &mut diagnostics);
    for d in &diagnostics {
        let _ = d.render();
        if let (Some(p), true) = (d.position, d.path.ends_with("fuzz.md")) {
            assert!(p.line <= text.split('\n').count(), "{}", d.headline());
        }
    }
    let errors = diagnostics.iter().any(|d| d.is_error());
    let renderer = Renderer::new(Arc::new(site), theme());
    let paths: Vec<String> = renderer.paths().map(str::to_string).collect();
    for path in paths {
        match renderer.render(&path) {
            Ok(Some(Output::Bytes(bytes))) if path.ends_with(".html") => {
                let html = String::from_utf8(bytes).expect("output is UTF-8");
                let found = scan::executable(&html);
                assert!(found.is_empty(), "script in {path}: {found:?}");
            }
            Ok(Some(_)) => {}
            Ok(None) => panic!("no output for {path}, which the site lists"),
            // `build` renders only error-free sites; render anyway, which must not panic.
            Err(e) => assert!(errors, "render of {path} failed without content errors: {e}"),
        }
    }
}

fn inside(d: &Diagnostic, text: &str) {
    let _ = d.render();
    if let Some(p) = d.position {
        assert!(p.line >= 1 && p.line <= text.split('\n').count(), "{}", d.headline());
    }
}

fn read(root: &Path, file: &Path) -> Option<SourceFile> {
    match dossier::load::read(root, "notes/fuzz.md".to_string(), file, u64::MAX) {
        Ok(f) => Some(f),
        Err(d) => {
            let _ = d.render();
            None
        }
    }
}

fn theme() -> Arc<Theme> {
    static THEME: OnceLock<Arc<Theme>> = OnceLock::new();
    THEME.get_or_init(|| Arc::new(Theme::load(Path::new("/nonexistent"), "default", "nl").unwrap())).clone()
}

/// `(site root, content/notes/fuzz.md)` under /dev/shm (or the temp dir), one per
/// target and thread, removed when the thread ends: the file the input is written to,
/// so that `load::read` reads it as a note.
fn scratch(target: &str) -> (PathBuf, PathBuf) {
    struct Dirs(Vec<PathBuf>);
    impl Drop for Dirs {
        fn drop(&mut self) {
            self.0.iter().for_each(|d| drop(std::fs::remove_dir_all(d)));
        }
    }
    thread_local!(static DIRS: std::cell::RefCell<Dirs> = const { std::cell::RefCell::new(Dirs(Vec::new())) });
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let thread = format!("{:?}", std::thread::current().id()).replace(|c: char| !c.is_ascii_digit(), "");
    let root = base.join(format!("dossier-fuzz-{target}-{}-{thread}", std::process::id()));
    let file = root.join("content/notes/fuzz.md");
    if !file.parent().unwrap().is_dir() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        DIRS.with(|d| d.borrow_mut().0.push(root.clone()));
    }
    (root, file)
}

/// A letter's text through the reading-view parser (`parse::letter`): never a panic,
/// paragraphs numbered 1, 2, 3…, footnote marks inside their paragraph, and words
/// taken from a paragraph found again as a quotation.
pub fn letter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let first_line = text.lines().next().unwrap_or_default().to_string();
    let sections = vec!["Inleiding".to_string(), "Kop een".to_string(), first_line];
    let letter = dossier::parse::letter::parse(text, &sections, "fuzz.txt");
    let mut expected = 1;
    for section in &letter.sections {
        for p in &section.paragraphs {
            assert_eq!(p.number, expected);
            expected += 1;
            for &(at, _) in &p.notes {
                assert!(at <= p.text.len() && p.text.is_char_boundary(at));
            }
            // The middle of the paragraph, on character boundaries, is found again.
            let chars: Vec<(usize, char)> = p.text.char_indices().collect();
            if chars.len() >= 3 {
                let (from, to) = (chars[chars.len() / 3].0, chars[2 * chars.len() / 3].0);
                let quote = &p.text[from..to];
                if quote.chars().any(char::is_alphanumeric) {
                    let found = letter.find(quote).unwrap_or_else(|| panic!("`{quote}` not found"));
                    let para = &letter.sections[found.section].paragraphs[found.paragraph].text;
                    assert!(found.range.end <= para.len() && para.is_char_boundary(found.range.start));
                }
            }
        }
    }
}
