//! What is removed from a body before Markdown sees it, keeping every byte offset (and
//! so every line and column of a diagnostic) where it was: removed text becomes spaces.
//!
//! - Obsidian comments, `%%inline%%` and `%%` blocks over several lines: never in the
//!   output, the search index or an excerpt. An unclosed `%%` hides the rest of the note,
//!   as in Obsidian.
//! - Docusaurus admonitions, `:::note Title` … `:::`: the fence lines go, and their
//!   places are returned, so the Markdown pass can open and close a callout around the
//!   blocks between them.
//! - MDX `import X from '…';` lines, which a Markdown reader would show as text.
//!
//! Fenced code and inline code are left alone: `%%` or `:::` there is literal.

use std::borrow::Cow;

/// A Docusaurus admonition: where its opening and closing lines start in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admonition {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub title: Option<String>,
}

/// The body, cleaned, and the admonitions and display maths found in it.
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    pub admonitions: Vec<Admonition>,
    /// `$$ … $$` blocks that start a line: where each was, and its TeX. Taken out
    /// before Markdown sees them (a line of TeX such as `  - \frac{g}{2}` would be read
    /// as a list item), and put back as a block at their place.
    pub maths: Vec<(usize, String)>,
}

pub fn prepare(body: &str) -> Prepared<'_> {
    if !body.contains("%%") && !body.contains(":::") && !body.contains("import ") && !body.contains("$$") {
        return Prepared { text: Cow::Borrowed(body), admonitions: Vec::new(), maths: Vec::new() };
    }
    let mut maths = Vec::new();
    let mut math: Option<(usize, String)> = None;
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut admonitions = Vec::new();
    let mut open: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let indent = content.len() - trimmed.len();
        if !in_comment && indent <= 3 {
            if let Some(f) = fence_of(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n)) if f.0 == c && f.1 >= n && trimmed.trim_end().bytes().all(|b| b == c) => fence = None,
                    _ => {}
                }
                continue;
            }
        }
        if fence.is_some() {
            continue;
        }
        if let Some((start, tex)) = math.as_mut() {
            // Inside a `$$` block: up to the line that ends it.
            match content.trim_end().strip_suffix("$$") {
                Some(last) => {
                    tex.push_str(last);
                    maths.push((*start, std::mem::take(tex)));
                    math = None;
                }
                None => tex.push_str(line),
            }
            blank.push((here, here + content.len()));
            continue;
        }
        if !in_comment && indent <= 3 {
            if let Some(rest) = trimmed.strip_prefix("$$") {
                match rest.trim_end().strip_suffix("$$") {
                    Some(tex) => maths.push((here, tex.to_string())),
                    None => math = Some((here, format!("{rest}\n"))),
                }
                blank.push((here, here + content.len()));
                continue;
            }
        }
        if !in_comment {
            if let Some(rest) = trimmed.strip_prefix(":::") {
                let rest = rest.trim();
                if rest.is_empty() {
                    if let Some((start, kind, title)) = open.pop() {
                        admonitions.push(Admonition { start, end: here, kind, title });
                        blank.push((here, here + content.len()));
                        continue;
                    }
                } else if let Some((kind, title)) = admonition(rest) {
                    open.push((here, kind, title));
                    blank.push((here, here + content.len()));
                    continue;
                }
            }
            if is_import(trimmed) {
                blank.push((here, here + content.len()));
                continue;
            }
        }
        in_comment = comments(content, here, in_comment, &mut blank);
    }
    // Unclosed admonitions run to the end.
    for (start, kind, title) in open.into_iter().rev() {
        admonitions.push(Admonition { start, end: body.len(), kind, title });
    }
    admonitions.sort_by_key(|a| a.start);
    if let Some((start, tex)) = math {
        // Never closed: the rest of the note was the formula.
        maths.push((start, tex));
    }
    if blank.is_empty() {
        return Prepared { text: Cow::Borrowed(body), admonitions, maths };
    }
    let mut bytes = body.as_bytes().to_vec();
    for (start, end) in blank {
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Every removed range covers whole characters (it starts and ends at ASCII `%%`,
    // `:::` or a line end), so the bytes are still UTF-8.
    let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Prepared { text: Cow::Owned(text), admonitions, maths }
}

/// A code fence's character and length, if `line` opens or closes one.
fn fence_of(line: &str) -> Option<(u8, usize)> {
    let c = *line.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = line.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// `note Title` or `info[Title]` → (`note`, title).
fn admonition(rest: &str) -> Option<(String, Option<String>)> {
    let kind: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if kind.is_empty() {
        return None;
    }
    let after = rest[kind.len()..].trim();
    let title = match after.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(t) => Some(t.trim().to_string()),
        None if after.starts_with('{') => None,
        None => Some(after.to_string()),
    };
    Some((kind.to_ascii_lowercase(), title.filter(|t| !t.is_empty())))
}

/// `import Tabs from '@theme/Tabs';`: an MDX import.
fn is_import(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("import ") else { return false };
    let rest = rest.trim_end().trim_end_matches(';');
    (rest.contains(" from ") || rest.starts_with(['\'', '"'])) && rest.ends_with(['\'', '"'])
}

/// Marks the comments in one line (at file offset `at`) for blanking, outside inline
/// code. Returns whether a comment is still open at the end of the line.
fn comments(line: &str, at: usize, mut inside: bool, blank: &mut Vec<(usize, usize)>) -> bool {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut start = if inside { Some(0) } else { None };
    let mut code: Option<usize> = None;
    while i < bytes.len() {
        if !inside && bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            match code {
                None => code = Some(run),
                Some(n) if n == run => code = None,
                _ => {}
            }
            i += run;
            continue;
        }
        if code.is_none() && bytes[i..].starts_with(b"%%") {
            if inside {
                blank.push((at + start.unwrap_or(0), at + i + 2));
                inside = false;
                start = None;
            } else {
                inside = true;
                start = Some(i);
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    if inside {
        blank.push((at + start.unwrap_or(0), at + line.len()));
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_become_spaces_in_place() {
        let body = "Een %%geheim%% zin.\n%%\nblok [[x]]\n%%\nNa `%%code%%`.\n```\n%%ook code%%\n```\n";
        let p = prepare(body);
        assert_eq!(p.text.len(), body.len());
        assert_eq!(
            p.text.lines().collect::<Vec<_>>()[..5],
            ["Een            zin.", "  ", "          ", "  ", "Na `%%code%%`."]
        );
        assert!(p.text.contains("%%ook code%%"));
        let open = prepare("Tekst %%tot\nhet einde");
        assert_eq!(open.text, "Tekst      \n         ");
    }

    #[test]
    fn display_maths_leave_the_text_and_are_kept() {
        let body = "Tekst.\n\n$$\nF = a\n  - b\n$$\n\n$$x^2$$\nNa.\n";
        let p = prepare(body);
        assert_eq!(p.maths, [(8, "\nF = a\n  - b\n".to_string()), (27, "x^2".to_string())]);
        assert!(!p.text.contains("- b") && p.text.contains("Na.") && p.text.len() == body.len());
    }

    #[test]
    fn admonitions_and_imports() {
        let body = "import Tabs from '@theme/Tabs';\n\n:::tip Een tip\nTekst.\n:::\n\n:::info[Titel]\n\nMeer.\n\n:::\n```\n:::note\n```\n";
        let p = prepare(body);
        assert!(!p.text.contains("import") && !p.text.contains(":::tip") && p.text.contains(":::note"));
        assert_eq!(p.admonitions.len(), 2);
        assert_eq!((p.admonitions[0].kind.as_str(), p.admonitions[0].title.as_deref()), ("tip", Some("Een tip")));
        assert_eq!(p.admonitions[1].title.as_deref(), Some("Titel"));
        assert_eq!(&body[p.admonitions[0].start..p.admonitions[0].start + 6], ":::tip");
        assert_eq!(&body[p.admonitions[0].end..p.admonitions[0].end + 4], ":::\n");
    }
}
