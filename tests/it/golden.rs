//! Golden files: the exact output of a fixture site, for the pages whose HTML matters
//! word for word (a note, a source, a list page, a redirect, data files). In the style of
//! mdBook's test harness: each `tests/fixtures/<case>/expected/` holds the output files to
//! compare (only those), and `expected/stderr` the diagnostics when it is there.
//!
//! After an intended change, re-bless the expected files and review the diff:
//!
//! ```sh
//! DOSSIER_BLESS=1 cargo test golden
//! git diff tests/fixtures/*/expected
//! ```

use std::path::Path;

use crate::support::fixture;

/// Builds fixture `case` and compares its output with `expected/`.
fn golden(case: &str) {
    let site = fixture(case);
    let run = site.build();
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("expected");
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let stderr = run.stderr.replace(&site.root().display().to_string(), "$ROOT");
    // The summary line carries a time; keep its shape only.
    let stderr: String =
        stderr.lines().map(|l| if l.starts_with("built ") { "built …" } else { l }).collect::<Vec<_>>().join("\n");
    let mut compared = 0;
    let mut failures = Vec::new();
    for entry in walk(&expected_dir) {
        let rel = entry.strip_prefix(&expected_dir).unwrap().to_string_lossy().replace('\\', "/");
        let actual = if rel == "stderr" {
            Some(stderr.clone() + "\n")
        } else {
            std::fs::read_to_string(site.path("output").join(&rel)).ok()
        };
        let Some(actual) = actual else {
            failures.push(format!("{rel}: not in the output"));
            continue;
        };
        if bless {
            std::fs::write(&entry, &actual).unwrap();
        } else if std::fs::read_to_string(&entry).unwrap() != actual {
            failures.push(format!("{rel}: differs (DOSSIER_BLESS=1 cargo test golden, then review git diff)"));
        }
        compared += 1;
    }
    assert!(compared >= 1, "{case}: nothing in {}", expected_dir.display());
    assert!(failures.is_empty(), "{case}:\n{}\n{stderr}", failures.join("\n"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn golden_site() {
    golden("site");
}
