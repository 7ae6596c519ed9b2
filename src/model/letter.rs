//! A source's own text, for reading: the letter in sections (by the headings its page
//! lists under `sections:`), numbered paragraphs and footnotes. `parse::letter` makes
//! one from plain text; render shows it as the source's reading view, and citations
//! link into it: `§ Kop` to the section, a quotation to the passage.

use std::ops::Range;

use super::locator::unquote;
use crate::text::fold;

/// A letter's text, structured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Letter {
    /// Where the text was read from (shown on the reading view).
    pub file: String,
    pub sections: Vec<Section>,
    pub footnotes: Vec<Footnote>,
}

/// Text under one heading (the first, before any heading, has none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading as the text has it; `None` for the opening text.
    pub heading: Option<String>,
    /// The anchor: `s-` and the heading as a slug (`s-inleiding` for the opening).
    pub id: String,
    /// [`section_key`] of the heading (`inleiding` for the opening), to match `§ Kop`.
    pub key: String,
    pub paragraphs: Vec<Paragraph>,
}

/// A paragraph, numbered through the whole letter from 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub number: usize,
    /// The text, hyphenation across lines undone and lines joined.
    pub text: String,
    /// Footnote references: (byte offset in `text` where the mark goes, note number).
    pub notes: Vec<(usize, u32)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
}

/// Where a quotation is in a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// Index into [`Letter::sections`] and into that section's paragraphs.
    pub section: usize,
    pub paragraph: usize,
    /// Byte range of the quoted words in the paragraph's text.
    pub range: Range<usize>,
}

impl Passage {
    /// The anchor of the highlighted passage in the reading view.
    pub fn id(&self, letter: &Letter) -> String {
        format!("q-{}-{}", letter.sections[self.section].paragraphs[self.paragraph].number, self.range.start)
    }
}

impl Letter {
    /// The section a `§ Kop` locator names.
    pub fn section(&self, heading: &str) -> Option<&Section> {
        let key = section_key(heading);
        self.sections.iter().find(|s| s.key == key)
    }

    /// Where `quote` occurs within one paragraph, ignoring case, hyphens, the kind of
    /// quotation marks and dashes, and runs of spaces (as quotation checks do).
    pub fn find(&self, quote: &str) -> Option<Passage> {
        let wanted: Vec<char> = canonical(quote).into_iter().map(|(c, _)| c).collect();
        if wanted.is_empty() {
            return None;
        }
        for (s, section) in self.sections.iter().enumerate() {
            for (p, paragraph) in section.paragraphs.iter().enumerate() {
                let have = canonical(&paragraph.text);
                if let Some(at) =
                    have.windows(wanted.len()).position(|w| w.iter().map(|(c, _)| *c).eq(wanted.iter().copied()))
                {
                    let start = have[at].1;
                    let (last, index) = have[at + wanted.len() - 1];
                    return Some(Passage { section: s, paragraph: p, range: start..index + last.len_utf8() });
                }
            }
        }
        None
    }

    /// The first words of a section, for a citation's preview.
    pub fn opening(section: &Section, chars: usize) -> String {
        let text: String = section.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        crate::text::truncate(&text, chars)
    }
}

/// `text` as comparable characters with the byte offset each came from: lowercase,
/// hyphens left out, typographic quotes and dashes made plain, whitespace one space.
fn canonical(text: &str) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let c = match c {
            '-' | '\u{00AD}' => continue,
            '’' | '‘' | '`' => '\'',
            '“' | '”' | '«' | '»' | '„' => '"',
            '–' | '—' => '-',
            c if c.is_whitespace() => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        };
        if c == ' ' && out.last().is_none_or(|(l, _)| *l == ' ') {
            continue;
        }
        out.push((c, i));
    }
    while out.last().is_some_and(|(c, _)| *c == ' ') {
        out.pop();
    }
    out
}

/// A section name for comparison: quotes and leading numbering dropped, case and
/// accents folded, spaces collapsed. Long headings may be quoted (`§ “…”`) to mark them
/// as the letter's words.
pub fn section_key(s: &str) -> String {
    let s = unquote(s);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(paragraphs: &[&str]) -> Letter {
        let paragraphs = paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph { number: i + 1, text: t.to_string(), notes: Vec::new() })
            .collect();
        Letter { sections: vec![Section { paragraphs, ..Default::default() }], ..Default::default() }
    }

    #[test]
    fn a_quotation_is_found_in_its_paragraph() {
        let l = letter(&["Eerste alinea.", "Het kabinet wil de ggz-zorg «toegankelijker» maken, zegt het."]);
        let p = l.find("de ggzzorg \u{201c}toegankelijker\u{201d}   maken").unwrap();
        assert_eq!((p.section, p.paragraph), (0, 1));
        assert_eq!(&l.sections[0].paragraphs[1].text[p.range.clone()], "de ggz-zorg «toegankelijker» maken");
        assert_eq!(p.id(&l), format!("q-2-{}", p.range.start));
        assert!(l.find("niet in de brief").is_none());
        assert!(l.find("  ").is_none());
    }

    #[test]
    fn section_keys_ignore_numbering_and_quotes() {
        assert_eq!(section_key("1. Verbeteren van mentale gezondheid"), "verbeteren van mentale gezondheid");
        assert_eq!(section_key("“Borgen  van ggz-aanbod”"), "borgen van ggz-aanbod");
    }
}
