//! Freshness (issue 18): the date each page last changed, from one `git log` for the
//! whole site or else from `updated:`, the recent-changes page and the Atom feed.
//!
//! The git fixtures are temporary repositories with fixed commit dates
//! (`GIT_AUTHOR_DATE`, `GIT_COMMITTER_DATE`), so every date below is exact.

use std::path::Path;
use std::process::Command;

use crate::support::{dossier, site_with, tree, Site};

/// Runs git in `dir` as a fixed committer at `date`, ignoring the machine's own git
/// settings (signing, hooks, templates).
pub fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git is needed for these tests");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

const NOTE: &str = "---\ntitle: {title}\n{extra}---\nTekst over {title}; zie [[index]].\n";

fn note(title: &str, extra: &str) -> Vec<u8> {
    NOTE.replace("{title}", title).replace("{extra}", extra).into_bytes()
}

/// A site in a git repository: two commits in 2023 and 2025, and a note never committed.
///
/// - `notes/alfa.md`: added 1 March 2023, changed 9 April 2025 (git decides);
/// - `notes/beta.md`: added 1 March 2023, with `updated: 2024-01-15` (which wins);
/// - `sources/brief.md`: a source added 1 March 2023;
/// - `notes/nieuw.md`: not committed, no `updated:`: no date at all.
pub fn site_in_git() -> Site {
    let site = site_with(&[
        ("dossier.yaml", b"title: Versies\nbroken_links: warn\n"),
        ("content/index.md", &note("Start", "")),
        ("content/notes/alfa.md", &note("Alfa", "")),
        ("content/notes/beta.md", &note("Beta", "updated: 2024-01-15\n")),
        ("content/sources/brief.md", &note("Een brief", "date: 2022-06-30\n")),
    ]);
    let root = site.root();
    std::fs::write(root.join("README.md"), "outside content/\n").unwrap();
    git(root, "2023-03-01T10:00:00+01:00", &["init", "-q"]);
    // The root commit touches no note, so no note's date comes from a parentless commit.
    git(root, "2023-02-01T09:00:00+01:00", &["add", "README.md"]);
    git(root, "2023-02-01T09:00:00+01:00", &["commit", "-qm", "readme"]);
    git(root, "2023-03-01T10:00:00+01:00", &["add", "."]);
    git(root, "2023-03-01T10:00:00+01:00", &["commit", "-qm", "first notes"]);
    site.write("content/notes/alfa.md", &String::from_utf8(note("Alfa", "summary: Over alfa.\n")).unwrap());
    git(root, "2025-04-09T14:03:00+02:00", &["commit", "-qam", "alfa again"]);
    site.write("content/notes/nieuw.md", &String::from_utf8(note("Nieuw", "")).unwrap());
    site
}

/// The `meta-updated` date a page shows, as its `datetime`.
fn shown_update(html: &str) -> Option<String> {
    let at = html.find("class=\"meta-date meta-updated\"")?;
    let rest = &html[at..];
    let start = rest.find("datetime=\"")? + 10;
    Some(rest[start..start + rest[start..].find('"')?].to_string())
}

/// The list on the recent-changes page.
fn changes_list(html: &str) -> &str {
    let start = html.find("<ol class=\"changes\"").expect("a list of changes");
    &html[start..start + html[start..].find("</ol>").unwrap()]
}

#[test]
fn pages_show_their_last_commit_and_updated_wins_over_git() {
    let site = site_in_git();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(shown_update(&site.output("notes/alfa.html")).as_deref(), Some("2025-04-09"));
    assert!(site.output("notes/alfa.html").contains("9 april 2025"));
    // Git says 1 March 2023; the author's own `updated:` wins.
    assert_eq!(shown_update(&site.output("notes/beta.html")).as_deref(), Some("2024-01-15"));
    assert_eq!(shown_update(&site.output("sources/brief.html")).as_deref(), Some("2023-03-01"));
    // Never committed and no `updated:`: no date rather than a made-up one.
    assert_eq!(shown_update(&site.output("notes/nieuw.html")), None);
}

