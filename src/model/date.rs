//! Dates as exact as the evidence, in the Extended Date/Time Format (EDTF, the Library
//! of Congress standard Zotero and CSL read), the subset a dossier needs:
//!
//! - a day, a month or a year: `2025-04-09`, `2025-04`, `2025`;
//! - qualified: `2025?` (uncertain), `2024~` (approximate), `2024%` (both);
//! - an interval: `2023-11/2023-12`, open at one end `2025-10/..` (from then on) or
//!   `../2024` (until then), or unknown at one end `2025-10/`.
//!
//! Every day is a real calendar day, in the years 1000–9999. Dates sort by what is
//! known: the latest day a date can be, then the earliest, so that a partial date never
//! sorts before a more precise date it might follow (`2025` after `2025-04-09`).

use serde::{Deserialize, Deserializer};

/// A calendar day, as `(year, month, day)`; orders as time does.
pub type Day = (u16, u8, u8);

/// A year, month or day, perhaps qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Point {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// `?`: the author is not sure of it.
    pub uncertain: bool,
    /// `~`: about then.
    pub approximate: bool,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    At(Point),
    /// `..`: open, without end.
    Open,
    /// Empty: unknown.
    Unknown,
}

/// A date as exact as is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Date {
    Point(Point),
    Interval(Bound, Bound),
}

