//! The serve fast path: updating one page in a resolved site must give exactly what a
//! full resolve gives.

use dossier::build::{self, Options};
use dossier::model::Site;
use dossier::render::{theme::Theme, Output, Renderer};

use crate::support::fixture;

fn load(root: &std::path::Path) -> Site {
    build::load(&Options { root: root.to_path_buf(), drafts: false, ..Default::default() }).unwrap().site
}

fn problems(site: &Site) -> Vec<String> {
    let mut all: Vec<String> = site.problems.all().map(|d| d.render()).collect();
    all.sort();
    all
}

#[test]
fn incremental_update_matches_a_full_resolve() {
    let site = fixture("site");
    // Change links and citations in the body only: drop the links to Beta, cite the
    // other source, add a broken link and a figure without a citation.
    let alfa = std::fs::read_to_string(site.path("content/notes/alfa.md")).unwrap();
    let edited = alfa
        .replace(
            "Een wikilink naar [[Beta]], een label [[Beta|de tweede]], een kop [[Beta#Tweede kop]],",
            "Geen Beta meer,",
        )
        .replace("Een citaat [@bron, p. 2]", "Een citaat [@andere] naar [[Nergens]]. In 2024 waren het er 300.\n\nEn")
        .replace("![[Beta#Tweede kop]]", "");
    assert_ne!(edited, alfa);
    // A note embed forces a full resolve, so start from the text without it.
    site.write("content/notes/alfa.md", &alfa.replace("![[Beta#Tweede kop]]", ""));
    let mut incremental = load(site.root());
    let theme = std::sync::Arc::new(Theme::load(site.root(), "default", "nl").unwrap());
    let before = Renderer::new(std::sync::Arc::new(incremental.clone()), theme.clone());
    site.write("content/notes/alfa.md", &edited);
    let file = dossier::load::read(site.root(), "notes/alfa.md".into(), &site.path("content/notes/alfa.md"), u64::MAX)
        .unwrap();
    let page = dossier::parse::page(file, Default::default(), &mut Vec::new());
    assert!(dossier::resolve::incremental::update(&mut incremental, page), "a body edit takes the fast path");

    let full = load(site.root());
    assert_eq!(incremental.targets, full.targets);
    assert_eq!(incremental.backlinks, full.backlinks);
    assert_eq!(incremental.cited_by, full.cited_by);
    assert_eq!(incremental.related, full.related);
    assert_eq!(problems(&incremental), problems(&full));
    assert!(problems(&full).iter().any(|p| p.contains("link target `Nergens` not found")));

    // serve renders the update with the previous renderer's navigation and paths:
    // every file must come out as a fresh renderer of the full resolve makes it.
    let reused = before.with_new_bodies(std::sync::Arc::new(incremental));
    let fresh = Renderer::new(std::sync::Arc::new(full), theme);
    let paths: Vec<&str> = fresh.paths().collect();
    assert_eq!(reused.paths().collect::<Vec<_>>(), paths);
    let bytes = |r: &Renderer, path: &str| match r.render(path).unwrap() {
        Some(Output::Bytes(b)) => b,
        Some(Output::File(f)) => std::fs::read(f).unwrap(),
        None => panic!("no {path}"),
    };
    let mut changed = 0;
    for path in paths {
        let out = bytes(&reused, path);
        assert!(out == bytes(&fresh, path), "{path} differs");
        changed += usize::from(out != bytes(&before, path));
    }
    assert!(changed >= 2, "the edit shows in the note and in what depends on it ({changed} files changed)");
}

#[test]
fn front_matter_changes_take_the_slow_path() {
    let site = fixture("site");
    let mut resolved = load(site.root());
    let beta = std::fs::read_to_string(site.path("content/notes/beta.md")).unwrap();
    site.write("content/notes/beta.md", &beta.replace("title: Beta", "title: Bèta"));
    let file = dossier::load::read(site.root(), "notes/beta.md".into(), &site.path("content/notes/beta.md"), u64::MAX)
        .unwrap();
    let page = dossier::parse::page(file, Default::default(), &mut Vec::new());
    assert!(!dossier::resolve::incremental::update(&mut resolved, page));
}

#[test]
fn a_body_edit_updates_a_commitments_mentions() {
    let site = fixture("commitments");
    let mut incremental = load(site.root());
    let open = |s: &Site| s.commitments.iter().find(|c| s.pages[c.page].title == "Motie open").unwrap().clone();
    assert!(open(&incremental).overdue);
    // A later letter reports on it: no longer overdue, and last mentioned there.
    let path = site.path("content/toezeggingen/motie-open.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/toezeggingen/motie-open.md",
        &format!("{text}Voortgang in 2025. [@brief-2025a, § Inleiding]\n"),
    );
    let file = dossier::load::read(site.root(), "toezeggingen/motie-open.md".into(), &path, u64::MAX).unwrap();
    let page = dossier::parse::page(file, Default::default(), &mut Vec::new());
    assert!(dossier::resolve::incremental::update(&mut incremental, page), "a body edit takes the fast path");
    let full = load(site.root());
    assert_eq!(incremental.commitments, full.commitments);
    let now = open(&full);
    assert!(!now.overdue);
    assert_eq!(full.pages[now.last.unwrap().source].key.as_deref(), Some("brief-2025a"));
}
