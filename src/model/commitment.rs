//! Commitments: motions, promises and requests as data. A note with
//! `type: motion | commitment | request` (or the Dutch `motie`, `toezegging`, `verzoek`)
//! is one; its front matter says who asked, when, by when and how it stands, and its
//! body follows it up, citing the letters that report on it. Resolve derives when the
//! letters first and last mention it and whether it is overdue.

use super::date::{Date, Day};
use super::PageId;

/// What kind of commitment a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A motion the House adopted (`motie`).
    Motion,
    /// A promise the government made (`toezegging`).
    Commitment,
    /// A request by the House or a committee (`verzoek`).
    Request,
}

impl Kind {
    /// The kind a `type:` value names, in English or Dutch; `None` for any other type
    /// (a source's `kamerbrief`, another tool's own types).
    pub fn parse(text: &str) -> Option<Kind> {
        match text.trim().to_lowercase().as_str() {
            "motion" | "motie" => Some(Kind::Motion),
            "commitment" | "toezegging" => Some(Kind::Commitment),
            "request" | "verzoek" => Some(Kind::Request),
            _ => None,
        }
    }

    /// The name in exports and CSS classes; the theme's strings say it to readers.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Motion => "motion",
            Kind::Commitment => "commitment",
            Kind::Request => "request",
        }
    }
}

/// How a commitment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Open,
    InProgress,
    Done,
    Dropped,
    Unknown,
}

/// What `status:` may say, in English and Dutch (README, *Commitments*).
pub const STATUS_NAMES: &[(&str, Status)] = &[
    ("open", Status::Open),
    ("in-progress", Status::InProgress),
    ("in progress", Status::InProgress),
    ("lopend", Status::InProgress),
    ("in uitvoering", Status::InProgress),
    ("done", Status::Done),
    ("afgerond", Status::Done),
    ("afgedaan", Status::Done),
    ("uitgevoerd", Status::Done),
    ("dropped", Status::Dropped),
    ("vervallen", Status::Dropped),
    ("ingetrokken", Status::Dropped),
    ("unknown", Status::Unknown),
    ("onbekend", Status::Unknown),
];

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().to_lowercase();
        STATUS_NAMES.iter().find(|(name, _)| *name == text).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
            Status::Unknown => "unknown",
        }
    }

    /// Done or dropped: nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }
}

/// A dated letter that cites a commitment's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub source: PageId,
    pub date: Date,
}

/// A commitment page, with what resolve derived from the letters it cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub page: PageId,
    pub kind: Kind,
    pub status: Status,
    /// When it was made (the page's `date`).
    pub date: Option<Date>,
    pub due: Option<Date>,
    /// The topic pages it belongs to.
    pub topics: Vec<PageId>,
    /// Every source the page cites, dated ones first in date order, then undated.
    pub sources: Vec<PageId>,
    /// The earliest and the latest dated source cited on the page.
    pub first: Option<Mention>,
    pub last: Option<Mention>,
    /// The due date has passed, it is neither done nor dropped, and no letter after the
    /// due date mentions it.
    pub overdue: bool,
}

impl Commitment {
    /// The letter it came from: the earliest dated letter cited, else the first cited.
    pub fn origin(&self) -> Option<PageId> {
        self.first.map(|m| m.source).or_else(|| self.sources.first().copied())
    }

    /// Whether `due` has passed by `today` with nothing heard since (see [`Commitment::overdue`]).
    pub fn is_overdue(status: Status, due: Option<Date>, last: Option<Mention>, today: Day) -> bool {
        let Some(due_by) = due.and_then(|d| d.latest()) else { return false };
        let heard_since = last.and_then(|m| m.date.earliest()).is_some_and(|d| d > due_by);
        !status.is_closed() && due_by < today && !heard_since
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Date::parse(s)
    }

    #[test]
    fn names_in_english_and_dutch() {
        assert_eq!(Kind::parse("Motie"), Some(Kind::Motion));
        assert_eq!(Kind::parse("toezegging"), Some(Kind::Commitment));
        assert_eq!(Kind::parse("kamerbrief"), None);
        assert_eq!(Status::parse("In uitvoering"), Some(Status::InProgress));
        assert_eq!(Status::parse("afgedaan"), Some(Status::Done));
        assert_eq!(Status::parse("klaar"), None);
    }

    #[test]
    fn overdue_when_the_due_date_passed_unheard() {
        let today = (2026, 1, 15);
        let mention = |s: &str| Some(Mention { source: 0, date: Date::parse(s).unwrap() });
        // Due end 2025, last heard of in April 2025: overdue.
        assert!(Commitment::is_overdue(Status::Open, d("2025"), mention("2025-04-09"), today));
        // A letter after the due date reported on it: not overdue (the status may lag).
        assert!(!Commitment::is_overdue(Status::Open, d("2025-06"), mention("2025-10-03/2025-12"), today));
        // Done or dropped never is; nor is one not yet due, or without a due date.
        assert!(!Commitment::is_overdue(Status::Done, d("2025"), None, today));
        assert!(!Commitment::is_overdue(Status::Open, d("2026-06"), None, today));
        assert!(!Commitment::is_overdue(Status::Open, None, None, today));
        // Due "in 2026": not overdue until the year is over.
        assert!(!Commitment::is_overdue(Status::InProgress, d("2026"), None, today));
    }
}
