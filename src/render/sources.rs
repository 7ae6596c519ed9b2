//! How a source is cited: the standard Dutch form for parliamentary papers, the
//! official publication link, and a one-line full citation for previews.

use crate::model::Kamerstuk;
use crate::model::Page;

/// `Kamerstukken II 2024/25, 25 424, nr. 731`.
pub fn official_citation(k: &Kamerstuk) -> String {
    format!("Kamerstukken II {}, {}, nr. {}", short_year(&k.vergaderjaar), k.dossier.trim(), k.nummer)
}

/// `2024-2025` → `2024/25`; anything else as written.
fn short_year(v: &str) -> String {
    match v.split_once(['-', '–', '/']) {
        Some((a, b)) if a.len() == 4 && b.len() == 4 => format!("{a}/{}", &b[2..]),
        _ => v.to_string(),
    }
}

/// `https://zoek.officielebekendmakingen.nl/kst-25424-731.html`.
pub fn official_url(k: &Kamerstuk) -> String {
    let dossier: String = k.dossier.chars().filter(|c| !c.is_whitespace()).collect();
    format!("https://zoek.officielebekendmakingen.nl/kst-{dossier}-{}.html", k.nummer)
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
        let k = Kamerstuk { dossier: "25 424".into(), nummer: 731, vergaderjaar: "2024-2025".into() };
        assert_eq!(official_citation(&k), "Kamerstukken II 2024/25, 25 424, nr. 731");
        assert_eq!(official_url(&k), "https://zoek.officielebekendmakingen.nl/kst-25424-731.html");
    }
}
