//! The wiki syntax inside Markdown text: `[[wikilinks]]`, `![[embeds]]` and Pandoc-style
//! citations `[@key, p. 4]`.
//!
//! [`scan`] runs on text that pulldown-cmark has already classified as prose, so code
//! spans and code blocks never reach it and nothing inside code becomes a link. It
//! returns byte ranges into the text it was given, so callers can map them back to the
//! file for diagnostics.

/// One special construct found in a run of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte range in the scanned text, brackets included.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind<'a>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind<'a> {
    WikiLink(WikiLink<'a>),
    Citation(Vec<Cite<'a>>),
    /// `[label](Andere notitie.md)`: a link to a note whose file name has spaces, which
    /// CommonMark leaves as text and Obsidian makes a link.
    MarkdownLink {
        label: &'a str,
        dest: &'a str,
    },
}

/// `[[target#anchor|label]]`, or `![[…]]` for an embed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WikiLink<'a> {
    pub embed: bool,
    /// The page part; empty for `[[#Kop]]` (same page).
    pub target: &'a str,
    pub anchor: Option<&'a str>,
    pub label: Option<&'a str>,
}

/// One item of a citation: `zie @key, § Kop`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cite<'a> {
    pub prefix: Option<&'a str>,
    pub key: &'a str,
    /// Byte offset of the `@` in the scanned text.
    pub key_offset: usize,
    /// The locator as written (`p. 4`, `§ Kop`); [`crate::model::Locator`] parses it.
    pub locator: Option<&'a str>,
}

/// Finds wikilinks, embeds and citations in `text`, in order.
pub fn scan(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(found) = memchr_bracket(bytes, i) {
        i = found;
        if bytes[i..].starts_with(b"[[") {
            if let Some((end, link)) = wikilink(text, i) {
                let embed = i > 0 && bytes[i - 1] == b'!';
                let start = if embed { i - 1 } else { i };
                tokens.push(Token { start, end, kind: TokenKind::WikiLink(WikiLink { embed, ..link }) });
                i = end;
                continue;
            }
        } else if let Some((end, cites)) = citation(text, i) {
            tokens.push(Token { start: i, end, kind: TokenKind::Citation(cites) });
            i = end;
            continue;
        } else if let Some((end, label, dest)) = spaced_link(text, i) {
            tokens.push(Token { start: i, end, kind: TokenKind::MarkdownLink { label, dest } });
            i = end;
            continue;
        }
        i += 1;
    }
    tokens
}

fn memchr_bracket(bytes: &[u8], from: usize) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&b| b == b'[').map(|p| from + p)
}

/// `[[…]]` starting at `start`: no newlines or brackets inside, not empty.
fn wikilink(text: &str, start: usize) -> Option<(usize, WikiLink<'_>)> {
    let inner_start = start + 2;
    // Stop at the first bracket or newline (the inner text may contain neither), so a
    // run of unclosed `[[` costs linear time, not quadratic.
    let close = text[inner_start..].find(['[', ']', '\n'])? + inner_start;
    if !text[close..].starts_with("]]") {
        return None;
    }
    let inner = &text[inner_start..close];
    if inner.trim().is_empty() {
        return None;
    }
    let (dest, label) = match inner.split_once('|') {
        Some((d, l)) => (d, Some(l.trim()).filter(|l| !l.is_empty())),
        None => (inner, None),
    };
    let (target, anchor) = match dest.split_once('#') {
        Some((t, a)) => (t.trim(), Some(a.trim())),
        None => (dest.trim(), None),
    };
    if target.is_empty() && anchor.is_none_or(str::is_empty) {
        return None;
    }
    Some((close + 2, WikiLink { embed: false, target, anchor, label }))
}

/// `[label](dest with spaces.md)` starting at `start`: only a destination with a space
/// that names a note (`.md`), which is all CommonMark does not take itself.
fn spaced_link(text: &str, start: usize) -> Option<(usize, &str, &str)> {
    let close = text[start + 1..].find(['[', ']', '\n'])? + start + 1;
    if !text[close..].starts_with("](") {
        return None;
    }
    let label = &text[start + 1..close];
    let dest_start = close + 2;
    let dest_end = text[dest_start..].find([')', '(', '\n'])? + dest_start;
    let dest = &text[dest_start..dest_end];
    let ok = !label.trim().is_empty()
        && dest.contains(' ')
        && dest.to_ascii_lowercase().ends_with(".md")
        && text[dest_end..].starts_with(')');
    ok.then_some((dest_end + 1, label, dest.trim()))
}

