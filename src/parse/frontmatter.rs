//! Front matter: the YAML block between `---` lines at the top of a page.
//!
//! [`split`] finds the block (tolerating a BOM and CRLF line endings) and [`parse`] turns
//! it into [`FrontMatter`]. YAML errors are reported at their line and column *in the
//! file*, not in the block. The YAML itself is read by [`crate::yaml`], the one module
//! that uses `serde_yaml`.

use std::path::Path;

use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::frontmatter::{FrontMatter, Positions, Split, KNOWN_KEYS};
use crate::yaml;

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
    let positions = yaml::positions(yaml, start);
    match yaml::from_str::<FrontMatter>(yaml) {
        Ok(mut fm) => {
            fm.positions = positions;
            Ok((fm, split))
        }
        Err(e) => {
            let at = place(&e, &positions).unwrap_or(start + e.offset.unwrap_or(0).min(yaml.len()));
            let message = if e.message.starts_with("nested more than") {
                format!("front matter is {}", e.message)
            } else {
                format!("invalid front matter: {}", e.message)
            };
            Err(Diagnostic::error_at(path, text, at, message).with_hint(hint_for(&e)))
        }
    }
}

/// Where an error is better placed than serde_yaml places it: a duplicate at its second
/// occurrence (serde_yaml points at the start of the mapping), a bad date at its key.
fn place(e: &yaml::Error, positions: &Positions) -> Option<usize> {
    let message = e.message.as_str();
    if let Some(key) = duplicated_key(message) {
        let parent = message.split_once(": duplicate").map(|(p, _)| p).filter(|p| !p.contains(' '));
        let mut same: Vec<usize> = match parent {
            Some(parent) => positions
                .entries
                .get(parent)?
                .iter()
                .filter(|(name, _)| name.as_deref() == Some(key))
                .map(|(_, at)| *at)
                .collect(),
            None => positions.keys.iter().filter(|(k, _)| k == key).map(|(_, at)| *at).collect(),
        };
        same.truncate(2);
        return same.get(1).copied();
    }
    if message.starts_with("nested more than") {
        return None;
    }
    if let Some((path, rest)) = message.split_once(": ") {
        if rest.starts_with("invalid date") {
            return positions.key(path.split(['.', '[']).next().unwrap_or(path));
        }
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

fn hint_for(e: &yaml::Error) -> String {
    match e.kind {
        yaml::ErrorKind::Type => "front matter keys: title, summary (text); tags, aliases, related, sections (lists of text); date, updated (YYYY-MM-DD); draft (true/false)".to_string(),
        yaml::ErrorKind::Duplicate => "each key may appear once".to_string(),
        _ if e.message.starts_with("nested more than") => "close the `[` and `{` brackets, or quote the value".to_string(),
        _ => "front matter is YAML between two `---` lines; quote values that contain `: ` or start with `[`, `{`, `@` or `*`".to_string(),
    }
}

/// Warnings for top-level keys a page has that dossier does not use. (Found by reading
/// the block's lines: serde's `flatten` would cost us the positions of type errors.)
pub fn unknown_keys(path: &Path, text: &str, positions: &Positions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = FileText::new(text);
    for (key, at) in &positions.keys {
        if key.is_empty() || KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        out.push(
            Diagnostic::in_file(Severity::Warning, path, &file, *at, format!("unknown front matter key `{key}`"))
                .with_hint(
                "dossier ignores it; known keys include title, summary, tags, aliases, related, date, updated, draft",
            ),
        );
    }
    out
}

/// The positions of the keys in a page's front matter, for a page whose front matter
/// did not parse (a parsed one carries them in [`FrontMatter::positions`]).
pub fn positions(text: &str, split: Split) -> Positions {
    split.yaml.map(|(start, end)| yaml::positions(&text[start..end], start)).unwrap_or_default()
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
        let err = p("---\ntitle: x\ntags: {a: 1}\n---\n").unwrap_err();
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
        assert!(p("---\ndate: gisteren\n---\n").unwrap_err().contains("invalid date `gisteren`"));
        let err = p("---\ntitle: a\ndate: 2025\nupdated: '2025-13'\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:4:1: error: invalid front matter: updated: invalid date `2025-13`"), "{err}");
        // Regression: `date: 99999` was "untagged enum Raw" at the first line.
        let err = p("---\ntitle: a\n\ndate: 99999\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:4:1: error: invalid front matter: date: invalid date `99999`"), "{err}");
        let err = p("---\ntitle: a\ndate: 2025-02-30\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:3:1: error: invalid front matter: date: invalid date `2025-02-30`"), "{err}");
    }

    #[test]
    fn unknown_keys_are_kept_for_warnings() {
        let text = "---\ntitle: a\nkleur: groen\n---\n";
        let (_, split) = p(text).unwrap();
        let w = unknown_keys(Path::new("a.md"), text, &positions(text, split));
        assert_eq!(w[0].headline(), "a.md:3:1: warning: unknown front matter key `kleur`");
    }

    #[test]
    fn front_matter_as_other_tools_write_it() {
        let (fm, _) = p("---\ntags: handbook\naliases: Staff handbook\ndraft:\npublish: \"false\"\n---\n").unwrap();
        assert_eq!(
            (fm.tags, fm.aliases, fm.draft, fm.publish),
            (vec!["handbook".into()], vec!["Staff handbook".into()], false, Some(false))
        );
        let (fm, _) =
            p("---\ntags: [\"#a\", b, 2024]\ndraft: \"true\"\ncssclasses: wide\nenableToc: false\n---\n").unwrap();
        assert_eq!(fm.tags, ["a", "b", "2024"]);
        assert!(fm.draft && fm.toc == Some(false) && fm.cssclasses == ["wide"]);
        let err = p("---\ndraft: misschien\n---\n").unwrap_err();
        assert!(err.contains("draft: `misschien` is not true or false"), "{err}");
    }
}
