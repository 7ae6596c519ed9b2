//! How a source is cited: the standard Dutch form for parliamentary papers, the
//! official publication link, and a one-line full citation for previews.

use crate::model::Kamerstuk;
use crate::model::Page;

/// `Kamerstukken II 2024/25, 25 424, nr. 731`; `Kamerstuk 25 424, nr. 514` without the year.
pub fn official_citation(k: &Kamerstuk) -> String {
    match &k.vergaderjaar {
        Some(year) => format!("Kamerstukken II {}, {}, nr. {}", short_year(year), k.dossier.trim(), k.nummer),
        None => format!("Kamerstuk {}, nr. {}", k.dossier.trim(), k.nummer),
    }
}

/// `2024-2025` → `2024/25`; anything else as written.
fn short_year(v: &str) -> String {
    match v.split_once(['-', '–', '/']) {
        Some((a, b)) if a.len() == 4 && b.len() == 4 => format!("{a}/{}", &b[2..]),
        _ => v.to_string(),
    }
}

/// `https://zoek.officielebekendmakingen.nl/kst-25424-731.html`; a budget chapter's
/// dossier `36 600 XVI` is `kst-36600-XVI-75`.
pub fn official_url(k: &Kamerstuk) -> String {
    let dossier = k.dossier.trim();
    let digits = dossier.find(|c: char| !c.is_ascii_digit() && !c.is_whitespace()).unwrap_or(dossier.len());
    let mut id: String = dossier[..digits].chars().filter(|c| !c.is_whitespace()).collect();
    let rest = dossier[digits..].trim_matches(|c: char| c == '-' || c.is_whitespace());
    if !rest.is_empty() {
        id.push('-');
        id.push_str(
            &rest
                .split(|c: char| c == '-' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-"),
        );
    }
    format!("https://zoek.officielebekendmakingen.nl/kst-{id}-{}.html", k.nummer)
}

/// The source's own `url`, else the official one derived from `kamerstuk`.
/// Only `http(s)` URLs are used: a `javascript:` URL in front matter must not become a
/// live link (resolve reports it as an error).
pub fn link(page: &Page) -> Option<String> {
    match &page.meta.url {
        Some(url) if is_web_url(url) => Some(url.clone()),
        Some(_) => None,
        None => page.meta.kamerstuk.as_ref().map(official_url),
    }
}

pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `Author (role), Title, Kamerstukken II …, date` — as much as is known.
pub fn full_citation(page: &Page) -> String {
    let m = &page.meta;
    let mut parts = Vec::new();
    if let Some(a) = &m.author {
        parts.push(a.clone());
    }
    parts.push(page.title.clone());
    if let Some(k) = &m.kamerstuk {
        parts.push(official_citation(k));
    }
    if let Some(d) = &m.date {
        parts.push(d.to_string());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kamerstuk_citation_and_url() {
        let k = Kamerstuk { dossier: "25 424".into(), nummer: 731, vergaderjaar: Some("2024-2025".into()) };
        assert_eq!(official_citation(&k), "Kamerstukken II 2024/25, 25 424, nr. 731");
        assert_eq!(official_url(&k), "https://zoek.officielebekendmakingen.nl/kst-25424-731.html");
        let motion = Kamerstuk { dossier: "36 600 XVI".into(), nummer: 75, vergaderjaar: None };
        assert_eq!(official_citation(&motion), "Kamerstuk 36 600 XVI, nr. 75");
        assert_eq!(official_url(&motion), "https://zoek.officielebekendmakingen.nl/kst-36600-XVI-75.html");
        let dashed = Kamerstuk { dossier: "36 725-XVI".into(), nummer: 23, vergaderjaar: None };
        assert_eq!(official_url(&dashed), "https://zoek.officielebekendmakingen.nl/kst-36725-XVI-23.html");
    }
}