impl Point {
    fn parse(s: &str) -> Option<Point> {
        let (s, uncertain, approximate) = match s.strip_suffix('%') {
            Some(s) => (s, true, true),
            None => match s.strip_suffix('?') {
                Some(s) => (s, true, false),
                None => match s.strip_suffix('~') {
                    Some(s) => (s, false, true),
                    None => (s, false, false),
                },
            },
        };
        let mut parts = s.split('-');
        let year = parts.next().filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
        if year < 1000 {
            return None;
        }
        let number = |p: &str| (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u8>().ok())?;
        let month = match parts.next() {
            Some(m) => Some(number(m).filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match (parts.next(), month) {
            (Some(d), Some(m)) => Some(number(d).filter(|&d| d >= 1 && d <= days_in_month(year, m))?),
            (Some(_), None) => return None,
            (None, _) => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Point { year, month, day, uncertain, approximate })
    }

    /// The first day it can be.
    pub fn first(&self) -> Day {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day it can be.
    pub fn last(&self) -> Day {
        let month = self.month.unwrap_or(12);
        (self.year, month, self.day.unwrap_or_else(|| days_in_month(self.year, month)))
    }

    /// Whether it is a single, certain day.
    pub fn is_day(&self) -> bool {
        self.day.is_some() && !self.uncertain && !self.approximate
    }
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        // A date with a time (`2024-10-01T18:30:00+02:00`, `2024-03-05 10:12`): the date.
        let s = match s.get(10..11) {
            Some("T" | " ") if s.len() > 11 && !s.contains('/') => &s[..10],
            _ => s,
        };
        match s.split_once('/') {
            None => Point::parse(s).map(Date::Point),
            Some((a, b)) => {
                let bound = |x: &str| match x {
                    ".." => Some(Bound::Open),
                    "" => Some(Bound::Unknown),
                    x => Point::parse(x).map(Bound::At),
                };
                let (start, end) = (bound(a)?, bound(b)?);
                match (start, end) {
                    (Bound::At(a), Bound::At(b)) if a.first() > b.last() => None,
                    (Bound::At(_), _) | (_, Bound::At(_)) => Some(Date::Interval(start, end)),
                    _ => None,
                }
            }
        }
    }

    /// The earliest day it can be (`None`: open or unknown before).
    pub fn earliest(&self) -> Option<Day> {
        match self {
            Date::Point(p) => Some(p.first()),
            Date::Interval(Bound::At(p), _) => Some(p.first()),
            Date::Interval(..) => None,
        }
    }

    /// The latest day it can be (`None`: open or unknown after).
    pub fn latest(&self) -> Option<Day> {
        match self {
            Date::Point(p) => Some(p.last()),
            Date::Interval(_, Bound::At(p)) => Some(p.last()),
            Date::Interval(..) => None,
        }
    }

    /// Where it sorts: by the latest day it can be (an open end after every day), then
    /// the narrower first. `2025` comes after `2025-04-09` and after `2025-10/2025-12`,
    /// `2025-10/..` after all three.
    pub fn sort_key(&self) -> (Day, std::cmp::Reverse<Day>) {
        (self.latest().unwrap_or((9999, 12, 31)), std::cmp::Reverse(self.earliest().unwrap_or((0, 0, 0))))
    }

    /// The day, when the date is one certain day.
    pub fn day(&self) -> Option<Day> {
        match self {
            Date::Point(p) if p.is_day() => Some(p.first()),
            _ => None,
        }
    }

    /// Whether it is exactly one day, month or year with no qualifier (what
    /// `<time datetime>` takes as it is).
    pub fn is_plain(&self) -> bool {
        matches!(self, Date::Point(p) if !p.uncertain && !p.approximate)
    }

    /// The date as a reader says it, with `months` the names of the months (January
    /// first): `9 april 2025`, `november–december 2023`, `na oktober 2025`.
    pub fn human(&self, months: &[&str], words: &DateWords) -> String {
        let point = |p: &Point| {
            let mut out = String::new();
            if let Some(d) = p.day {
                out.push_str(&format!("{d} "));
            }
            if let Some(m) = p.month.and_then(|m| months.get(m as usize - 1)) {
                out.push_str(m);
                out.push(' ');
            }
            out.push_str(&p.year.to_string());
            if p.approximate {
                out = format!("{} {out}", words.about);
            }
            if p.uncertain {
                out.push('?');
            }
            out
        };
        match self {
            Date::Point(p) => point(p),
            Date::Interval(Bound::At(a), Bound::At(b)) => {
                // `november–december 2023` rather than `november 2023–december 2023`.
                // `12–19 november 2020` rather than `12 november–19 november 2020`.
                let (mut from, to) = (point(a), point(b));
                if a.year == b.year && !a.approximate && !a.uncertain && a.month.is_some() {
                    from = from.trim_end_matches(&format!(" {}", a.year)).to_string();
                    if a.month == b.month && a.day.is_some() && b.day.is_some() {
                        from = a.day.map(|d| d.to_string()).unwrap_or_default();
                    }
                }
                format!("{from}–{to}")
            }
            Date::Interval(Bound::At(a), Bound::Open) => format!("{} {}", words.from, point(a)),
            Date::Interval(Bound::At(a), Bound::Unknown) => format!("{} {}", words.after, point(a)),
            Date::Interval(Bound::Open | Bound::Unknown, Bound::At(b)) => format!("{} {}", words.before, point(b)),
            Date::Interval(..) => String::new(),
        }
    }

    /// CSL-JSON's `issued`: `date-parts` (two for an interval), and `circa` where the
    /// date is approximate or uncertain.
    pub fn csl(&self) -> serde_json::Value {
        let parts = |p: &Point| {
            let mut v = vec![u32::from(p.year)];
            v.extend(p.month.map(u32::from));
            v.extend(p.day.map(u32::from));
            v
        };
        let (points, circa): (Vec<&Point>, bool) = match self {
            Date::Point(p) => (vec![p], p.approximate || p.uncertain),
            Date::Interval(a, b) => {
                let ends: Vec<&Point> =
                    [a, b].into_iter().filter_map(|x| if let Bound::At(p) = x { Some(p) } else { None }).collect();
                let circa = ends.iter().any(|p| p.approximate || p.uncertain) || ends.len() < 2;
                (ends, circa)
            }
        };
        let mut out = serde_json::json!({ "date-parts": points.iter().map(|p| parts(p)).collect::<Vec<_>>() });
        if circa {
            out["circa"] = serde_json::json!(true);
        }
        out
    }
}

/// The words [`Date::human`] needs, in the site's language.
pub struct DateWords<'a> {
    pub about: &'a str,
    pub from: &'a str,
    pub after: &'a str,
    pub before: &'a str,
}

/// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set, so that a build of
/// the same content is the same output (reproducible builds, tests).
pub fn today() -> Day {
    let seconds =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        });
    civil_from_days(seconds.div_euclid(86_400))
}

/// The calendar day `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year.clamp(0, 9999) as u16, month, day)
}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
        }
    }
}

/// The date in EDTF, as it parses.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bound = |b: &Bound, f: &mut std::fmt::Formatter<'_>| match b {
            Bound::At(p) => write!(f, "{p}"),
            Bound::Open => f.write_str(".."),
            Bound::Unknown => Ok(()),
        };
        match self {
            Date::Point(p) => write!(f, "{p}"),
            Date::Interval(a, b) => {
                bound(a, f)?;
                f.write_str("/")?;
                bound(b, f)
            }
        }
    }
}

