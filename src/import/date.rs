//! Dates as Dutch letters write them: `9 april 2025`, `1 mrt. 2024`, and the line a
//! letter is dated on, `Den Haag, 9 april 2025`.
//!
//! Only those forms count. A letter mentions many dates in its text (meetings, earlier
//! letters, deadlines); none of them is the letter's date, so nothing here searches
//! running text.

use crate::model::date::days_in_month;
use crate::model::date::Point;
use crate::model::Date;

/// Month names and their usual abbreviations, lowercase, with the month's number.
const MONTHS: &[(&str, u8)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("feb", 2),
    ("febr", 2),
    ("maart", 3),
    ("mrt", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("augustus", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// The month a Dutch month name (or its abbreviation, with or without a dot) names.
pub fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == word).map(|&(_, m)| m)
}

/// `9 april 2025` (also `9 april 2025.` and `1e maart 2024`): a real calendar date, or
/// nothing. The whole text must be the date.
pub fn parse(text: &str) -> Option<Date> {
    let mut words = text.split_whitespace();
    let day = words.next()?;
    let day = day.strip_suffix('e').unwrap_or(day);
    let month = month(words.next()?)?;
    let year = words.next()?.trim_end_matches(['.', ',']);
    if words.next().is_some() || day.is_empty() || day.len() > 2 || year.len() != 4 {
        return None;
    }
    let day: u8 = day.parse().ok()?;
    let year: u16 = year.parse().ok()?;
    if year < 1000 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date::Point(Point { year, month: Some(month), day: Some(day), uncertain: false, approximate: false }))
}

/// The date of a dateline, `Den Haag, 9 april 2025` (any place of up to four words),
/// or of a letterhead line, `Datum 9 april 2025` / `Datum: 9 april 2025`.
pub fn dateline(line: &str) -> Option<Date> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("Datum").or_else(|| line.strip_prefix("datum")) {
        let rest = rest.trim_start_matches(':').trim();
        return parse(rest).or_else(|| iso(rest));
    }
    let (place, date) = line.split_once(", ")?;
    // A place name: up to four words, the first and the last capitalised (`Den Haag`,
    // `Bergen op Zoom`, `'s-Gravenhage`), no digits.
    let capital = |w: &str| {
        let w = w.trim_start_matches(['\'', '’']).trim_start_matches("s-");
        w.chars().next().is_some_and(char::is_uppercase)
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    let place_like = (1..=4).contains(&words.len())
        && capital(words[0])
        && capital(words[words.len() - 1])
        && !place.chars().any(|c| c.is_ascii_digit());
    if place_like {
        parse(date)
    } else {
        None
    }
}

/// `2025-04-09` as a whole day (a web page's metadata writes dates so).
pub fn iso(text: &str) -> Option<Date> {
    let word = text.split([',', ' ']).next()?;
    Date::parse(word).filter(|d| d.day().is_some() && word.len() == 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        parse(text).map(|d| d.to_string())
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(day("9 april 2025").as_deref(), Some("2025-04-09"));
        assert_eq!(day("1 maart 2024").as_deref(), Some("2024-03-01"));
        assert_eq!(day("1e maart 2024").as_deref(), Some("2024-03-01"));
        assert_eq!(day("31 December 2020.").as_deref(), Some("2020-12-31"));
        assert_eq!(day("15 okt. 2023").as_deref(), Some("2023-10-15"));
        assert_eq!(day("29 februari 2024").as_deref(), Some("2024-02-29"));
        for bad in [
            "29 februari 2023",
            "31 april 2025",
            "0 mei 2025",
            "9 aprill 2025",
            "april 2025",
            "9 april 25",
            "9 april 2025 jl.",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn datelines() {
        let d = |line: &str| dateline(line).map(|d| d.to_string());
        assert_eq!(d("Den Haag, 9 april 2025").as_deref(), Some("2025-04-09"));
        assert_eq!(d("'s-Gravenhage, 12 november 2020").as_deref(), Some("2020-11-12"));
        assert_eq!(d("Datum 1 maart 2024").as_deref(), Some("2024-03-01"));
        assert_eq!(d("Datum: 2024-03-01").as_deref(), Some("2024-03-01"));
        // A sentence that happens to hold a comma and a date is not a dateline.
        assert_eq!(d("Op die dag, 9 april 2025"), None);
        assert_eq!(d("In de brief van de minister aan de Kamer, 9 april 2025"), None);
        assert_eq!(d("Nummer 12, 9 april 2025"), None);
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month("Maart"), Some(3));
        assert_eq!(month("mrt."), Some(3));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("marts"), None);
    }
}
