//! The headings of a letter's plain text, found by their shape.
//!
//! A heading is the opening of a block (after a blank line, a footnote or a page
//! break): one to three lines that start with a capital (or a number, `2. `), end
//! without a sentence's closing punctuation and hold no sentence break, followed by a
//! line that starts a new sentence. When the paragraph follows without a blank line,
//! the heading's last line must also end well before the margin: a wrapped line of
//! running text ends where the next word no longer fitted, a heading ends where it is
//! done. Numbering (`2. `, `3.1 `) is left off, as the bundled source pages write
//! their sections and as citation locators ignore it.

use super::layout::Layout;

/// Longest heading, in characters (the longest in the letters is about 150).
const MAX_CHARS: usize = 200;
/// At most this many lines.
const MAX_LINES: usize = 3;

/// A heading and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub line: usize,
    pub text: String,
}

/// The body's headings, in order.
pub fn find(layout: &Layout) -> Vec<Heading> {
    let blocks = layout.blocks();
    let width = wrap_width(layout, &blocks);
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let lines: Vec<&str> = block.iter().map(|&i| layout.lines[i].trim()).collect();
        let next_block = blocks.get(b + 1).map(|n| layout.lines[n[0]].trim());
        if let Some(text) = heading(&lines, next_block, width) {
            out.push(Heading { line: block[0], text });
        }
    }
    out
}

/// The heading at the top of a block of `lines`, if there is one. `next` is the first
/// line of the following block; `width` the text's wrap width.
fn heading(lines: &[&str], next: Option<&str>, width: usize) -> Option<String> {
    let first = lines.first()?;
    if !opens_heading(first) {
        return None;
    }
    for k in 1..=MAX_LINES.min(lines.len()) {
        let part = &lines[..k];
        if part.iter().any(|l| ends_sentence(l)) {
            return None;
        }
        let last = part[k - 1];
        let followed = match lines.get(k) {
            // The paragraph follows at once: it must start a sentence, and the heading
            // must stop short of the margin.
            Some(after) => starts_sentence(after) && hard_break(last, after, width),
            None => next.is_some_and(starts_sentence),
        };
        if !followed {
            continue;
        }
        let text = join(part);
        let text = strip_numbering(&text);
        let fits = text.chars().count() <= MAX_CHARS && text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        return (fits && !has_sentence_break(text)).then(|| text.to_string());
    }
    None
}

/// A heading's first line: a capital, possibly after numbering (`2. `, `3.1 `, `4) `)
/// or an opening quotation mark; not a list bullet.
fn opens_heading(line: &str) -> bool {
    let rest = strip_numbering(line);
    let rest = rest.trim_start_matches(['“', '‘', '«', '"', '\'']);
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a line ends as a sentence or clause does (a heading never does).
fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end();
    // A footnote marker after the punctuation (`gestuurd.9`) still ends the sentence.
    let line = line.trim_end_matches(|c: char| c.is_ascii_digit());
    line.ends_with(['.', ':', ';', ',', '?', '!']) || line.is_empty()
}

/// Whether a line opens a sentence: its first letter or digit is not lowercase.
fn starts_sentence(line: &str) -> bool {
    line.trim_start().chars().find(|c| c.is_alphanumeric()).is_some_and(|c| !c.is_lowercase())
}

/// Whether `line` ended by choice: the first word of `next` would have fitted after it,
/// and it stops short of the margin (80% of the width).
fn hard_break(line: &str, next: &str, width: usize) -> bool {
    let len = line.chars().count();
    let word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
    len + 1 + word <= width && len * 5 <= width * 4
}

/// `. Volgende zin` inside a text: two sentences, so not a heading.
fn has_sentence_break(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|w| matches!(w[0], '.' | '?' | '!') && w[1] == ' ' && w[2].is_uppercase())
}

