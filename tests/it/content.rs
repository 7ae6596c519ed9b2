//! The bundled knowledge base in `content/`: it builds clean, covers the core topics,
//! cites everywhere, and is written in our own words.

use std::collections::HashSet;
use std::path::Path;

use crate::support::dossier;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn knowledge_base_checks_clean() {
    let run = dossier(&["check", "--root", repo().to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn core_notes_exist_and_every_note_and_source_is_cited() {
    let content = repo().join("content");
    for core in ["cruciale-ggz", "laagdrempelige-steunpunten", "consultatiefunctie-ggz"] {
        let text = std::fs::read_to_string(content.join(format!("onderwerpen/{core}.md"))).unwrap();
        assert!(text.split_whitespace().count() > 700, "{core} is not a full note");
    }
    let notes: Vec<_> = std::fs::read_dir(content.join("onderwerpen")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(notes.len() >= 25, "only {} topic notes", notes.len());
    let mut cited = HashSet::new();
    for dir in ["onderwerpen", "organisaties"] {
        for entry in std::fs::read_dir(content.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains("[@"), "{} cites nothing", path.display());
            for key in [
                "kst-25424-559",
                "brief-2022-sluitingen-ggz",
                "kst-25424-678",
                "kst-25424-731",
                "brief-2025-moties-ggz",
            ] {
                if text.contains(&format!("@{key}")) {
                    cited.insert(key);
                }
            }
        }
    }
    assert_eq!(cited.len(), 5, "uncited sources: only {cited:?}");
}

/// No run of eight words from a letter appears in content/ (quotations marked with
/// quotation marks excepted). Needs the letters beside the repository (see
/// [`crate::support::seeds`]).
#[test]
fn content_is_in_our_own_words() {
    let Some(seeds) = crate::support::seeds() else { return };
    const N: usize = 8;
    let mut grams = HashSet::new();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let w = words(&std::fs::read_to_string(path).unwrap());
            grams.extend(w.windows(N).map(|g| g.join(" ")));
        }
    }
    let mut runs = Vec::new();
    for path in markdown_files(&repo().join("content")) {
        let w = words(&strip_quotes(&std::fs::read_to_string(&path).unwrap()));
        for g in w.windows(N) {
            if grams.contains(&g.join(" ")) {
                runs.push(format!("{}: {}", path.display(), g.join(" ")));
            }
        }
    }
    assert!(runs.is_empty(), "{} runs copied from the letters:\n{}", runs.len(), runs.join("\n"));
}

fn words(text: &str) -> Vec<String> {
    let joined = text.replace("-\n", "");
    joined
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '€' || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn strip_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '“' | '«' if !in_quote => in_quote = true,
            '”' | '»' if in_quote => in_quote = false,
            '"' => in_quote = !in_quote,
            c if !in_quote => out.push(c),
            _ => {}
        }
        if in_quote && c == '\n' {
            // A quotation never spans paragraphs; an unbalanced mark must not hide text.
        }
    }
    out
}

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

/// The quality bar of the knowledge base: every note has a summary, tags and at least
/// two cross-links to other pages.
#[test]
fn every_note_has_summary_tags_and_two_cross_links() {
    use dossier::build::{self, Options};
    use dossier::model::{PageKind, Target};
    let loaded = build::load(&Options { root: repo().to_path_buf(), drafts: false, ..Default::default() }).unwrap();
    let site = &loaded.site;
    let mut checked = 0;
    for page in site.pages.iter().filter(|p| p.kind == PageKind::Note) {
        assert!(page.meta.summary.as_deref().is_some_and(|s| !s.trim().is_empty()), "{}: no summary", page.rel);
        assert!(!page.meta.tags.is_empty(), "{}: no tags", page.rel);
        let mut others: Vec<usize> = site.targets[page.id]
            .iter()
            .filter_map(|t| match t {
                Target::Page { page: p, .. } if *p != page.id => Some(*p),
                _ => None,
            })
            .collect();
        others.sort_unstable();
        others.dedup();
        assert!(others.len() >= 2, "{}: only {} cross-link(s)", page.rel, others.len());
        checked += 1;
    }
    assert!(checked >= 45, "only {checked} notes checked");
}
