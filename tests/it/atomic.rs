//! Never lose the last good site: a build stopped where a crash would hurt most (test
//! hooks in `write`, so the point is exact, not a timing guess) leaves the previous
//! `output/` byte for byte as it was, or puts it back at the next start, and the next
//! good build leaves no staging or retired folders behind.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{site_with, tree};

const NOTES: usize = 200;
const SOURCES: usize = 10;

/// A site of `NOTES` small notes that link to each other and cite `SOURCES` sources;
/// `version` changes every note's text, so builds of two versions differ everywhere.
fn write_site(root: &Path, version: u32) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("notes")).unwrap();
    std::fs::create_dir_all(content.join("sources")).unwrap();
    let mut index = String::from("---\ntitle: Thuis\n---\n");
    for n in 0..NOTES {
        index.push_str(&format!("- [[n{n:04}]]\n"));
    }
    std::fs::write(content.join("index.md"), index).unwrap();
    for s in 0..SOURCES {
        let source = format!("---\ntitle: Bron {s}\nid: bron-{s}\npages: 20\nsections: [Inleiding, Kop {s}]\n---\n");
        std::fs::write(content.join(format!("sources/bron-{s}.md")), source).unwrap();
    }
    for n in 0..NOTES {
        let (next, prev) = ((n + 1) % NOTES, (n + NOTES - 1) % NOTES);
        let note = format!(
            "---\ntitle: Notitie {n} (versie {version})\ntags: [t{}, versie-{version}]\nrelated: [n{next:04}]\n---\n\
             # Notitie {n}\n\nTekst van versie {version} over [[n{prev:04}]] en [[n{next:04}|de volgende]] \
             [@bron-{}, § Kop {}].\n\n## Meer\n\n- een punt [@bron-{}, p. {}]\n",
            n % 20,
            n % SOURCES,
            n % SOURCES,
            (n + 1) % SOURCES,
            1 + n % 20,
        );
        std::fs::write(content.join(format!("notes/n{n:04}.md")), note).unwrap();
    }
}

fn build(root: &Path, output: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "-q", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Folders a build leaves beside the output while it runs.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dossier-staging-") || n.starts_with(".dossier-retired-"))
        .collect()
}

/// Runs a build that a test hook aborts at `crash` (see `write::crash_point`), with the
/// one-step swap turned off when `exchange` is false.
fn crash(root: &Path, crash: &str, exchange: bool) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.args(["build", "-q", "--root", root.to_str().unwrap()]).env("DOSSIER_TEST_CRASH_AT", crash);
    if !exchange {
        command.env("DOSSIER_TEST_NO_EXCHANGE", "1");
    }
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(!status.success(), "the build was to abort at {crash}");
}

/// The last good site, v1, in `output/`; the content is at v2.
/// Every file of an output folder with its bytes.
type Tree = Vec<(String, Vec<u8>)>;

fn two_versions() -> (crate::support::Site, Tree, Tree) {
    let site = site_with(&[]);
    let root = site.root();
    write_site(root, 2);
    build(root, &root.join("reference"));
    let new = tree(&root.join("reference"));
    std::fs::remove_dir_all(root.join("reference")).unwrap();
    write_site(root, 1);
    build(root, &root.join("output"));
    let old = tree(&root.join("output"));
    assert_ne!(old, new);
    write_site(root, 2);
    (site, old, new)
}

#[test]
fn a_crash_between_the_two_renames_loses_nothing() {
    // Regression: a kill between the renames left no output/ at all, and the next
    // failed build said "left as it was".
    let (site, old, new) = two_versions();
    let root = site.root();
    crash(root, "between-renames", false);
    assert!(!root.join("output").exists(), "the crash point is where output/ is missing");
    assert_eq!(leftovers(root).iter().filter(|n| n.starts_with(".dossier-retired-")).count(), 1);
    // A failing build first puts the last good site back, and says so.
    site.write("content/notes/n0000.md", "---\ntitle: [kapot\n---\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("note: put back"), "{}", run.stderr);
    assert!(run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(tree(&root.join("output")), old);
    write_site(root, 2);
    build(root, &root.join("output"));
    assert_eq!(tree(&root.join("output")), new);
    assert_eq!(leftovers(root), Vec::<String>::new());
}

#[test]
fn the_swap_is_one_step_where_the_system_has_one() {
    let (site, old, new) = two_versions();
    let root = site.root();
    crash(root, "before-commit", true);
    assert_eq!(tree(&root.join("output")), old, "a crash before the swap keeps the old site");
    if cfg!(target_os = "linux") {
        crash(root, "after-exchange", true);
        assert_eq!(tree(&root.join("output")), new, "right after the exchange the whole new site is there");
    }
    build(root, &root.join("output"));
    assert_eq!(tree(&root.join("output")), new);
    assert_eq!(leftovers(root), Vec::<String>::new(), "the next build sweeps up what the crashes left");
}

#[test]
fn output_paths_with_dot_dot_cannot_reach_into_content() {
    let (site, ..) = two_versions();
    let root = site.root().to_str().unwrap();
    for output in [format!("{root}/elders/../content/uit"), format!("{root}/content/./x/../uit")] {
        let run = crate::support::dossier(&["build", "--root", root, "--output", &output]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(run.stderr.contains("is inside content/"), "{output}: {}", run.stderr);
    }
}

#[test]
fn a_read_only_previous_output_is_removed_or_reported() {
    // A read-only old output left one retired copy behind per build.
    let (site, _, new) = two_versions();
    let root = site.root();
    for dir in walkdir(&root.join("output")) {
        let mut p = std::fs::metadata(&dir).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&dir, p).unwrap();
    }
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&root.join("output")), new);
    // Removed (as root, permissions do not stop it), or else reported, never left silently.
    let left = leftovers(root);
    assert!(left.is_empty() || run.stderr.contains("could not remove the previous output"), "{left:?}\n{}", run.stderr);
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        }
    }
    out
}