/// What a date must look like, for error messages.
pub const EXPECTED: &str =
    "expected YYYY-MM-DD, YYYY-MM or YYYY (a real date, years 1000–9999), maybe with ? or ~, or an interval A/B, A/.., ../B";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `date: 2022` arrives as a number, `date: 2022-04` as a string; anything else
        // (`date: 99999`, `date: true`) is reported as a date that is wrong, not as a
        // type serde could not fit. The check runs inside the visitor, so that the YAML
        // reader attaches the key and its place to the error.
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl DateVisitor {
    fn date<E: serde::de::Error>(text: &str) -> Result<Date, E> {
        Date::parse(text).ok_or_else(|| E::custom(format!("invalid date `{text}`: {EXPECTED}")))
    }
}

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
        Self::date(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Date, E> {
        Self::date(&v.to_string())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Date, E> {
        Self::date(&v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Date, E> {
        Self::date(&v.to_string())
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Date, E> {
        Self::date(&v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn points() {
        for s in ["2025-04-09", "2022", "2025-04", "2025?", "2024~", "2024-03%"] {
            assert_eq!(d(s).to_string(), s);
        }
        for bad in ["2025-4", "2025-13", "2025-00", "25", "2025-04-09-1", "2025--04", "+202", "2025-1a", "2025?~"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_real_calendar_dates() {
        // Regression: 2025-02-30, 2023-04-31 and 0000 were accepted and exported.
        for bad in ["2025-02-30", "2023-04-31", "2023-02-29", "0000", "0999", "99999", "2025-06-31", "1900-02-29"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        for good in ["2024-02-29", "2000-02-29", "2023-12-31", "1000"] {
            assert!(Date::parse(good).is_some(), "{good}");
        }
    }

    #[test]
    fn intervals() {
        for s in ["2023-11/2023-12", "2025-10/..", "../2024", "2025-10/", "2023-11-07/2023-12"] {
            assert_eq!(d(s).to_string(), s);
        }
        for bad in ["2024/2023", "../..", "/", "2023-11/x"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(d("2023-11/2023-12").earliest(), Some((2023, 11, 1)));
        assert_eq!(d("2023-11/2023-12").latest(), Some((2023, 12, 31)));
    }

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn order_by_what_is_known() {
        // Regression: a late-2025 letter (`2025`) sorted before one of 9 April 2025.
        let mut dates =
            [d("2025-10/2025-12"), d("2025"), d("2025-04-09"), d("2025-10/.."), d("2023-11/2023-12"), d("2024")];
        dates.sort_by_key(Date::sort_key);
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2023-11/2023-12", "2024", "2025-04-09", "2025-10/2025-12", "2025", "2025-10/.."]);
    }

    #[test]
    fn as_a_reader_says_it() {
        let months = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        let words = DateWords { about: "ca.", from: "vanaf", after: "na", before: "vóór" };
        let h = |s: &str| d(s).human(&months, &words);
        assert_eq!(h("2025-04-09"), "9 april 2025");
        assert_eq!(h("2023-11/2023-12"), "november–december 2023");
        assert_eq!(h("2023-11-07/2024-03"), "7 november 2023–maart 2024");
        assert_eq!(h("2020-11-12/2020-11-19"), "12–19 november 2020");
        assert_eq!(h("2022-04-28/2022-05-09?"), "28 april–9 mei 2022?");
        assert_eq!(h("2025-10/"), "na oktober 2025");
        assert_eq!(h("2024~"), "ca. 2024");
        assert_eq!(h("2025?"), "2025?");
    }

    #[test]
    fn csl_dates() {
        assert_eq!(d("2025-04-09").csl(), serde_json::json!({"date-parts": [[2025, 4, 9]]}));
        assert_eq!(d("2023-11/2023-12").csl(), serde_json::json!({"date-parts": [[2023, 11], [2023, 12]]}));
        assert_eq!(d("2024~").csl(), serde_json::json!({"date-parts": [[2024]], "circa": true}));
        assert_eq!(d("2025-10/..").csl(), serde_json::json!({"date-parts": [[2025, 10]], "circa": true}));
    }
}
