//! The layout of a letter's plain text: which lines are the letterhead, the body, the
//! signature, and which lines inside the body are not the letter's own text (page
//! footers, footnotes, running headers).
//!
//! The texts are what PDF extraction leaves: lines wrapped at the page width, a page
//! break shown as a run of blank lines or as a line indented by one space, footnotes
//! at the foot of each page, and sometimes the printed edition's footer
//! (`Tweede Kamer, vergaderjaar …, 25 424, nr. 678 6`). A web rendering has one line
//! per paragraph and its notes after the signature, marked `↩︎`.

use std::collections::HashMap;
use std::ops::Range;

use super::{date, paper};

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The letter's text (in the letterhead, the body or the closing).
    Text,
    Blank,
    /// A footnote at the foot of a page, or a note after a web rendering's signature.
    Footnote,
    /// A page footer or running header.
    Furniture,
}

/// Who signed: the office as written (`De minister voor …,`) and the name below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signatory {
    pub role: String,
    pub name: String,
}

/// The letter's text, sorted into its parts.
#[derive(Debug)]
pub struct Layout<'a> {
    pub lines: Vec<&'a str>,
    pub kinds: Vec<Kind>,
    /// Lines before the body: the letterhead, the address, the dateline, the salutation.
    pub header: Range<usize>,
    /// The letter's text, from after the salutation to before the closing.
    pub body: Range<usize>,
    /// Every signatory, in order (most letters have one).
    pub signatories: Vec<Signatory>,
    /// The printed edition's page footers, with their line.
    pub footers: Vec<(usize, paper::Footer)>,
    /// `Pagina 2 van 7`: the page count, when a running header or footer says it.
    pub page_count: Option<u32>,
}

/// How far into the text the letterhead may reach (a web rendering puts navigation,
/// metadata and the printed letterhead before the body).
const HEADER_MAX: usize = 80;

