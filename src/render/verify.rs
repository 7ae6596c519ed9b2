//! Checks what render emits, before anything is written: every internal link (`href`
//! and `src` in the HTML) leads to a file the site has, and every `#fragment` to an id
//! in that file. A theme or render bug then fails the build instead of shipping a dead
//! link, whatever content or template caused it.
//!
//! Cheap by design: one pass over each page as it is rendered (in parallel), keeping
//! 64-bit hashes of ids and link targets, not strings; the text of a dead link is
//! recovered only when there is one to report.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

/// What one HTML file holds and points at.
#[derive(Debug, Default)]
pub struct Facts {
    ids: HashSet<u64>,
    /// (target path, fragment or 0), hashed; deduplicated.
    links: Vec<(u64, u64)>,
}

/// A hash that is the same in every thread of one run.
fn hash(s: &str) -> u64 {
    static STATE: std::sync::OnceLock<std::collections::hash_map::RandomState> = std::sync::OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(s)
}

/// The links and ids of the HTML file at output path `at`. `base` is the site's path
/// under its domain (`/wiki/`), for the few absolute paths a page may have (404.html).
pub fn scan(at: &str, html: &str, base: Option<&str>) -> Facts {
    let mut facts = Facts::default();
    let mut seen = HashSet::new();
    for (attr, value) in attributes(html) {
        if attr == "id" {
            facts.ids.insert(hash(&decode(value)));
            continue;
        }
        if let Some((path, fragment)) = internal(at, &decode(value), base) {
            let link = (hash(&path), fragment.as_deref().map_or(0, hash));
            if seen.insert(link) {
                facts.links.push(link);
            }
        }
    }
    facts
}

/// Every output path of the site, hashed, for [`dead`].
pub fn path_set<'a>(paths: impl Iterator<Item = &'a str>) -> HashSet<u64> {
    paths.map(hash).collect()
}

/// The files in `files` (output path → facts) with a link to a path not in `paths` or
/// to an id not in its file, sorted. [`explain`] says which links.
pub fn dead(files: &HashMap<String, Facts>, paths: &HashSet<u64>) -> Vec<String> {
    let ids: HashMap<u64, &HashSet<u64>> = files.iter().map(|(p, f)| (hash(p), &f.ids)).collect();
    let mut out: Vec<String> = files
        .iter()
        .filter(|(_, facts)| {
            facts.links.iter().any(|&(target, fragment)| {
                !paths.contains(&target)
                    || (fragment != 0 && ids.get(&target).is_some_and(|ids| !ids.contains(&fragment)))
            })
        })
        .map(|(file, _)| file.clone())
        .collect();
    out.sort();
    out
}

/// The dead links of one file, as text (`target#fragment`), found again in its HTML.
pub fn explain(
    at: &str,
    html: &str,
    base: Option<&str>,
    files: &HashMap<String, Facts>,
    paths: &HashSet<u64>,
) -> Vec<String> {
    let ids = files.get(at).map(|f| &f.ids);
    let mut out = Vec::new();
    for (attr, value) in attributes(html) {
        if attr == "id" {
            continue;
        }
        let value = decode(value);
        let Some((path, fragment)) = internal(at, &value, base) else { continue };
        let target_ids = if path == at { ids } else { files.get(&path).map(|f| &f.ids) };
        let missing_file = !paths.contains(&hash(&path));
        let missing_id = fragment.as_deref().is_some_and(|f| target_ids.is_some_and(|ids| !ids.contains(&hash(f))));
        if missing_file || missing_id {
            out.push(format!("{attr}=\"{value}\" ({})", if missing_file { "no such file" } else { "no such id" }));
        }
    }
    out.dedup();
    out
}

/// `(name, value)` of every `href`, `src` and `id` attribute, values as written.
fn attributes(html: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(eq) = html[i..].find("=\"").map(|p| i + p) {
            i = eq + 2;
            let name_start = html[..eq].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(0, |p| p + 1);
            let name = &html[name_start..eq];
            // Only attributes: the name follows a space, inside a tag.
            if name_start == 0 || bytes[name_start - 1] != b' ' || !matches!(name, "href" | "src" | "id") {
                continue;
            }
            let end = html[i..].find('"').map_or(html.len(), |p| i + p);
            let value = &html[i..end];
            i = end;
            return Some((name, value));
        }
        None
    })
}

/// A link value → (output path, fragment), if it is internal: relative, or absolute
/// under the site's base path. Same-file fragments resolve to `at`.
fn internal(at: &str, value: &str, base: Option<&str>) -> Option<(String, Option<String>)> {
    if value.is_empty() {
        return None;
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((r, f)) => (r, Some(f).filter(|f| !f.is_empty()).map(str::to_string)),
        None => (value, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    if rest.starts_with("//") || crate::model::is_external(rest) {
        return None;
    }
    let path = if rest.is_empty() {
        at.to_string()
    } else if let Some(absolute) = rest.strip_prefix('/') {
        let base = base?.trim_matches('/');
        let inside = if base.is_empty() { Some(absolute) } else { absolute.strip_prefix(base)?.strip_prefix('/') };
        normalize("", inside?).unwrap_or_else(|| OUTSIDE.into())
    } else {
        let folder = at.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(folder, rest).unwrap_or_else(|| OUTSIDE.into())
    };
    let path = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
    Some((crate::model::url::percent_decode(&path), fragment.map(|f| crate::model::url::percent_decode(&f))))
}

/// Where a link that climbs out of the site goes: no output path is this.
const OUTSIDE: &str = "../";

/// `rel` joined to `folder`, with `.` and `..` resolved; `None` above the root.
fn normalize(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = rel.ends_with('/');
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The entities dossier's and Tera's escaping write into attribute values.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (HashMap<String, Facts>, HashSet<u64>) {
        let paths = files.iter().map(|(p, _)| hash(p)).chain([hash("assets/style.css")]).collect();
        (files.iter().map(|(p, h)| (p.to_string(), scan(p, h, Some("/wiki/")))).collect(), paths)
    }

    const C: &str =
        r##"<a href="a/b.html#geen">x</a> <img src="nergens.png"> <a href="../../uit.html">u</a> <a href="#">top</a>"##;

    #[test]
    fn finds_dead_files_and_fragments() {
        let (files, paths) = site(&[
            (
                "index.html",
                r##"<a href="a/b.html#kop">x</a> <link href="assets/style.css"> <a href="mailto:x@y.nl"> <a href="https://x.org/">"##,
            ),
            (
                "a/b.html",
                r##"<h2 id="kop">K</h2><a href="../index.html">i</a><a href="#kop">k</a><a href="">self</a><a href="?q=1#kop">q</a>"##,
            ),
            ("c.html", C),
            (
                "404.html",
                r##"<a href="/wiki/index.html">home</a><a href="/elders/x.html">x</a><a href="&#x2F;wiki&#x2F;a/b.html#kop">y</a>"##,
            ),
        ]);
        assert_eq!(dead(&files, &paths), ["c.html"]);
        assert_eq!(
            explain("c.html", C, Some("/wiki/"), &files, &paths),
            [
                "href=\"a/b.html#geen\" (no such id)",
                "src=\"nergens.png\" (no such file)",
                "href=\"../../uit.html\" (no such file)"
            ]
        );
    }

    #[test]
    fn only_attributes_count() {
        let facts =
            scan("x.html", r##"<p>href="nergens.html" in tekst</p><a data-href="x" class="y" href="z.html">"##, None);
        assert_eq!(facts.links.len(), 1);
    }
}
