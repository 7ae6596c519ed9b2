//! Text helpers shared by every stage: folding for matching, slugs for URLs and ids,
//! HTML escaping, HTML-safe JSON, and "did you mean" distances.

/// Lowercases and strips diacritics, for case- and accent-insensitive matching:
/// `Continuïteit` and `continuiteit` fold to the same string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(&mut out, c);
    }
    out
}

/// [`fold`] for one character, appended to `out`.
pub fn fold_into(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match strip_accent(c) {
        Some(base) => out.push(base),
        None => out.extend(c.to_lowercase()),
    }
}

/// The base letter of a Latin letter with a diacritic, lowercased.
fn strip_accent(c: char) -> Option<char> {
    let base = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ą' | 'Ą' => 'a',
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => 'c',
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' => 'i',
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ű' | 'Ű' | 'ů' | 'Ů' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'š' | 'Š' | 'ś' | 'Ś' => 's',
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => 'z',
        'ł' | 'Ł' => 'l',
        'ĳ' | 'Ĳ' => 'y',
        _ => return None,
    };
    Some(base)
}

/// A URL- and id-safe slug: folded, letters and digits kept, everything else a single
/// `-`. `Consultatiefunctie ggz–sociaal domein` → `consultatiefunctie-ggz-sociaal-domein`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Compares as people sort names: case and accents aside, and runs of digits by their
/// value, so `2. Setup` comes before `10. Appendix`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (fold(a), fold(b));
    let (mut x, mut y) = (a.as_str(), b.as_str());
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(&b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let n = x.find(|c: char| !c.is_ascii_digit()).unwrap_or(x.len());
                let m = y.find(|c: char| !c.is_ascii_digit()).unwrap_or(y.len());
                let (p, q) = (x[..n].trim_start_matches('0'), y[..m].trim_start_matches('0'));
                let by_value = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
                if by_value != std::cmp::Ordering::Equal {
                    return by_value;
                }
                x = &x[n..];
                y = &y[m..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x = &x[c.len_utf8()..];
                y = &y[d.len_utf8()..];
            }
        }
    }
}

/// Escapes text for HTML element content and attribute values alike.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Cuts `s` to at most `max` characters at a word boundary, adding `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

/// Edit distance, for "did you mean" hints.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Up to three candidates closest to `wanted` (folded), nearest first, for hints.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = fold(wanted);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let folded = fold(c);
            let d = if folded.contains(&wanted) || wanted.contains(&folded) {
                folded.len().abs_diff(wanted.len()).min(3)
            } else {
                distance(&wanted, &folded)
            };
            (d, c)
        })
        .filter(|&(d, c)| d <= (c.chars().count().max(wanted.chars().count()) / 2).max(2))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Whether a URL is an absolute `http(s)` address (the only kind a source's `url` may be).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// JSON with `<`, `>` and `&` written as `\u003c` etc.: the same data, but inert if
/// a consumer pastes it into HTML or a script (titles and tags are user text).
pub fn html_safe_json(value: &serde_json::Value) -> String {
    html_safe(value.to_string())
}

/// [`html_safe_json`] for JSON already serialized.
pub fn html_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_slugs() {
        assert_eq!(fold("Continuïteit Financiële"), "continuiteit financiele");
        assert_eq!(slugify("Consultatiefunctie ggz–sociaal domein"), "consultatiefunctie-ggz-sociaal-domein");
        assert_eq!(slugify("  Wat is ANW? (2020) "), "wat-is-anw-2020");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn natural_order() {
        let mut names = ["10. Appendix", "2. Setup", "1. Intro", "b", "Á", "a10", "a9"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, ["1. Intro", "2. Setup", "10. Appendix", "Á", "a9", "a10", "b"]);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn closest_candidates() {
        let titles = ["Cruciale ggz", "Consultatiefunctie ggz", "Begrippen"];
        assert_eq!(closest("cruciale gz", titles), vec!["Cruciale ggz"]);
        assert!(closest("xyzzy", titles).is_empty());
    }

    #[test]
    fn truncation_at_words() {
        assert_eq!(truncate("een twee drie vier", 12), "een twee…");
        assert_eq!(truncate("kort", 12), "kort");
    }
}