impl<'a> Layout<'a> {
    pub fn of(text: &'a str) -> Layout<'a> {
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let mut kinds: Vec<Kind> =
            lines.iter().map(|l| if l.trim().is_empty() { Kind::Blank } else { Kind::Text }).collect();
        let mut footers = Vec::new();
        let mut page_count = None;
        for (i, line) in lines.iter().enumerate() {
            if let Some(f) = paper::footer(line) {
                footers.push((i, f));
                kinds[i] = Kind::Furniture;
            } else if let Some(count) = page_of(line) {
                page_count = Some(count);
                kinds[i] = Kind::Furniture;
            } else if line.ends_with('↩') || line.ends_with("↩\u{fe0f}") {
                kinds[i] = Kind::Footnote;
            }
        }
        running_headers(&lines, &mut kinds);
        let header = 0..header_end(&lines);
        let (signatories, closing) = closing(&lines, header.end);
        let body = header.end..closing.max(header.end);
        let mut layout = Layout { lines, kinds, header, body, signatories, footers, page_count };
        layout.mark_footnotes();
        layout
    }

    /// The body's paragraphs (and headings): runs of text lines between blank lines,
    /// footnotes and page furniture, as line indices.
    pub fn blocks(&self) -> Vec<Vec<usize>> {
        let mut blocks = Vec::new();
        let mut current = Vec::new();
        for i in self.body.clone() {
            if self.kinds[i] == Kind::Text {
                current.push(i);
            } else if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            blocks.push(current);
        }
        blocks
    }

    /// The letterhead's text lines.
    pub fn header_lines(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.header.clone().filter(|&i| self.kinds[i] == Kind::Text).map(|i| self.lines[i].trim())
    }

    /// Marks the footnotes in the body. A footnote starts at the start of a block with
    /// its number (`7 Kamerstuk 25 424, nr. 591`): the next number after the previous
    /// footnote, or, for the first one found, a number the text before it carries as a
    /// marker (`gestuurd.7`), so that a paragraph opening with a figure stays text. It
    /// runs to the next page: a line indented by one space, two blank lines or a footer.
    fn mark_footnotes(&mut self) {
        let mut last: Option<u32> = None;
        let mut i = self.body.start;
        while i < self.body.end {
            let starts_block = i == self.body.start || self.kinds[i - 1] != Kind::Text;
            let number = (self.kinds[i] == Kind::Text && starts_block).then(|| note_number(self.lines[i])).flatten();
            let plausible = number.is_some_and(|n| match last {
                Some(l) => n > l && n <= l + 3,
                None => self.marked_before(i, n),
            });
            if !plausible {
                i += 1;
                continue;
            }
            last = number;
            self.kinds[i] = Kind::Footnote;
            i += 1;
            while i < self.body.end {
                let line = self.lines[i];
                match self.kinds[i] {
                    Kind::Furniture => break,
                    Kind::Footnote => {}
                    Kind::Blank => {
                        let blanks = (i..self.body.end).take_while(|&j| self.kinds[j] == Kind::Blank).count();
                        let next = self.lines.get(i + blanks).copied().unwrap_or("");
                        let next_note = note_number(next).filter(|&n| last.is_some_and(|l| n == l + 1));
                        let continues = blanks == 1 && (next_note.is_some() || starts_lowercase(next));
                        if !continues {
                            break;
                        }
                    }
                    Kind::Text if line.starts_with(' ') => break,
                    Kind::Text => {
                        if let Some(n) = note_number(line).filter(|&n| last.is_some_and(|l| n == l + 1)) {
                            last = Some(n);
                        }
                        self.kinds[i] = Kind::Footnote;
                    }
                }
                i += 1;
            }
        }
    }

    /// Whether the body before line `end` carries footnote marker `n` glued to a word
    /// or a punctuation mark (`Mohandis1`, `gestuurd.9`, `steunpunten»8.`).
    fn marked_before(&self, end: usize, n: u32) -> bool {
        let marker = n.to_string();
        self.lines[self.body.start..end].iter().any(|line| {
            line.match_indices(marker.as_str()).any(|(at, m)| {
                let before = line[..at].chars().next_back();
                let after = line[at + m.len()..].chars().next();
                before.is_some_and(|c| c.is_alphabetic() || ".,;:)»”’\"'".contains(c))
                    && !after.is_some_and(|c| c.is_alphanumeric())
            })
        })
    }
}

/// The number a footnote line opens with: `12 Kamerstuk …` (not `15 juni 2023 …`).
fn note_number(line: &str) -> Option<u32> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let rest = &line[digits.len()..];
    if digits.is_empty() || digits.len() > 3 || !rest.starts_with(' ') {
        return None;
    }
    let first = rest.split_whitespace().next()?;
    if date::month(first).is_some() {
        return None;
    }
    digits.parse().ok()
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start().chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
}

/// `Pagina 2 van 7` (a page header or footer): the page count.
fn page_of(line: &str) -> Option<u32> {
    let rest = line.trim().strip_prefix("Pagina ").or_else(|| line.trim().strip_prefix("pagina "))?;
    let (page, count) = rest.split_once(" van ")?;
    page.parse::<u32>().ok()?;
    count.trim().parse().ok()
}

/// Short lines repeated on three or more pages are running headers (the subject, the
/// reference number): furniture, not text.
fn running_headers(lines: &[&str], kinds: &mut [Kind]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for line in lines.iter().map(|l| l.trim()).filter(|l| (4..=80).contains(&l.chars().count())) {
        *seen.entry(line).or_default() += 1;
    }
    for (i, line) in lines.iter().enumerate() {
        if kinds[i] == Kind::Text && seen.get(line.trim()).is_some_and(|&n| n >= 3) {
            kinds[i] = Kind::Furniture;
        }
    }
}

