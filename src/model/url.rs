//! Output paths and link classification: where a page or asset is written, how one
//! output path refers to another, and which link targets are external or images.
//!
//! Every URL in the output is relative (see [`relative_url`]), so a site works at a
//! domain root, under a sub-path and opened from disk.

use crate::text::slugify;

/// Output path of a page: folders and stem slugified, `.html`.
/// `Onderwerpen/Cruciale GGZ.md` → `onderwerpen/cruciale-ggz.html`.
pub fn page_url(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let mut parts: Vec<String> = stem.split('/').map(|p| slug_or(p, "pagina")).collect();
    if let Some(last) = parts.last_mut() {
        last.push_str(".html");
    }
    parts.join("/")
}

/// Output path of an asset: folders and stem slugified, extension lowercased.
pub fn asset_url(rel: &str) -> String {
    let (dirs, name) = rel.rsplit_once('/').map(|(d, n)| (Some(d), n)).unwrap_or((None, rel));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
            format!("{}.{}", slug_or(stem, "bestand"), slugify(ext))
        }
        _ => slug_or(name, "bestand"),
    };
    match dirs {
        Some(d) => format!("{}/{name}", d.split('/').map(|p| slug_or(p, "map")).collect::<Vec<_>>().join("/")),
        None => name,
    }
}

fn slug_or(s: &str, fallback: &str) -> String {
    let slug = slugify(s);
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Output path of a tag's page.
/// The reading view of a source's own text, beside its page: `sources/x.html` →
/// `sources/x/text.html`.
pub fn reading_url(source_url: &str) -> String {
    format!("{}/text.html", source_url.strip_suffix(".html").unwrap_or(source_url))
}

pub fn tag_url(tag: &str) -> String {
    format!("tags/{}.html", slugify(tag))
}

/// The prefix that leads from a page at `from` back to the output root (`../../`).
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// `url` of `to` as seen from a page at `from` (both output paths): relative, so the
/// site works at a domain root, under a sub-path and from disk.
pub fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    if out.is_empty() {
        out.push_str("index.html");
    }
    out
}

/// Files dossier writes beside the pages, and what each is. A page, asset or alias that
/// would take one of these paths is an error (`resolve::paths`); render's views and
/// exports must be listed here (a test in `render` checks it).
pub const GENERATED: &[(&str, &str)] = &[
    ("404.html", "the page for missing paths"),
    ("timeline.html", "the timeline"),
    ("coverage.html", "the coverage matrix"),
    ("commitments.html", "the overview of commitments"),
    ("commitments.json", "the commitments as JSON"),
    ("commitments.csv", "the commitments as CSV"),
    ("graph.html", "the graph"),
    ("changes.html", "the recent changes"),
    ("print.html", "the whole dossier for printing"),
    ("feed.xml", "the Atom feed of changes"),
    ("pages.html", "the list of top-level pages"),
    ("missing.html", "the list of missing pages"),
    ("graph.json", "the graph data"),
    ("graph-data.js", "the graph data"),
    ("sources.json", "the sources as CSL-JSON"),
    ("timeline.json", "the timeline data"),
    ("robots.txt", "robots.txt"),
    ("sitemap.xml", "the sitemap"),
];

/// The most notes a print view holds: above it, the whole dossier's `print.html` (or a
/// folder's) is not written. A briefing of more notes is no briefing, and every note in
/// a print view is rendered a second time: at 100,000 notes the folders' views were
/// 60 MB each and a third of the build.
pub const PRINT_LIMIT: usize = 300;

/// A folder's print view: `onderwerpen/print.html`.
pub fn print_url(folder_index: &str) -> String {
    format!("{}/print.html", folder_index.rsplit_once('/').map_or("", |(f, _)| f))
}

/// Folders dossier fills itself: the theme's files, the search index, the tag pages.
pub const GENERATED_DIRS: &[(&str, &str)] =
    &[("assets/", "the theme's files"), ("search/", "the search index"), ("tags/", "the tag pages")];

/// What dossier writes at output path `path`, if it generates that path.
pub fn generated(path: &str) -> Option<&'static str> {
    GENERATED.iter().find(|(p, _)| *p == path).map(|(_, what)| *what).or_else(|| {
        GENERATED_DIRS.iter().find(|(d, _)| path.starts_with(d) || path == d.trim_end_matches('/')).map(|(_, w)| *w)
    })
}

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"];

/// Whether a link target names an image file.
pub fn is_image(target: &str) -> bool {
    target.rsplit_once('.').is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Has a URL scheme (`https:`, `mailto:`) or is protocol-relative.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

/// An element id as the fragment of a URL (`#…`): ASCII characters that a fragment may
/// not hold (RFC 3986; `^` of an Obsidian block id, `%`, spaces, quotes) percent-encoded,
/// the rest as it is. Browsers decode it again to find the id.
pub fn fragment(id: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?".contains(c);
    if id.chars().all(allowed) {
        return id.into();
    }
    let mut out = String::with_capacity(id.len() + 8);
    for c in id.chars() {
        if allowed(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out.into()
}

/// Decodes `%20` and friends in a relative link.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_encode_what_a_url_may_not_hold() {
        assert_eq!(fragment("kop-2"), "kop-2");
        assert_eq!(fragment("^fine-cap"), "%5Efine-cap");
        assert_eq!(fragment("a b\"%<é"), "a%20b%22%25%3Cé");
        assert_eq!(percent_decode(&fragment("^x%y")), "^x%y");
    }

    #[test]
    fn output_paths() {
        assert_eq!(page_url("index.md"), "index.html");
        assert_eq!(page_url("Onderwerpen/Cruciale GGZ.md"), "onderwerpen/cruciale-ggz.html");
        assert_eq!(asset_url("img/Schema 1.PNG"), "img/schema-1.png");
        assert_eq!(asset_url(".."), "bestand");
    }

    #[test]
    fn generated_paths() {
        assert!(GENERATED_DIRS.iter().all(|(d, _)| d.ends_with('/')));
        assert_eq!(generated("timeline.html"), Some("the timeline"));
        assert_eq!(generated("search/meta.js"), Some("the search index"));
        assert_eq!(generated("map/timeline.html"), None);
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("index.html", "a/b.html"), "a/b.html");
        assert_eq!(relative_url("a/b.html", "c.html"), "../c.html");
        assert_eq!(relative_url("a/b/c.html", "a/d.html"), "../../a/d.html");
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b.html"), "../");
    }
}
