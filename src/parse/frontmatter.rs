//! Front matter: the YAML block between `---` lines at the top of a page.
//!
//! [`split`] finds the block (tolerating a BOM and CRLF line endings) and [`parse`] turns
//! it into [`FrontMatter`]. YAML errors are reported at their line and column *in the
//! file*, not in the block. `serde_yaml` is used only here, so it can be swapped out.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::config::yaml_message;
use crate::diag::{Diagnostic, FileText, Severity};

/// Where the front matter and the body are in a page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML (without the `---` lines), if there is front matter.
    pub yaml: Option<(usize, usize)>,
    /// Byte offset where the Markdown body starts.
    pub body: usize,
}

/// Finds the front matter block. An opening `---` without a closing `---` (or `...`)
/// is an error at the opening line.
pub fn split(text: &str) -> Result<Split, &'static str> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "---" {
        return Ok(Split { yaml: None, body: start });
    }
    let yaml_start = start + first_end;
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map(|i| line_start + i + 1).unwrap_or(text.len());
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml: Some((yaml_start, line_start)), body: line_end });
        }
        line_start = line_end;
    }
    Err("front matter is not closed: add a line `---` after it")
}

/// The typed front matter of a page (notes and sources alike; sources use more keys).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    pub date: Option<PartialDate>,
    pub updated: Option<PartialDate>,
    pub draft: bool,

    // Sources (content/sources/).
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub date_note: Option<String>,
    pub author: Option<String>,
    pub role: Option<String>,
    pub kamerstuk: Option<Kamerstuk>,
    pub url: Option<String>,
    pub document_id: Option<String>,
    pub pages: Option<u32>,
    pub sections: Vec<String>,

    /// Glossary pages: term → expansion.
    #[serde(deserialize_with = "unique_terms")]
    pub glossary: BTreeMap<String, String>,
}

/// Glossary terms, refusing a term given twice (a plain map would silently keep the
/// last definition).
fn unique_terms<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct Terms;
    impl<'de> serde::de::Visitor<'de> for Terms {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((term, expansion)) = map.next_entry::<String, String>()? {
                if out.contains_key(&term) {
                    return Err(serde::de::Error::custom(format!("duplicate glossary term `{term}`")));
                }
                out.insert(term, expansion);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Terms)
}

/// Every key [`FrontMatter`] reads. Others are reported as warnings, not errors:
/// Obsidian vaults carry many keys of their own.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "summary",
    "tags",
    "aliases",
    "related",
    "date",
    "updated",
    "draft",
    "id",
    "type",
    "date_note",
    "author",
    "role",
    "kamerstuk",
    "url",
    "document_id",
    "pages",
    "sections",
    "glossary",
];

/// A parliamentary paper's number: `{dossier: "25 424", nummer: 731, vergaderjaar: "2024-2025"}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Kamerstuk {
    pub dossier: String,
    pub nummer: u32,
    pub vergaderjaar: String,
}

/// A date as precise as is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
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

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `date: 2022` arrives as a number, `date: 2022-04` as a string.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Year(u16),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Year(y) => y.to_string(),
            Raw::Text(s) => s,
        };
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid date `{text}`: expected YYYY-MM-DD, YYYY-MM or YYYY"))
        })
    }
}