/// Where the body starts: after the last dateline, salutation or address line near the
/// top (`Den Haag, 9 april 2025`, `Geachte voorzitter,`, `Aan de Voorzitter van de
/// Tweede Kamer …`); at the top when there is none.
fn header_end(lines: &[&str]) -> usize {
    let opening = |line: &str| {
        let t = line.trim();
        let lower = t.to_lowercase();
        date::dateline(t).is_some()
            || (lower.starts_with("geachte ") && t.ends_with(','))
            || lower.starts_with("aan de voorzitter van de tweede kamer")
            || lower.starts_with("aan de voorzitter van de eerste kamer")
    };
    lines.iter().take(HEADER_MAX).rposition(|l| opening(l)).map_or(0, |i| i + 1)
}

/// The signatures at the end and the line where the closing starts (`Hoogachtend,`,
/// or the first signature): the end of the body.
fn closing(lines: &[&str], from: usize) -> (Vec<Signatory>, usize) {
    let found: Vec<(usize, usize, Signatory)> = (from..lines.len()).filter_map(|i| signature_at(lines, i)).collect();
    let Some(last) = found.last() else { return (Vec::new(), lines.len()) };
    // Co-signatories stand directly above the last one, with only blank lines between.
    let mut chosen = vec![last.clone()];
    for candidate in found.iter().rev().skip(1) {
        let start = chosen[0].0;
        let adjacent = (candidate.1..start).all(|j| lines[j].trim().is_empty());
        if candidate.1 <= start && adjacent {
            chosen.insert(0, candidate.clone());
        } else {
            break;
        }
    }
    let mut start = chosen[0].0;
    let formula = |l: &str| {
        let l = l.trim().to_lowercase();
        l == "hoogachtend," || l.starts_with("met vriendelijke groet")
    };
    if let Some(k) = (start.saturating_sub(4)..start).find(|&k| formula(lines[k])) {
        start = k;
    }
    (chosen.into_iter().map(|(_, _, s)| s).collect(), start)
}

/// A signature starting at line `i`: the office over one or more lines ending in a
/// comma (`De Staatssecretaris van Volksgezondheid, Welzijn en Sport,`), then the
/// signatory's name (footnotes of the last page may stand between them). Returns the
/// first line, the line after the name and the signatory.
fn signature_at(lines: &[&str], i: usize) -> Option<(usize, usize, Signatory)> {
    let first = lines[i].trim();
    let mut words = first.split_whitespace();
    let article = words.next()?;
    let office = words.next()?.to_lowercase();
    let office = office.trim_end_matches(',');
    if !matches!(article, "De" | "de" | "DE")
        || !matches!(office, "minister" | "staatssecretaris" | "minister-president" | "ministers")
    {
        return None;
    }
    // The office: lines up to one ending in a comma that is not followed by another
    // comma-ended line (`de staatssecretaris Jeugd,` / `Preventie en Sport,`).
    let mut role = Vec::new();
    let mut j = i;
    loop {
        let line = lines.get(j)?.trim();
        if line.is_empty() || role.len() == 4 || line.chars().count() > 120 {
            return None;
        }
        role.push(line);
        j += 1;
        let next = lines.get(j).map_or("", |l| l.trim());
        if line.ends_with(',') && !next.ends_with(',') {
            break;
        }
    }
    // The name: the next line that is neither blank nor a footnote.
    let mut k = j;
    while k < lines.len() && k < j + 12 && (lines[k].trim().is_empty() || note_number(lines[k].trim()).is_some()) {
        k += 1;
    }
    let name = lines.get(k)?.trim();
    if !is_name(name) {
        return None;
    }
    let role = role.join(" ");
    let role = role.trim_end_matches(',').trim().to_string();
    Some((i, k + 1, Signatory { role, name: name.to_string() }))
}