/// A heading's lines as one line. A line ending in a hyphen joins the next without a
/// space (`ggz-` `instellingen`), except before `en`/`of` (`ANW- en crisisdiensten`).
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let suspended = matches!(line.split_whitespace().next(), Some("en" | "of" | "tot"));
        let spaced = suspended || !out.ends_with('-');
        if !out.is_empty() && spaced {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

/// A heading without its numbering: `2. Instroom` → `Instroom`, `3.1 Kwaliteit` →
/// `Kwaliteit`, `4) Prikkels` → `Prikkels`. A number that is part of the heading
/// (`2025 in cijfers`) stays.
pub fn strip_numbering(text: &str) -> &str {
    let digits_and_dots: usize = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
    let (number, rest) = text.split_at(digits_and_dots);
    let rest_after_paren = rest.strip_prefix(')');
    let dotted = number.contains('.') && number.split('.').all(|p| p.len() <= 2);
    let numbered = !number.is_empty() && (dotted || (rest_after_paren.is_some() && number.len() <= 2));
    let rest = rest_after_paren.unwrap_or(rest);
    if numbered && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        text
    }
}

/// The width the text is wrapped at: the 95th percentile of the body's line lengths
/// (a web rendering, with a line per paragraph, comes out very wide, and every line
/// break in it counts as a chosen one).
fn wrap_width(layout: &Layout, blocks: &[Vec<usize>]) -> usize {
    let mut lengths: Vec<usize> = blocks.iter().flatten().map(|&i| layout.lines[i].trim().chars().count()).collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 95 / 100).min(lengths.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(text: &str) -> Vec<String> {
        find(&Layout::of(text)).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn headings_between_blank_lines() {
        let text = "Een eerste alinea van de brief die eindigt met een punt.\n\n1. Wachttijden\n\nDe tekst over \
                    wachttijden.\n\nVervolgstappen en planning\n\nMeer tekst.\n";
        assert_eq!(headings(text), ["Wachttijden", "Vervolgstappen en planning"]);
    }

    #[test]
    fn a_heading_run_straight_into_its_paragraph() {
        // Wrapped at about 70 characters, as a PDF extraction would.
        let text = "\
Een inleidende alinea die over de volle breedte van de bladspiegel loopt
en dan met een punt ophoudt zoals een gewone zin dat doet.

Korte kop zonder punt
Hier begint de alinea onder de kop, ook weer over de volle breedte van
de pagina, en zij eindigt met een punt.

Een kop die zo lang is dat zij over twee regels moet worden verdeeld
door de opmaak van het document
Dan volgt gewoon de tekst van de alinea, die over de hele regelbreedte
doorloopt.
";
        assert_eq!(
            headings(text),
            [
                "Korte kop zonder punt",
                "Een kop die zo lang is dat zij over twee regels moet worden verdeeld door de opmaak van het document"
            ]
        );
    }

    #[test]
    fn what_is_not_a_heading() {
        let text = "\
Een alinea waarvan de eerste regel zonder leesteken eindigt op de marge
Nederlandse woorden met een hoofdletter gaan daarna gewoon verder hier.

- een opsommingsteken met kleine letter

Dit is een zin. En hier staat een tweede zin zonder punt

een regel die met een kleine letter begint

Een korte regel aan het einde van een pagina

waarna de zin op de volgende pagina doorloopt.

Een zin die eindigt met een dubbele punt:

Laatste alinea.
";
        assert_eq!(headings(text), Vec::<String>::new());
    }

    #[test]
    fn numbering() {
        assert_eq!(strip_numbering("2. Instroom beperken"), "Instroom beperken");
        assert_eq!(strip_numbering("3.1 Kwaliteit"), "Kwaliteit");
        assert_eq!(strip_numbering("4) Prikkels"), "Prikkels");
        assert_eq!(strip_numbering("2025 in cijfers"), "2025 in cijfers");
        assert_eq!(strip_numbering("Contractering 2022"), "Contractering 2022");
    }

    #[test]
    fn joining_lines() {
        assert_eq!(join(&["Borgen van ANW-", "en crisisdiensten"]), "Borgen van ANW- en crisisdiensten");
        assert_eq!(join(&["Samenwerking ggz-", "instellingen"]), "Samenwerking ggz-instellingen");
        assert_eq!(join(&["Een kop over", "twee regels"]), "Een kop over twee regels");
    }
}
