//! YAML, for `dossier.yaml` and front matter: the only module that uses `serde_yaml`
//! (no longer maintained upstream), so it can be swapped out in one place.
//!
//! Errors come back as a message and a byte offset in the text given, without
//! serde_yaml's own " at line X column Y" (callers print `path:line:col` themselves).

use serde::de::DeserializeOwned;

use crate::model::Positions;

/// A YAML error: what is wrong and where (a byte offset in the parsed text, when known).
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub offset: Option<usize>,
    /// What the error is about, for choosing a hint.
    pub kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A value of the wrong type (`tags: 5`).
    Type,
    /// A key given twice.
    Duplicate,
    /// Anything else: syntax, unknown variants and fields.
    Other,
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before YAML is
/// parsed: the parser's work grows with the square of the depth (100,000 `[` took
/// half a minute), and nothing dossier reads nests more than two levels.
pub const MAX_FLOW_DEPTH: usize = 100;

/// Deserializes `text`. Refuses deep flow nesting first (see [`MAX_FLOW_DEPTH`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some(at) = too_deep(text) {
        return Err(Error {
            message: format!("nested more than {MAX_FLOW_DEPTH} levels deep"),
            offset: Some(at),
            kind: ErrorKind::Other,
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let full = e.to_string();
        let kind = if full.contains("invalid type") {
            ErrorKind::Type
        } else if full.contains("duplicate") {
            ErrorKind::Duplicate
        } else {
            ErrorKind::Other
        };
        Error { message: message(&full), offset: e.location().map(|l| l.index()), kind }
    })
}

/// serde_yaml's message without its trailing " at line X column Y", which we show in
/// our own `path:line:col` form.
fn message(full: &str) -> String {
    match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.to_string(),
    }
}

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

/// Where the keys of a YAML block are: each top-level key, and under it each list item
/// (block `- x` or flow `[x, y]`) and nested key (`  k: v` or `{k: v}`). `base` is the
/// block's offset in its file, so the offsets are file offsets. A line scanner, not a
/// YAML parser: it reads the plain shapes people write, and where it cannot place an
/// entry, callers fall back to its key.
pub fn positions(yaml: &str, base: usize) -> Positions {
    let mut out = Positions::default();
    let mut current: Option<String> = None;
    let mut flow = Flow::default();
    let mut offset = base;
    for line in yaml.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if flow.depth > 0 {
            if let Some(key) = &current {
                flow.scan(content, here, out.entries.entry(key.clone()).or_default());
            }
            continue;
        }
        let trimmed = content.trim_start_matches(' ');
        let indent = content.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent == 0 && !trimmed.starts_with('-') {
            let Some((key, value_at)) = key_of(trimmed) else {
                current = None;
                continue;
            };
            out.keys.push((key.clone(), here));
            let entries = out.entries.entry(key.clone()).or_default();
            flow = Flow::default();
            flow.scan(&trimmed[value_at..], here + value_at, entries);
            current = Some(key);
            continue;
        }
        let Some(key) = &current else { continue };
        let entries = out.entries.entry(key.clone()).or_default();
        if let Some(rest) = trimmed.strip_prefix('-').filter(|r| r.is_empty() || r.starts_with(' ')) {
            let pad = rest.len() - rest.trim_start().len();
            entries.push((None, here + indent + 1 + pad));
        } else if let Some((sub, _)) = key_of(trimmed) {
            entries.push((Some(sub), here + indent));
        }
    }
    out
}

/// `key: value` → (key without quotes, offset of the value). `None` if the line is not
/// a mapping entry.
fn key_of(line: &str) -> Option<(String, usize)> {
    let (key, rest) = if let Some(q) = line.strip_prefix(['"', '\'']) {
        let quote = line.as_bytes()[0] as char;
        let end = q.find(quote)?;
        (q[..end].to_string(), &line[end + 2..])
    } else {
        let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|k| k.len()))?;
        (line[..colon].trim_end().to_string(), &line[colon..])
    };
    let after = rest.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let value_at = line.len() - after.trim_start().len();
    Some((key, value_at))
}

/// The state of a flow collection (`[a, b]`, `{k: v}`) that may run over several lines.
#[derive(Default)]
struct Flow {
    depth: usize,
    quote: Option<char>,
    /// Whether the next non-space character at depth 1 starts an entry.
    expect: bool,
    /// Whether the outermost collection is a mapping.
    mapping: bool,
}

impl Flow {
    fn scan(&mut self, text: &str, at: usize, entries: &mut Vec<(Option<String>, usize)>) {
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = self.quote {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    self.quote = None;
                }
                continue;
            }
            if self.depth == 0 {
                match c {
                    '[' | '{' => {
                        self.depth = 1;
                        self.mapping = c == '{';
                        self.expect = true;
                    }
                    ' ' | '\t' => {}
                    _ => return,
                }
                continue;
            }
            match c {
                ' ' | '\t' => continue,
                '#' => return,
                _ => {}
            }
            if self.expect && self.depth == 1 && !matches!(c, ']' | '}' | ',') {
                self.expect = false;
                let name = self.mapping.then(|| {
                    let rest = &text[i..];
                    let end = rest.find(':').unwrap_or(rest.len());
                    rest[..end].trim().trim_matches(['"', '\'']).to_string()
                });
                entries.push((name, at + i));
            }
            match c {
                '"' | '\'' => self.quote = Some(c),
                '[' | '{' => self.depth += 1,
                ']' | '}' => self.depth -= 1,
                ',' if self.depth == 1 => self.expect = true,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = format!("foo: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let start = std::time::Instant::now();
        let err = from_str::<serde_yaml::Value>(&deep).unwrap_err();
        assert_eq!((err.message.as_str(), err.offset), ("nested more than 100 levels deep", Some(105)));
        assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
    }

    #[test]
    fn positions_of_keys_items_and_nested_keys() {
        let yaml = "title: A\ntags: [een, \"twee, drie\", vier]\nrelated:\n  - X\n  -   Y\nkamerstuk: {dossier: \"1\", nummer: 2}\nglossary:\n  IZA: Integraal\n  'GALA': x\nlang: [a,\n  b]\n";
        let p = positions(yaml, 10);
        let at = |o: Option<usize>| o.map(|o| &yaml[o - 10..]).unwrap_or("").split('\n').next().unwrap().to_string();
        assert_eq!(at(p.key("tags")), "tags: [een, \"twee, drie\", vier]");
        assert_eq!(at(p.item("tags", 1)), "\"twee, drie\", vier]");
        assert_eq!(at(p.item("tags", 2)), "vier]");
        assert_eq!(at(p.item("related", 1)), "Y");
        assert_eq!(at(p.nested("kamerstuk", "nummer")), "nummer: 2}");
        assert_eq!(at(p.nested("glossary", "GALA")), "'GALA': x");
        assert_eq!(at(p.item("lang", 1)), "b]");
        // Unknown entries fall back to the key.
        assert_eq!(at(p.item("tags", 9)), at(p.key("tags")));
    }

    #[test]
    fn messages_lose_serde_yamls_position() {
        let err = from_str::<std::collections::BTreeMap<String, u32>>("a: 1\nb: x\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
        assert!(!err.message.contains(" at line "), "{}", err.message);
        assert_eq!(err.offset, Some(8));
    }
}
