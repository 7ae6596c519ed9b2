//! A letter's plain text (as extracted from a PDF or a web page) → a
//! [`Letter`](crate::model::letter::Letter) to read: sections at the headings the
//! source's page lists under `sections:`, paragraphs with the line breaks and
//! hyphenation of the page undone, footnotes taken out of the running text and linked
//! from their marks.
//!
//! Extractions are untidy, so each step is a cautious rule: a heading is a line (or
//! the start of one) that *is* a listed section, a paragraph broken by a page
//! continues when it stops mid-sentence and the next starts in lower case, a footnote
//! is the next number in sequence at the start of a line, a page footer
//! (`Tweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 6`) is dropped.

use crate::model::letter::{section_key, Footnote, Letter, Paragraph, Section};
use crate::text::slugify;

/// The web rendering's end-of-footnote mark.
const BACK: &str = "↩︎";

pub fn parse(text: &str, sections: &[String], file: &str) -> Letter {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (body, footnotes) = take_footnotes(&text);
    let wanted: Vec<(String, &String)> = sections.iter().map(|s| (section_key(s), s)).collect();
    let blocks = join_blocks(&body, &wanted);

    let mut letter = Letter { file: file.to_string(), sections: Vec::new(), footnotes };
    let mut current =
        Section { heading: None, id: "s-inleiding".into(), key: "inleiding".into(), paragraphs: Vec::new() };
    let mut used = vec![false; wanted.len()];
    let mut number = 0;
    let mut next_note = 0;
    for block in blocks {
        let (heading, rest) = heading_of(&block, &wanted, &mut used);
        if let Some(heading) = heading {
            let previous = std::mem::replace(
                &mut current,
                Section {
                    id: unique_id(&letter, &heading),
                    key: section_key(&heading),
                    heading: Some(heading),
                    paragraphs: Vec::new(),
                },
            );
            if previous.heading.is_some() || !previous.paragraphs.is_empty() {
                letter.sections.push(previous);
            }
        }
        let rest = rest.trim();
        if rest.is_empty() {
            continue;
        }
        number += 1;
        let (text, notes) = note_marks(rest, &letter.footnotes, &mut next_note);
        current.paragraphs.push(Paragraph { number, text, notes });
    }
    if current.heading.is_some() || !current.paragraphs.is_empty() {
        letter.sections.push(current);
    }
    letter
}