/// Parses the front matter of `text` (the whole file, shown as `path`). Returns the
/// front matter (default when absent) and the body offset, or the errors.
pub fn parse(path: &Path, text: &str) -> Result<(FrontMatter, Split), Diagnostic> {
    let split = split(text).map_err(|msg| Diagnostic::error_at(path, text, 0, msg))?;
    let Some((start, end)) = split.yaml else {
        return Ok((FrontMatter::default(), split));
    };
    let yaml = &text[start..end];
    if yaml.trim().is_empty() {
        return Ok((FrontMatter::default(), split));
    }
    if let Some(tab) = leading_tab(yaml) {
        return Err(Diagnostic::error_at(path, text, start + tab, "tab used for indentation in front matter")
            .with_hint("YAML indents with spaces only"));
    }
    if let Some(at) = too_deep(yaml) {
        return Err(Diagnostic::error_at(
            path,
            text,
            start + at,
            format!("front matter is nested more than {MAX_FLOW_DEPTH} levels deep"),
        )
        .with_hint("close the `[` and `{` brackets, or quote the value"));
    }
    match serde_yaml::from_str::<FrontMatter>(yaml) {
        Ok(fm) => Ok((fm, split)),
        Err(e) => {
            // serde_yaml's index is relative to the block; shift it into the file.
            let mut at = e.location().map(|l| l.index()).unwrap_or(0).min(yaml.len());
            let message = yaml_message(&e);
            if let Some(key) = duplicated_key(&message) {
                at = second_key(yaml, at, key).unwrap_or(at);
            }
            if let Some(date) = message.strip_prefix("invalid date `").and_then(|r| r.split_once('`')) {
                at = date_key(yaml, date.0).unwrap_or(at);
            }
            let message = format!("invalid front matter: {message}");
            Err(Diagnostic::error_at(path, text, start + at, message).with_hint(hint_for(&e)))
        }
    }
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before YAML is
/// parsed: the parser's work grows with the square of the depth (100,000 `[` took
/// half a minute), and nothing dossier reads nests more than two levels.
const MAX_FLOW_DEPTH: usize = 100;

/// Offset of the bracket that nests flow collections deeper than [`MAX_FLOW_DEPTH`].
/// Brackets in quoted scalars and comments do not count.
fn too_deep(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let token_start = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':');
        match quote {
            Some(q) if b == b'\\' && q == b'"' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' if token_start => quote = Some(b),
                b'#' if token_start => {
                    i = yaml[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// A date error comes without a place (the date passes through an untagged enum, which
/// loses it): the `date:` or `updated:` line with that value.
fn date_key(yaml: &str, value: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        for key in ["date", "updated"] {
            let given = line.strip_prefix(key).and_then(|r| r.trim_start().strip_prefix(':'));
            if given.is_some_and(|v| v.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']) == value) {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

/// The key in serde's "duplicate field `title`" (and our "duplicate glossary term").
fn duplicated_key(message: &str) -> Option<&str> {
    let rest = ["duplicate field `", "duplicate glossary term `"]
        .iter()
        .find_map(|pattern| message.find(pattern).map(|i| &message[i + pattern.len()..]))?;
    rest.split_once('`').map(|(key, _)| key)
}

/// serde_yaml places a duplicate key at the start of its mapping (`at`); the second
/// `key:` at the mapping's indentation is the one to point at.
fn second_key(yaml: &str, at: usize, key: &str) -> Option<usize> {
    let line_start = yaml.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = at - line_start;
    let mut offset = line_start;
    let mut seen = 0;
    for line in yaml[line_start..].split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let this_indent = line.len() - trimmed.len();
        if this_indent < indent {
            break;
        }
        let named = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| trimmed.strip_prefix(k.as_str()).is_some_and(|r| r.trim_start().starts_with(':')));
        if this_indent == indent && named {
            seen += 1;
            if seen == 2 {
                return Some(here + this_indent);
            }
        }
    }
    None
}

/// Offset of a tab in a line's indentation, which YAML forbids and serde_yaml reports
/// confusingly.
fn leading_tab(yaml: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some(offset + i);
        }
        offset += line.len();
    }
    None
}

fn hint_for(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    if message.contains("invalid type") {
        "front matter keys: title, summary (text); tags, aliases, related, sections (lists of text); date, updated (YYYY-MM-DD); draft (true/false)".to_string()
    } else if message.contains("duplicate") {
        "each key may appear once".to_string()
    } else {
        "front matter is YAML between two `---` lines; quote values that contain `: ` or start with `[`, `{`, `@` or `*`".to_string()
    }
}

/// Warnings for top-level keys a page has that dossier does not use. (Found by reading
/// the block's lines: serde's `flatten` would cost us the positions of type errors.)
pub fn unknown_keys(path: &Path, text: &str, split: Split) -> Vec<Diagnostic> {
    let Some((start, end)) = split.yaml else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let file = FileText::new(text);
    let mut offset = start;
    for line in text[start..end].split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(['"', '\'']);
        if key.is_empty() || KNOWN_KEYS.contains(&key) {
            continue;
        }
        out.push(
            Diagnostic::in_file(Severity::Warning, path, &file, here, format!("unknown front matter key `{key}`"))
                .with_hint(
                "dossier ignores it; known keys include title, summary, tags, aliases, related, date, updated, draft",
            ),
        );
    }
    out
}

/// Byte offset of `key:` at the start of a line in a YAML block.
pub fn find_key(yaml: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

/// Byte offset (in the file) of the `n`th entry `value` in the list under `key`, for
/// pointing at a front-matter entry such as one `related:` target.
pub fn find_list_entry(text: &str, split: Split, key: &str, value: &str) -> usize {
    let Some((start, end)) = split.yaml else {
        return 0;
    };
    let yaml = &text[start..end];
    let from = find_key(yaml, key).unwrap_or(0);
    match yaml[from..].find(value) {
        Some(i) => start + from + i,
        None => start + from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<(FrontMatter, Split), String> {
        parse(Path::new("a.md"), text).map_err(|d| d.headline())
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: X\r\n---\r\nbody";
        let (fm, split) = p(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("X"));
        assert_eq!(&text[split.body..], "body");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let (fm, split) = p("# Kop\n\ntekst").unwrap();
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(split.body, 0);
    }

    #[test]
    fn unterminated_front_matter_points_at_line_one() {
        assert_eq!(
            p("---\ntitle: x\n").unwrap_err(),
            "a.md:1:1: error: front matter is not closed: add a line `---` after it"
        );
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        let err = p("---\ntitle: x\ntags: [a, b\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:4:1: error: invalid front matter"), "{err}");
        let err = p("---\ntitle: x\ntags: 5\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:3:7: error: invalid front matter: tags: invalid type"), "{err}");
    }

    #[test]
    fn tabs_and_duplicates_are_errors() {
        assert!(p("---\ntags:\n\t- a\n---\n").unwrap_err().starts_with("a.md:3:1: error: tab"));
        let err = p("---\ntitle: a\ntitle: b\n---\n").unwrap_err();
        assert!(err.contains("duplicate"), "{err}");
    }

    #[test]
    fn duplicates_point_at_the_second_key() {
        let err = p("---\ntitle: a\nsummary: s\ntitle: b\n---\n").unwrap_err();
        assert_eq!(err, "a.md:4:1: error: invalid front matter: duplicate field `title`");
        let err = p("---\nkamerstuk:\n  dossier: '1'\n  nummer: 1\n  dossier: '2'\n---\n").unwrap_err();
        assert_eq!(err, "a.md:5:3: error: invalid front matter: kamerstuk: duplicate field `dossier`");
        let err = p("---\nglossary:\n  IZA: a\n  GALA: b\n  IZA: c\n---\n").unwrap_err();
        assert!(
            err.starts_with("a.md:5:3: error: invalid front matter: glossary: duplicate glossary term `IZA`"),
            "{err}"
        );
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let deep = format!("---\nfoo: {}{}\n---\n", "[".repeat(100_000), "]".repeat(100_000));
        let start = std::time::Instant::now();
        let err = p(&deep).unwrap_err();
        assert_eq!(err, "a.md:2:106: error: front matter is nested more than 100 levels deep");
        assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
        // Brackets in quotes and comments, and apostrophes in words, are not nesting.
        let text = format!("---\ntitle: \"{0}\"\nsummary: Kamer's {{a}} # {0}\ntags: [a, [b]]\n---\n", "[".repeat(200));
        let err = p(&text).unwrap_err();
        assert!(err.contains("tags[1]: invalid type"), "{err}");
        let text = format!("---\ntitle: '{0}'\nsummary: x # {0}\n---\n", "{".repeat(200));
        assert!(p(&text).is_ok());
    }

    #[test]
    fn partial_dates() {
        let (fm, _) = p("---\ndate: 2022\nupdated: 2025-04-09\n---\n").unwrap();
        assert_eq!(fm.date.unwrap().to_string(), "2022");
        assert_eq!(fm.updated.unwrap().to_string(), "2025-04-09");
        assert_eq!(PartialDate::parse("2025-4"), None);
        assert_eq!(PartialDate::parse("2025-13"), None);
        assert!(p("---\ndate: gisteren\n---\n").unwrap_err().contains("invalid date `gisteren`"));
        let err = p("---\ntitle: a\ndate: 2025\nupdated: '2025-13'\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:4:1: error: invalid front matter: invalid date `2025-13`"), "{err}");
    }

    #[test]
    fn unknown_keys_are_kept_for_warnings() {
        let text = "---\ntitle: a\ncssclass: wide\n---\n";
        let (_, split) = p(text).unwrap();
        let w = unknown_keys(Path::new("a.md"), text, split);
        assert_eq!(w[0].headline(), "a.md:3:1: warning: unknown front matter key `cssclass`");
    }
}
