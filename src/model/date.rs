//! Dates as precise as the evidence: a year, a month or a day.

use serde::{Deserialize, Deserializer};

/// A date as precise as is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Always a real
/// calendar date (no 30 February) in the years 1000–9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        // A date with a time (`2024-10-01T18:30:00+02:00`, `2024-03-05 10:12`): the date.
        let s = match s.get(10..11) {
            Some("T" | " ") if s.len() > 11 => &s[..10],
            _ => s,
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
        Some(PartialDate { year, month, day })
    }
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

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// What a date must look like, for error messages.
pub const EXPECTED: &str = "expected YYYY-MM-DD, YYYY-MM or YYYY (a real date, years 1000–9999)";

impl<'de> Deserialize<'de> for PartialDate {
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
    fn date<E: serde::de::Error>(text: &str) -> Result<PartialDate, E> {
        PartialDate::parse(text).ok_or_else(|| E::custom(format!("invalid date `{text}`: {EXPECTED}")))
    }
}

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = PartialDate;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
        Self::date(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
        Self::date(&v.to_string())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
        Self::date(&v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PartialDate, E> {
        Self::date(&v.to_string())
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<PartialDate, E> {
        Self::date(&v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2025-04-09").unwrap().to_string(), "2025-04-09");
        assert_eq!(PartialDate::parse("2022").unwrap().to_string(), "2022");
        for bad in ["2025-4", "2025-13", "2025-00", "25", "2025-04-09-1", "2025--04", "+202", "2025-1a"] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_real_calendar_dates() {
        // Regression: 2025-02-30, 2023-04-31 and 0000 were accepted and exported.
        for bad in ["2025-02-30", "2023-04-31", "2023-02-29", "0000", "0999", "99999", "2025-06-31"] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        for good in ["2024-02-29", "2000-02-29", "2023-12-31", "1000"] {
            assert!(PartialDate::parse(good).is_some(), "{good}");
        }
        assert_eq!(PartialDate::parse("1900-02-29"), None);
    }
}