fn unique_id(letter: &Letter, heading: &str) -> String {
    // `2. Wat er verder gebeurt` → `s-wat-er-verder-gebeurt`: the numbering is not the name.
    let name = heading.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
    let base = format!("s-{}", slugify(if name.is_empty() { heading } else { name }));
    let mut id = base.clone();
    let mut n = 1;
    while letter.sections.iter().any(|s| s.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Whether a block starts with a listed section heading not used yet: the heading as
/// the letter writes it, and what follows it in the block (a heading run into its
/// paragraph, as some web renderings have it).
fn heading_of(block: &str, wanted: &[(String, &String)], used: &mut [bool]) -> (Option<String>, String) {
    let key = section_key(block);
    if key.is_empty() {
        return (None, block.to_string());
    }
    // The whole block is a heading.
    if let Some(i) = wanted.iter().enumerate().position(|(i, (k, _))| !used[i] && *k == key) {
        used[i] = true;
        return (Some(block.trim().to_string()), String::new());
    }
    // A heading run into the paragraph: the block's words start with it, and what
    // follows starts a sentence.
    let words: Vec<&str> = block.split_whitespace().collect();
    for (i, (k, _)) in wanted.iter().enumerate() {
        if used[i] {
            continue;
        }
        let count = k.split_whitespace().count();
        if count < 3 || words.len() <= count {
            continue;
        }
        let head = words[..count].join(" ");
        let next = words[count];
        if section_key(&head) == *k && next.starts_with(|c: char| c.is_uppercase()) {
            used[i] = true;
            return (Some(head), words[count..].join(" "));
        }
    }
    (None, block.to_string())
}

/// The footnotes, out of the text: lines `N text` (a PDF's, at the foot of a page,
/// continued on the next line when unfinished) and `  N. text↩︎` (a web page's,
/// at the end), each numbered after the last (an extraction may have lost some).
fn take_footnotes(text: &str) -> (String, Vec<Footnote>) {
    let mut body = String::with_capacity(text.len());
    let mut notes: Vec<Footnote> = Vec::new();
    let mut in_note = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let after = notes.last().map_or(0, |n| n.number);
        if let Some((number, rest)) = footnote_start(trimmed, after) {
            notes.push(Footnote { number, text: rest.trim_end_matches(BACK).trim().to_string() });
            in_note = unfinished(trimmed);
            continue;
        }
        if in_note && !trimmed.is_empty() && !line.starts_with(' ') && !is_page_footer(trimmed) {
            if let Some(last) = notes.last_mut() {
                last.text.push(' ');
                last.text.push_str(trimmed.trim_end_matches(BACK).trim());
            }
            in_note = unfinished(trimmed);
            continue;
        }
        in_note = false;
        if is_page_footer(trimmed) {
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    (body, notes)
}

/// Whether a footnote's line stops where its text clearly goes on (`…nr. 551;`, a
/// broken web address): the next line, unless indented, continues it.
fn unfinished(line: &str) -> bool {
    line.ends_with([';', ',', '-', '/', ':'])
}

/// `N text`, or `N. text↩︎`, with N a little after the last note's number (`after`):
/// the number and the note's text. A numbered heading (`1. Verbeteren van …`) has no
/// `↩︎`; a date at the start of a line (`28 april jl.`) is out of sequence and starts
/// in lower case; a note starts with a capital, a link or a quotation mark.
fn footnote_start(line: &str, after: u32) -> Option<(u32, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = line[..digits].parse().ok()?;
    // The first note may be far in: an extraction loses notes, mostly from the start.
    if number <= after || number > after + if after == 0 { 30 } else { 10 } {
        return None;
    }
    let rest = &line[digits..];
    let rest = match rest.strip_prefix('.') {
        Some(dotted) if line.ends_with(BACK) => dotted,
        Some(_) => return None,
        None => rest,
    };
    let text = rest.strip_prefix(' ')?;
    let starts = text.trim_start().starts_with(|c: char| c.is_uppercase() || c == 'h' || c == '«' || c == '“');
    starts.then_some((number, text))
}

/// `Tweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 6`.
fn is_page_footer(line: &str) -> bool {
    line.starts_with("Tweede Kamer, vergaderjaar") && line.ends_with(|c: char| c.is_ascii_digit())
}

/// Paragraphs: lines joined (a hyphen at a line's end between letters joins the word),
/// and a block that stops mid-sentence continued by the next that starts in lower case
/// (a page break in the middle of a paragraph). A line that is a wanted heading is a
/// block of its own (a PDF's headings often sit right above their paragraph).
fn join_blocks(text: &str, wanted: &[(String, &String)]) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        let block = std::mem::take(current);
        if block.trim().is_empty() {
            return;
        }
        let continues = blocks.last().is_some_and(|prev| {
            !prev.trim_end().ends_with(['.', '!', '?', ':', ';', '»', '”', '"'])
                && block.trim_start().starts_with(|c: char| c.is_lowercase() || c == '(')
        });
        match blocks.last_mut() {
            Some(prev) if continues => join_line(prev, &block),
            _ => blocks.push(block.trim().to_string()),
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut current, &mut blocks);
        } else if is_heading_line(line, wanted) {
            flush(&mut current, &mut blocks);
            blocks.push(line.trim().to_string());
        } else {
            join_line(&mut current, line);
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn is_heading_line(line: &str, wanted: &[(String, &String)]) -> bool {
    let key = section_key(line);
    !key.is_empty() && wanted.iter().any(|(k, _)| *k == key)
}

fn join_line(into: &mut String, line: &str) {
    let line = line.trim();
    let end = into.trim_end().len();
    into.truncate(end);
    let hyphenated = into.ends_with('-')
        && into[..into.len() - 1].ends_with(char::is_alphabetic)
        && line.starts_with(char::is_lowercase);
    if hyphenated {
        into.pop();
    } else if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(line);
}

/// Footnote marks in a paragraph: a number right after a word (`motie Mohandis1 over`),
/// taken only as a note that exists, a little after the last one marked (`last`; an
/// extraction loses some marks).
fn note_marks(text: &str, notes: &[Footnote], last: &mut u32) -> (String, Vec<(usize, u32)>) {
    let mut out = String::with_capacity(text.len());
    let mut marks = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits = rest[i..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - i);
        let after = rest[i + digits..].chars().next();
        let before = rest[..i].chars().next_back();
        let n: u32 = rest[i..i + digits].parse().unwrap_or(0);
        let is_mark = digits <= 3
            && n > *last
            && n <= *last + 15
            && notes.iter().any(|f| f.number == n)
            && before.is_some_and(|c| c.is_alphabetic() || c == ')' || c == '»')
            && after.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')'));
        out.push_str(&rest[..i]);
        if is_mark {
            marks.push((out.len(), n));
            *last = n;
        } else {
            out.push_str(&rest[i..i + digits]);
        }
        rest = &rest[i + digits..];
    }
    out.push_str(rest);
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Met deze brief geef ik mijn reac-\ntie op het rapport van MIND1 en de motie\n\nTweede Kamer, vergaderjaar 2023–2024, 25 424, nr. 678 2\n\n1 Kamerstuk 25 424, nr. 600\n over steunpunten.\n\nBelangrijkste aanbevelingen\n\nMIND beveelt aan te stoppen met plafonds in 2021. Zie ook noot2.\n\n  2. Kamerstukken II 2022/23, 32 793, nr. 613.↩︎\n";

    #[test]
    fn sections_paragraphs_and_footnotes() {
        let l = parse(TEXT, &["Inleiding".into(), "Belangrijkste aanbevelingen".into()], "x.txt");
        assert_eq!(l.sections.len(), 2);
        assert_eq!((l.sections[0].id.as_str(), l.sections[0].heading.as_deref()), ("s-inleiding", None));
        let first = &l.sections[0].paragraphs;
        assert_eq!(first.len(), 1, "{first:?}");
        // Hyphenation undone, the page break and footer bridged, the mark taken out.
        assert_eq!(
            first[0].text,
            "Met deze brief geef ik mijn reactie op het rapport van MIND en de motie over steunpunten."
        );
        assert_eq!(first[0].notes, [(first[0].text.find(" en de").unwrap(), 1)]);
        let second = &l.sections[1];
        assert_eq!((second.id.as_str(), second.paragraphs[0].number), ("s-belangrijkste-aanbevelingen", 2));
        assert!(second.paragraphs[0].text.contains("plafonds in 2021."), "a year is no footnote mark");
        assert_eq!(
            l.footnotes,
            [
                Footnote { number: 1, text: "Kamerstuk 25 424, nr. 600".into() },
                Footnote { number: 2, text: "Kamerstukken II 2022/23, 32 793, nr. 613.".into() }
            ]
        );
    }

    #[test]
    fn a_heading_run_into_its_paragraph() {
        let l = parse(
            "Intro.\n\nMensen sneller helpen met wachttijden Op dit moment wachten velen.\n",
            &["Mensen sneller helpen met wachttijden".into()],
            "x",
        );
        assert_eq!(l.sections[1].heading.as_deref(), Some("Mensen sneller helpen met wachttijden"));
        assert_eq!(l.sections[1].paragraphs[0].text, "Op dit moment wachten velen.");
    }
}