/// A signatory's name: `C. Helder`, `V.P.G. Karremans`, `Judith Zs.C.M. Tielen`, `J. de
/// Vries`: a few capitalised words, initials or name particles, no digits.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let particle =
        |w: &str| matches!(w, "van" | "de" | "der" | "den" | "ter" | "ten" | "te" | "het" | "'t" | "in" | "op");
    (1..=6).contains(&words.len())
        && line.chars().count() <= 60
        && !line.chars().any(|c| c.is_ascii_digit() || ",:;()".contains(c))
        && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.last().is_some_and(|w| w.starts_with(char::is_uppercase) && !w.ends_with(':'))
        && words.iter().all(|w| w.starts_with(char::is_uppercase) || particle(w))
        && words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up letter in the shape of the extracted PDFs: wrapped lines, a footnote
    /// at the foot of the page, a page break shown by an indented line, a footer.
    const LETTER: &str = "\
 Geachte voorzitter,

Hierbij schrijf ik u over het onderwerp van deze proefbrief, met een voetnoot in de
lopende tekst.1 De zin loopt door tot het einde van de regel en nog wat verder.

Eerste kop
Een alinea direct onder de kop, zoals sommige brieven dat doen, met meer tekst
die doorloopt naar de volgende regel.

1 Kamerstuk 12 345, nr. 6
 en hier gaat de tekst verder op een nieuwe pagina, na de voetnoot.

Tweede Kamer, vergaderjaar 2024–2025, 12 345, nr. 7 2



Hoogachtend,

de minister voor Voorbeelden,
Proef en Test,

2 Kamerstuk 12 345, nr. 8.
 A.B. de Vries
";

    #[test]
    fn parts_of_a_letter() {
        let layout = Layout::of(LETTER);
        assert_eq!(layout.header, 0..1, "the salutation closes the letterhead");
        assert_eq!(layout.lines[layout.body.end], "Hoogachtend,");
        assert_eq!(
            layout.signatories,
            [Signatory { role: "de minister voor Voorbeelden, Proef en Test".into(), name: "A.B. de Vries".into() }]
        );
        let kind = |prefix: &str| layout.kinds[layout.lines.iter().position(|l| l.starts_with(prefix)).unwrap()];
        assert_eq!(kind("1 Kamerstuk"), Kind::Footnote);
        assert_eq!(kind(" en hier"), Kind::Text, "an indented line starts the next page");
        assert_eq!(kind("Tweede Kamer,"), Kind::Furniture);
        assert_eq!(layout.footers.len(), 1);
        assert_eq!(layout.footers[0].1.page, Some(2));
        let first_lines: Vec<&str> = layout.blocks().iter().map(|b| layout.lines[b[0]].trim()).collect();
        assert_eq!(
            first_lines,
            [
                "Hierbij schrijf ik u over het onderwerp van deze proefbrief, met een voetnoot in de",
                "Eerste kop",
                "en hier gaat de tekst verder op een nieuwe pagina, na de voetnoot."
            ]
        );
    }

    #[test]
    fn a_paragraph_opening_with_a_number_is_not_a_footnote() {
        let text = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nTekst.\n\n12 gemeenten doen mee.\n\n3 juni 2024 was de start.\n";
        let layout = Layout::of(text);
        assert!(layout.kinds.iter().all(|&k| k != Kind::Footnote), "{:?}", layout.kinds);
    }

    #[test]
    fn names_and_offices() {
        for name in ["C. Helder", "V.P.G. Karremans", "Judith Zs.C.M. Tielen", "J. de Vries"] {
            assert!(is_name(name), "{name}");
        }
        for not in ["Hoogachtend,", "de zorg", "2 Kamerstuk", "Zie de brief van 3 juni (Kamerstuk 1)"] {
            assert!(!is_name(not), "{not}");
        }
        // A sentence that opens with an office is not a signature.
        let lines = ["De minister en ik vinden dit belangrijk, en", "daarom doen we het."];
        assert_eq!(signature_at(&lines, 0), None);
    }

    #[test]
    fn page_counts() {
        assert_eq!(page_of("Pagina 2 van 7"), Some(7));
        assert_eq!(page_of("Pagina twee van 7"), None);
    }
}