/// `[prefix @key, locator; @key2]` starting at `start`.
fn citation(text: &str, start: usize) -> Option<(usize, Vec<Cite<'_>>)> {
    let inner_start = start + 1;
    // As in `wikilink`: an inner `[` ends the attempt at once.
    let close = text[inner_start..].find(['[', ']'])? + inner_start;
    if text.as_bytes()[close] != b']' {
        return None;
    }
    let inner = &text[inner_start..close];
    if !inner.contains('@') {
        return None;
    }
    let mut cites = Vec::new();
    let mut offset = inner_start;
    for item in inner.split(';') {
        let here = offset;
        offset += item.len() + 1;
        let at = at_sign(item)?;
        let prefix = Some(item[..at].trim()).filter(|p| !p.is_empty());
        let key_len = key_length(&item[at + 1..]);
        if key_len == 0 {
            return None;
        }
        let key = &item[at + 1..at + 1 + key_len];
        let rest = item[at + 1 + key_len..].trim();
        let locator = match rest.strip_prefix(',') {
            Some(loc) if !loc.trim().is_empty() => Some(loc.trim()),
            Some(_) => None,
            None if rest.is_empty() => None,
            None => return None, // `[@key something]`: not citation syntax.
        };
        cites.push(Cite { prefix, key, key_offset: here + at, locator });
    }
    Some((close + 1, cites))
}

/// Position of an `@` that starts a key: at the start of the item or after a space.
fn at_sign(item: &str) -> Option<usize> {
    let bytes = item.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'@' && (i == 0 || bytes[i - 1].is_ascii_whitespace()))
}

/// Length of a citation key: letters, digits and internal `-_.:/#`; trailing
/// punctuation belongs to the sentence, as in Pandoc.
fn key_length(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || "-_.:/#".contains(c) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    s[..end].trim_end_matches(['-', '.', ':', '/', '#']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<WikiLink<'_>> {
        scan(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::WikiLink(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    fn cites(text: &str) -> Vec<Vec<Cite<'_>>> {
        scan(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Citation(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wikilink_forms() {
        let l = links("a [[Cruciale ggz]] b [[x|label]] [[Titel#Kop]] [[#Kop]] ![[plaatje.png|300]]");
        assert_eq!(l[0], WikiLink { embed: false, target: "Cruciale ggz", anchor: None, label: None });
        assert_eq!(l[1].label, Some("label"));
        assert_eq!((l[2].target, l[2].anchor), ("Titel", Some("Kop")));
        assert_eq!((l[3].target, l[3].anchor), ("", Some("Kop")));
        assert!(l[4].embed);
        assert_eq!((l[4].target, l[4].label), ("plaatje.png", Some("300")));
    }

    #[test]
    fn links_to_notes_with_spaces_in_their_names() {
        let t = scan("zie [de studieruimtes](Study spaces.md) en [x](niet.md) en [y](geen noot)");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, TokenKind::MarkdownLink { label: "de studieruimtes", dest: "Study spaces.md" });
    }

    #[test]
    fn not_wikilinks() {
        assert!(links("[[]] [[ ]] [[a\nb]] [[a [b]] [[#]]").is_empty());
    }

    #[test]
    fn token_ranges_cover_the_brackets() {
        let text = "x ![[a]] y";
        let t = &scan(text)[0];
        assert_eq!(&text[t.start..t.end], "![[a]]");
    }

    #[test]
    fn citation_forms() {
        let c = cites("Zo [@kst-25424-731]. En [@a, p. 4]; [@a, § Laagdrempelige steunpunten].");
        assert_eq!(c[0][0].key, "kst-25424-731");
        assert_eq!(c[1][0].locator, Some("p. 4"));
        assert_eq!(c[2][0].locator, Some("§ Laagdrempelige steunpunten"));

        let c = cites("[zie @a, pp. 2-3; @b, p. 2] [@c].");
        assert_eq!(c[0][0].prefix, Some("zie"));
        assert_eq!(c[0][0].locator, Some("pp. 2-3"));
        assert_eq!(c[0][1].key, "b");
        assert_eq!(c[1][0].key, "c");
    }

    #[test]
    fn key_offsets_point_at_the_at_sign() {
        let text = "x [zie @a; @bb]";
        let c = &cites(text)[0];
        assert_eq!(&text[c[1].key_offset..c[1].key_offset + 3], "@bb");
    }

    #[test]
    fn not_citations() {
        assert!(cites("[mail jan@x.nl] [@] [@a b] [noot] [@a; geen]").is_empty());
    }

    #[test]
    fn unclosed_brackets_take_linear_time() {
        // Each `[` used to search the rest of the text for `]]`: minutes for 100,000.
        let text = "[".repeat(200_000) + &"[a ".repeat(100_000) + "[[b]]";
        let start = std::time::Instant::now();
        assert_eq!(links(&text).len(), 1);
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    }
}