#[test]
fn recent_changes_lists_the_latest_first() {
    let site = site_in_git();
    assert_eq!(site.build().code, 0);
    let html = site.output("changes.html").replace("&#x2F;", "/");
    let list = changes_list(&html);
    let order: Vec<usize> = ["notes/alfa.html", "notes/beta.html", "sources/brief.html", "index.html"]
        .iter()
        .map(|u| list.find(&format!("href=\"{u}\"")).unwrap_or_else(|| panic!("{u} not listed")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?} in {list}");
    assert!(!list.contains("nieuw.html"), "an undated page is listed");
    // A page whose only commit added it is new; one changed since is not.
    let brief = &list[list.find("sources/brief.html").unwrap()..];
    assert!(brief[..brief.find("</li>").unwrap()].contains("change-new"));
    let alfa = &list[..list.find("notes/beta.html").unwrap()];
    assert!(!alfa.contains("change-new"), "{alfa}");
    assert!(list.contains("Over alfa."), "summaries are shown");
    // Every page links to it (sidebar and footer) and to the feed.
    let page = site.output("notes/beta.html");
    assert!(page.contains("href=\"../changes.html\">Recente wijzigingen</a>"));
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"..&#x2F;feed.xml\""));
}

#[test]
fn git_runs_once_for_the_whole_site() {
    let site = site_in_git();
    for i in 0..20 {
        site.write(
            &format!("content/notes/extra-{i}.md"),
            &String::from_utf8(note(&format!("Extra {i}"), "")).unwrap(),
        );
    }
    git(site.root(), "2025-05-01T08:00:00Z", &["add", "."]);
    git(site.root(), "2025-05-01T08:00:00Z", &["commit", "-qm", "twenty notes"]);
    // A `git` first on the PATH that logs each call, then runs the real one.
    let bin = site.path("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let real = String::from_utf8(Command::new("sh").args(["-c", "command -v git"]).output().unwrap().stdout).unwrap();
    let log = site.path("git-calls.log");
    let script = format!("#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), real.trim());
    std::fs::write(bin.join("git"), script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("git"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", site.root().to_str().unwrap()])
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calls = std::fs::read_to_string(&log).unwrap_or_default();
    let logs = calls.lines().filter(|l| l.contains("log")).count();
    assert_eq!(logs, 1, "one git log for 25 pages, not one per file:\n{calls}");
    assert!(calls.lines().count() <= 2, "at most the log and one question: {calls}");
    assert_eq!(shown_update(&site.output("notes/extra-7.html")).as_deref(), Some("2025-05-01"));
}

#[test]
fn without_git_updated_is_the_date_and_nothing_complains() {
    let site = site_with(&[
        ("content/index.md", &note("Start", "")),
        ("content/a.md", &note("Alfa", "updated: 2024-05-06\n")),
        ("content/b.md", &note("Beta", "")),
    ]);
    // No git on the PATH at all (and the temporary folder is in no repository).
    let empty = site.path("no-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", site.root().to_str().unwrap()])
        .env("PATH", &empty)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.to_lowercase().contains("git"), "git's absence is not news: {stderr}");
    assert_eq!(shown_update(&site.output("a.html")).as_deref(), Some("2024-05-06"));
    assert_eq!(shown_update(&site.output("b.html")), None);
    let html = site.output("changes.html");
    let changes = changes_list(&html);
    assert!(changes.contains("href=\"a.html\"") && !changes.contains("href=\"b.html\""), "{changes}");
    // The same site inside git, but nothing committed: still no date for b.
    git(site.root(), "2025-01-01T00:00:00Z", &["init", "-q"]);
    assert_eq!(site.build().code, 0);
    assert_eq!(shown_update(&site.output("b.html")), None);
}

#[test]
fn a_shallow_clone_gives_no_false_dates() {
    let origin = site_in_git();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.root().display());
    git(clone.path(), "2025-06-01T00:00:00Z", &["clone", "-q", "--depth", "1", &url, "site"]);
    let root = clone.path().join("site");
    let run = dossier(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |rel: &str| std::fs::read_to_string(root.join("output").join(rel)).unwrap();
    // The one commit a depth-1 clone has stands for all history before it: it dates
    // nothing, and `updated:` still does.
    assert_eq!(shown_update(&read("notes/alfa.html")), None);
    assert_eq!(shown_update(&read("notes/beta.html")).as_deref(), Some("2024-01-15"));
}

#[test]
fn builds_are_the_same_every_time() {
    let site = site_in_git();
    assert_eq!(site.build().code, 0);
    let first = tree(&site.path("output"));
    assert_eq!(site.build().code, 0);
    assert!(first == tree(&site.path("output")), "two builds of one commit differ");
}
