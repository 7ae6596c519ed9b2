//! How a letter names itself as a parliamentary paper: `Kamerstuk 25 424, nr. 731`,
//! the session year (`vergaderjaar 2024–2025`), the page footer of the printed
//! edition (`Tweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 6`), the
//! publication id (`kst-25424-731`) and the Tweede Kamer's document number
//! (`2025D15862`).
//!
//! These are small matchers over one line each. Which lines they may be run on (the
//! letterhead and page footers, never the footnotes, which cite other papers) is the
//! layout's business.

/// A paper's dossier and number: `25 424`, `731`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paper {
    /// As the Kamer writes it, `25 424` or `36 200-XVI`.
    pub dossier: String,
    pub nummer: u32,
}

impl Paper {
    /// The citation key dossier gives a paper: `kst-25424-731`, `kst-36200-XVI-77` (the
    /// form of its id on officielebekendmakingen.nl).
    pub fn key(&self) -> String {
        let (digits, suffix) = split_suffix(&self.dossier);
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        match suffix {
            Some(s) => format!("kst-{digits}-{s}-{}", self.nummer),
            None => format!("kst-{digits}-{}", self.nummer),
        }
    }
}

/// A page footer of the printed edition: the paper, its session year and, when the
/// line ends with it, the number of the page it closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footer {
    pub paper: Paper,
    pub vergaderjaar: String,
    pub page: Option<u32>,
}

/// `Tweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 6` (the whole line).
pub fn footer(line: &str) -> Option<Footer> {
    let line = line.trim();
    let rest = ["Tweede Kamer, ", "Eerste Kamer, "].iter().find_map(|p| line.strip_prefix(p))?;
    let vergaderjaar = vergaderjaar(rest)?;
    let (paper, end) = find_paper(rest)?;
    let tail = rest[end..].trim();
    let page = match tail {
        "" => None,
        t if t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) => Some(t.parse().ok()?),
        _ => return None,
    };
    Some(Footer { paper, vergaderjaar, page })
}

/// The session year a text names, `vergaderjaar 2024–2025` or `Kamerstukken II
/// 2024/25`, as `2024-2025`.
pub fn vergaderjaar(text: &str) -> Option<String> {
    // ASCII lowercasing keeps every byte offset where it was.
    let lower = text.to_ascii_lowercase();
    let at = ["vergaderjaar ", "kamerstukken ii ", "kamerstukken ii, "]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    session(text.get(at..)?.trim_start())
}

/// `2024–2025`, `2024-2025`, `2024/25` or `2024/2025` at the start of `text`.
fn session(text: &str) -> Option<String> {
    let first: u16 = text.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let rest = text[4..].trim_start_matches(['-', '–', '/']);
    if rest.len() == text.len() - 4 {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let second: u16 = digits.parse().ok()?;
    let follows = match digits.len() {
        4 => second == first + 1,
        2 => second == (first + 1) % 100,
        _ => false,
    };
    follows.then(|| format!("{first}-{}", first + 1))
}

/// The first `25 424, nr. 731` in `text` (also `25 424 nr. 731`, `36 200-XVI, nr. 77`),
/// with the byte offset where it ends.
pub fn find_paper(text: &str) -> Option<(Paper, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()))
        .find_map(|i| paper_at(text, i))
}

/// A paper reference starting at byte `i`.
fn paper_at(text: &str, i: usize) -> Option<(Paper, usize)> {
    let (dossier, mut at) = dossier_at(text, i)?;
    let rest = &text[at..];
    let after_comma = rest.strip_prefix(',').unwrap_or(rest);
    let trimmed = after_comma.trim_start();
    let nr =
        trimmed.strip_prefix("nr.").or_else(|| trimmed.strip_prefix("nr")).or_else(|| trimmed.strip_prefix("Nr."))?;
    let nr_trimmed = nr.trim_start();
    let digits: String = nr_trimmed.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    at = text.len() - nr_trimmed.len() + digits.len();
    Some((Paper { dossier, nummer: digits.parse().ok()? }, at))
}

/// `25 424` or `36 200-XVI` / `36 200 XVI` at byte `i`, with the offset after it.
fn dossier_at(text: &str, i: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if !(digit(i) && digit(i + 1) && b.get(i + 2) == Some(&b' ') && digit(i + 3) && digit(i + 4) && digit(i + 5)) {
        return None;
    }
    if digit(i + 6) {
        return None;
    }
    let mut dossier = format!("{} {}", &text[i..i + 2], &text[i + 3..i + 6]);
    let mut end = i + 6;
    // A budget chapter or letter after the number: `-XVI`, ` XVI`, `-A`.
    if matches!(b.get(end), Some(b'-' | b' ')) {
        let letters: String = text[end + 1..].chars().take_while(char::is_ascii_uppercase).collect();
        let next = text[end + 1 + letters.len()..].chars().next();
        let roman = !letters.is_empty() && letters.chars().all(|c| "IVXLC".contains(c));
        if (roman || letters.len() == 1) && !next.is_some_and(char::is_alphanumeric) {
            dossier = format!("{dossier}-{letters}");
            end += 1 + letters.len();
        }
    }
    Some((dossier, end))
}

/// The digits and the chapter of a dossier number: `36 200-XVI` → (`36 200`, `XVI`).
fn split_suffix(dossier: &str) -> (&str, Option<&str>) {
    match dossier.get(6..) {
        Some(s) if s.starts_with('-') => (&dossier[..6], Some(&s[1..])),
        _ => (dossier, None),
    }
}

