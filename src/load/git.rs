//! Git history of `content/`: when each file last changed and when it was added, read
//! with one `git log` for the whole site (never a process per file), parsed once.
//!
//! Only committed history counts: an uncommitted edit does not change a page's date, so
//! a build of the same commit gives the same output whenever and wherever it runs.
//! A site that is not in a git repository, a machine without git, or any git error
//! gives an empty history, silently: pages then fall back to `updated:`.
//!
//! In a shallow clone (GitHub Actions checks out one commit by default) the oldest
//! commit git has stands for all history before it, so a file whose date would come
//! from it has no git date (and no date it was added) rather than a wrong one.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::model::{Change, FileHistory};

/// Per file under `content/` (path from `content/`, `/`-separated): its last and first
/// commit.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub files: HashMap<String, FileHistory>,
}

/// Separates commits in the log: ASCII record separator, which a path cannot hold
/// unnoticed (`-z` ends each path with NUL) and a date or hash never does.
const RECORD: char = '\u{1e}';

/// Reads the history of `root/content` with one `git log`; empty when there is none.
pub fn history(root: &Path) -> History {
    let format = "--format=%x1e%ct %cI %P";
    let out = git(
        root,
        &["log", "-z", "--no-renames", "--no-show-signature", format, "--name-only", "--relative", "--", "content"],
    );
    let Some(out) = out else { return History::default() };
    let parsed = parse(&out);
    let shallow =
        parsed.grafted && git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true");
    parsed.into_history(shallow)
}

/// Runs git in `root`, its output when it succeeds. Environment that would point git at
/// another repository (`GIT_DIR`, set inside hooks) is removed: the site's own folder
/// decides.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(["-c", "log.showSignature=false", "-c", "core.quotePath=false"])
        .args(args)
        .current_dir(root)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// A commit as one file saw it: the change, and whether the commit had no parents.
type Seen = (Change, bool);

/// The log, read: per file its newest and oldest commit, each with whether it is
/// parentless (a root commit, or the boundary of a shallow clone).
#[derive(Default)]
struct Parsed {
    /// Per file: (newest, oldest).
    files: HashMap<String, (Seen, Seen)>,
    /// Whether any commit touching a file had no parents.
    grafted: bool,
}

impl Parsed {
    fn into_history(self, shallow: bool) -> History {
        let known = |(change, parentless): Seen| (!(shallow && parentless)).then_some(change);
        let files = self
            .files
            .into_iter()
            .map(|(path, (last, first))| (path, FileHistory { last: known(last), first: known(first) }))
            .collect();
        History { files }
    }
}

/// Parses `git log -z --format=%x1e%ct %cI %P --name-only`: a record per commit, newest
/// first, its header ended by NUL, then its paths, each ended by NUL.
fn parse(out: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for record in out.split(RECORD).filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let header = fields.next().unwrap_or_default();
        let mut words = header.split(' ');
        let (Some(unix), Some(iso)) = (words.next().and_then(|u| u.parse::<i64>().ok()), words.next()) else {
            continue;
        };
        let parentless = words.all(str::is_empty);
        let Some(change) = Change::git(unix, iso) else { continue };
        for path in fields.map(|p| p.trim_start_matches('\n')).filter(|p| !p.is_empty()) {
            let Some(rel) = path.strip_prefix("content/") else { continue };
            parsed.grafted |= parentless;
            let entry = (change.clone(), parentless);
            parsed
                .files
                .entry(rel.to_string())
                // Newest first: the first record seen is the last change, each later one
                // an older change, the oldest of them the commit that added the file.
                .and_modify(|(_, first)| *first = entry.clone())
                .or_insert_with(|| (entry.clone(), entry));
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\u{1e}1744200180 2025-04-09T14:03:00+02:00 aaa\0\ncontent/a.md\0content/map/b c.md\0\
                       \u{1e}1700000000 2023-11-14T22:13:20Z bbb ccc\0\
                       \u{1e}1600000000 2020-09-13T12:26:40Z \0\ncontent/a.md\0";

    #[test]
    fn last_and_first_commit_per_file() {
        let history = parse(LOG).into_history(false);
        let a = &history.files["a.md"];
        assert_eq!(a.last.as_ref().unwrap().stamp, "2025-04-09T14:03:00+02:00");
        assert_eq!(a.first.as_ref().unwrap().date.to_string(), "2020-09-13");
        let b = &history.files["map/b c.md"];
        assert_eq!(b.last, b.first);
        assert_eq!(history.files.len(), 2);
    }

    #[test]
    fn a_shallow_boundary_is_not_a_date() {
        let parsed = parse(LOG);
        assert!(parsed.grafted);
        let history = parsed.into_history(true);
        let a = &history.files["a.md"];
        assert!(a.last.is_some() && a.first.is_none());
    }

    #[test]
    fn garbage_is_ignored() {
        assert!(parse("not a log\0content/x.md\0").files.is_empty());
        assert!(parse("").files.is_empty());
    }

    #[test]
    fn no_repository_is_no_history() {
        let dir = std::env::temp_dir().join("dossier-git-none");
        let _ = std::fs::create_dir_all(&dir);
        // /tmp is not inside a repository on any machine this runs on; if it were,
        // content/ there would have no history either.
        assert!(history(&dir).files.is_empty());
    }
}
