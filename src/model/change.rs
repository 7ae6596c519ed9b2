//! When a page changed: its last change and, where git knows it, when it was added.
//!
//! A change comes from git history (a commit's time, `load::git`) or from the front
//! matter's `updated:` (an EDTF date). Resolve decides which one a page shows
//! ([`Freshness::of`]): an explicit `updated:` wins over git, because an author who
//! writes it says when the content last changed in a way that matters, and a commit
//! that only reformats or moves a file does not.

use super::date::{Date, Day};

/// Where a change's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeFrom {
    /// The last commit that touched the file.
    Git,
    /// `updated:` in the front matter.
    FrontMatter,
}

/// One change of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The day, as pages show it (a commit's day in its committer's time zone).
    pub date: Date,
    /// Seconds since 1970 (UTC) it sorts by: the commit's time, or midnight UTC at the
    /// start of the latest day a front-matter date can be.
    pub at: i64,
    /// The moment in RFC 3339, as Atom's `<updated>` wants it: the commit's time with
    /// its offset, or midnight UTC of that day.
    pub stamp: String,
    pub from: ChangeFrom,
}

/// What is known about when a page changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Freshness {
    /// The last change: `updated:` if the page has it, else its last commit.
    pub changed: Option<Change>,
    /// Its first commit, when git has the file's whole history.
    pub added: Option<Change>,
}

/// A file's history in git: its last and its first commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileHistory {
    pub last: Option<Change>,
    pub first: Option<Change>,
}

impl Freshness {
    /// A page's freshness from its `updated:` and its git history (either may be missing).
    pub fn of(updated: Option<Date>, history: Option<&FileHistory>) -> Freshness {
        let git_last = history.and_then(|h| h.last.clone());
        Freshness {
            changed: updated.and_then(Change::front_matter).or(git_last),
            added: history.and_then(|h| h.first.clone()),
        }
    }

    /// Whether the page's last change is the commit that added it (a new page).
    pub fn is_new(&self) -> bool {
        matches!((&self.changed, &self.added), (Some(c), Some(a)) if c.from == ChangeFrom::Git && c.at == a.at)
    }
}

impl Change {
    /// A commit at `unix` seconds, with its time as git prints it in strict ISO 8601
    /// (`%cI`: `2025-04-09T14:03:00+02:00`). `None` if `iso` is not that shape.
    pub fn git(unix: i64, iso: &str) -> Option<Change> {
        let date = Date::parse(iso.get(..10)?)?;
        let rest = iso.get(10..)?;
        let shaped = rest.starts_with('T') && (rest.ends_with('Z') || rest.len() == 15);
        shaped.then(|| Change { date, at: unix, stamp: iso.to_string(), from: ChangeFrom::Git })
    }

    /// A front-matter date: sorted and stamped at the latest day it can be (the earliest
    /// for an open-ended one). `None` for a date with neither.
    pub fn front_matter(date: Date) -> Option<Change> {
        let (y, m, d) = date.latest().or_else(|| date.earliest())?;
        Some(Change {
            date,
            at: days_from_civil((y, m, d)) * 86_400,
            stamp: format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
            from: ChangeFrom::FrontMatter,
        })
    }
}

/// Days from 1970-01-01 to `day` (proleptic Gregorian; H. Hinnant's algorithm).
pub fn days_from_civil((y, m, d): Day) -> i64 {
    let (y, m, d) = (i64::from(y) - i64::from(m <= 2), i64::from(m), i64::from(d));
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil((1970, 1, 1)), 0);
        assert_eq!(days_from_civil((2000, 3, 1)), 11_017);
        assert_eq!(days_from_civil((2025, 4, 9)) * 86_400, 1_744_156_800);
    }

    #[test]
    fn git_and_front_matter_changes() {
        let c = Change::git(1_744_200_180, "2025-04-09T14:03:00+02:00").unwrap();
        assert_eq!(c.date.to_string(), "2025-04-09");
        assert!(Change::git(0, "yesterday").is_none());
        let f = Change::front_matter(Date::parse("2025-04").unwrap()).unwrap();
        assert_eq!(f.stamp, "2025-04-30T00:00:00Z");
        assert_eq!(f.date.to_string(), "2025-04");
        let open = Change::front_matter(Date::parse("2025-10/..").unwrap()).unwrap();
        assert_eq!(open.stamp, "2025-10-01T00:00:00Z");
    }

    #[test]
    fn updated_wins_over_git() {
        let git = Change::git(1_744_200_180, "2025-04-09T14:03:00+02:00");
        let history = FileHistory { last: git.clone(), first: git.clone() };
        let fresh = Freshness::of(Date::parse("2024-01-02"), Some(&history));
        assert_eq!(fresh.changed.unwrap().from, ChangeFrom::FrontMatter);
        let fresh = Freshness::of(None, Some(&history));
        assert!(fresh.is_new());
        assert_eq!(Freshness::of(None, None), Freshness::default());
    }
}