/// `kst-25424-731` (the official publication id) anywhere in `text`.
pub fn publication_id(text: &str) -> Option<Paper> {
    let at = text.find("kst-")?;
    let rest = &text[at + 4..];
    let mut parts = rest.split('-');
    let digits = parts.next().filter(|d| d.len() == 5 && d.bytes().all(|b| b.is_ascii_digit()))?;
    let mut next = parts.next()?;
    let mut dossier = format!("{} {}", &digits[..2], &digits[2..]);
    if next.chars().all(|c| "IVXLC".contains(c)) && !next.is_empty() {
        dossier = format!("{dossier}-{next}");
        next = parts.next()?;
    }
    let number: String = next.chars().take_while(char::is_ascii_digit).collect();
    if number.is_empty() || next[number.len()..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(Paper { dossier, nummer: number.parse().ok()? })
}

/// A Tweede Kamer document number, `2025D15862`, standing as a word in `text`.
pub fn document_number(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            let b = w.as_bytes();
            (9..=11).contains(&b.len())
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'D'
                && b[5..].iter().all(u8::is_ascii_digit)
        })
        .map(str::to_string)
}

/// The letterhead of the printed edition names the dossier on a line of its own,
/// `25 424 Geestelijke gezondheidszorg`: the dossier.
pub fn dossier_line(line: &str) -> Option<String> {
    let line = line.trim();
    let (dossier, end) = dossier_at(line, 0)?;
    let title = line[end..].trim();
    title.chars().next().is_some_and(char::is_uppercase).then_some(dossier)
}

/// … and the paper's number on the next, `Nr. 731 BRIEF VAN DE STAATSSECRETARIS …`.
pub fn number_line(line: &str) -> Option<u32> {
    let rest = line.trim().strip_prefix("Nr.")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || rest[digits.len()..].chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(dossier: &str, nummer: u32) -> Paper {
        Paper { dossier: dossier.into(), nummer }
    }

    #[test]
    fn references() {
        assert_eq!(find_paper("Kamerstuk 25 424, nr. 731").map(|p| p.0), Some(paper("25 424", 731)));
        assert_eq!(find_paper("Kamerstukken 25 424 nr. 768.").map(|p| p.0), Some(paper("25 424", 768)));
        assert_eq!(
            find_paper("Kamerstukken II 2022/23, 36 200 XVI, nr. 77.").map(|p| p.0),
            Some(paper("36 200-XVI", 77))
        );
        assert_eq!(find_paper("Kamerstukken 36 725-XVI, nr. 23.").map(|p| p.0), Some(paper("36 725-XVI", 23)));
        assert_eq!(find_paper("ruim 25 424 mensen wachten"), None);
        assert_eq!(find_paper("in 2025 424 keer, nr. 3"), None);
    }

    #[test]
    fn keys() {
        assert_eq!(paper("25 424", 731).key(), "kst-25424-731");
        assert_eq!(paper("36 200-XVI", 77).key(), "kst-36200-XVI-77");
    }

    #[test]
    fn session_years() {
        assert_eq!(vergaderjaar("Tweede Kamer, vergaderjaar 2024–2025, 25 424").as_deref(), Some("2024-2025"));
        assert_eq!(vergaderjaar("Vergaderjaar 2024-2025").as_deref(), Some("2024-2025"));
        assert_eq!(vergaderjaar("Kamerstukken II 2023/24, 25 424, nr. 677.").as_deref(), Some("2023-2024"));
        assert_eq!(vergaderjaar("Kamerstukken II 1999/00, 1, nr. 1").as_deref(), Some("1999-2000"));
        assert_eq!(vergaderjaar("vergaderjaar 2024–2026"), None);
        assert_eq!(vergaderjaar("het jaar 2024–2025"), None);
    }

    #[test]
    fn footers() {
        let f = footer("Tweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 6").unwrap();
        assert_eq!((f.paper, f.vergaderjaar.as_str(), f.page), (paper("25 424", 678), "2023-2024", Some(6)));
        let f = footer("Tweede Kamer, vergaderjaar 2020–2021, 25 424, nr. 559").unwrap();
        assert_eq!(f.page, None);
        assert_eq!(footer("Tweede Kamer, vergaderjaar 2020–2021, 25 424, nr. 559 en verder"), None);
        assert_eq!(footer("De Tweede Kamer, vergaderjaar 2020–2021, 25 424, nr. 559"), None);
    }

    #[test]
    fn letterhead_lines() {
        assert_eq!(dossier_line("25 424 Geestelijke gezondheidszorg").as_deref(), Some("25 424"));
        assert_eq!(dossier_line("25 424 mensen"), None);
        assert_eq!(number_line("Nr. 731 BRIEF VAN DE MINISTER"), Some(731));
        assert_eq!(number_line("Nr. 731a"), None);
        assert_eq!(publication_id("officiële HTML versie (kst-25424-731)."), Some(paper("25 424", 731)));
        assert_eq!(publication_id("kst-36200-XVI-77"), Some(paper("36 200-XVI", 77)));
        assert_eq!(publication_id("kst-2542-731"), None);
    }

    #[test]
    fn document_numbers() {
        assert_eq!(document_number("Nummer: 2025D15862, datum: 2025-04-09").as_deref(), Some("2025D15862"));
        assert_eq!(document_number("zaak 2025Z06896"), None);
        assert_eq!(document_number("2025D15862X"), None);
    }
}
