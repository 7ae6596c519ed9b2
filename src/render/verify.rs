//! Checks what render emits, before anything is written: every internal link (`href`
//! and `src` in the HTML) leads to a file the site has, and every `#fragment` to an id
//! in that file. A theme or render bug then fails the build instead of shipping a dead
//! link, whatever content or template caused it.
//!
//! Cheap by design: one pass over each page as it is rendered (in parallel), keeping
//! 64-bit hashes of ids and link targets, not strings; the text of a dead link is
//! recovered only when there is one to report.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Every output path of the site, hashed (see [`path_set`]).
pub type PathSet = HashSet<u64, Prehashed>;

/// What one HTML file holds and points at.
#[derive(Debug, Default)]
pub struct Facts {
    /// The file's ids, hashed, sorted and deduplicated.
    ids: Vec<u64>,
    /// Links to a fragment of another file (target path, fragment), hashed and
    /// deduplicated: checked by [`dead`] once every file's ids are known.
    fragments: Vec<(u64, u64)>,
    /// Whether a link leads to no file of the site, or to an id this file lacks: known
    /// as soon as the file is scanned, so those links need not be kept.
    dead: bool,
}

/// A hash that is the same in every thread of one run.
fn hash(s: &str) -> u64 {
    static STATE: std::sync::OnceLock<std::collections::hash_map::RandomState> = std::sync::OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(s)
}

/// The hasher of the sets and maps keyed by [`hash`]es: their keys are random already,
/// and hashing them again with SipHash (the std default) was a sixth of the scan. A
/// multiply spreads the key's bits over the bits the table uses.
pub type Prehashed = BuildHasherDefault<Multiply>;

#[derive(Default)]
pub struct Multiply(u64);

impl Hasher for Multiply {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The links and ids of the HTML file at output path `at`. `paths` are the site's
/// output paths ([`path_set`]); `base` is the site's path under its domain (`/wiki/`),
/// for the few absolute paths a page may have (404.html).
pub fn scan(at: &str, html: &str, base: Option<&str>, paths: &PathSet) -> Facts {
    let here = hash(at);
    let mut ids = Vec::new();
    // Fragments of this file, checked against its ids at the end.
    let mut own = Vec::new();
    let mut fragments = Vec::new();
    let mut dead = false;
    for (attr, value) in attributes(html) {
        let value = decode(value);
        if attr == "id" {
            ids.push(hash(&value));
            continue;
        }
        let Some((path, fragment)) = internal(at, &value, base) else { continue };
        let target = if path == at { here } else { hash(&path) };
        if !paths.contains(&target) {
            dead = true;
        } else if let Some(fragment) = fragment {
            if target == here {
                own.push(hash(&fragment));
            } else {
                fragments.push((target, hash(&fragment)));
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    fragments.sort_unstable();
    fragments.dedup();
    dead |= own.iter().any(|f| ids.binary_search(f).is_err());
    Facts { ids, fragments, dead }
}

/// Every output path of the site, hashed, for [`scan`] and [`explain`].
pub fn path_set<'a>(paths: impl Iterator<Item = &'a str>) -> PathSet {
    paths.map(hash).collect()
}

/// The files in `files` (output path → facts) with a link to a path the site does not
/// have or to an id not in its file, sorted. [`explain`] says which links.
pub fn dead(files: &HashMap<String, Facts>) -> Vec<String> {
    let ids: HashMap<u64, &[u64], Prehashed> = files.iter().map(|(p, f)| (hash(p), f.ids.as_slice())).collect();
    let mut out: Vec<String> = files
        .iter()
        .filter(|(_, facts)| {
            facts.dead
                || facts
                    .fragments
                    .iter()
                    .any(|(target, fragment)| ids.get(target).is_some_and(|ids| ids.binary_search(fragment).is_err()))
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
    paths: &PathSet,
) -> Vec<String> {
    let mut out = Vec::new();
    for (attr, value) in attributes(html) {
        if attr == "id" {
            continue;
        }
        let value = decode(value);
        let Some((path, fragment)) = internal(at, &value, base) else { continue };
        let target_ids = files.get(path.as_ref()).map(|f| &f.ids);
        let missing_file = !paths.contains(&hash(&path));
        let missing_id =
            fragment.as_deref().is_some_and(|f| target_ids.is_some_and(|ids| ids.binary_search(&hash(f)).is_err()));
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
    let finder = memchr::memmem::Finder::new("=\"");
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(eq) = finder.find(&bytes[i..]).map(|p| i + p) {
            i = eq + 2;
            // Only attributes: the name follows a space, inside a tag.
            let before = &bytes[..eq];
            let name = if before.ends_with(b" href") {
                "href"
            } else if before.ends_with(b" src") {
                "src"
            } else if before.ends_with(b" id") {
                "id"
            } else {
                continue;
            };
            let end = memchr::memchr(b'"', &bytes[i..]).map_or(html.len(), |p| i + p);
            let value = &html[i..end];
            i = end;
            return Some((name, value));
        }
        None
    })
}

/// A link value → (output path, fragment), if it is internal: relative, or absolute
/// under the site's base path. Same-file fragments resolve to `at`.
fn internal<'a>(at: &'a str, value: &'a str, base: Option<&str>) -> Option<(Cow<'a, str>, Option<Cow<'a, str>>)> {
    if value.is_empty() {
        return None;
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((r, f)) => (r, Some(f).filter(|f| !f.is_empty())),
        None => (value, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    if rest.starts_with("//") || crate::model::is_external(rest) {
        return None;
    }
    let path: Cow<str> = if rest.is_empty() {
        Cow::Borrowed(at)
    } else if let Some(absolute) = rest.strip_prefix('/') {
        let base = base?.trim_matches('/');
        let inside = if base.is_empty() { Some(absolute) } else { absolute.strip_prefix(base)?.strip_prefix('/') };
        Cow::Owned(normalize("", inside?).unwrap_or_else(|| OUTSIDE.into()))
    } else {
        let folder = at.rsplit_once('/').map_or("", |(d, _)| d);
        Cow::Owned(normalize(folder, rest).unwrap_or_else(|| OUTSIDE.into()))
    };
    let path = if path.is_empty() || path.ends_with('/') { Cow::Owned(format!("{path}index.html")) } else { path };
    Some((percent_decoded(path), fragment.map(Cow::Borrowed).map(percent_decoded)))
}

fn percent_decoded(s: Cow<str>) -> Cow<str> {
    if s.contains('%') {
        Cow::Owned(crate::model::url::percent_decode(&s))
    } else {
        s
    }
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

/// The entities dossier's and Tera's escaping write into attribute values (Tera writes
/// every `/` as `&#x2F;`), decoded in one pass.
fn decode(value: &str) -> Cow<'_, str> {
    const ENTITIES: [(&str, char); 9] = [
        ("&#x2F;", '/'),
        ("&#47;", '/'),
        ("&quot;", '"'),
        ("&#34;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&amp;", '&'),
    ];
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match ENTITIES.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, c)) => {
                out.push(*c);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (HashMap<String, Facts>, PathSet) {
        let paths = path_set(files.iter().map(|(p, _)| *p).chain(["assets/style.css"]));
        (files.iter().map(|(p, h)| (p.to_string(), scan(p, h, Some("/wiki/"), &paths))).collect(), paths)
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
        assert_eq!(dead(&files), ["c.html"]);
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
        let html = r##"<p>href="nergens.html" in tekst</p><a data-href="x" class="y" href="z.html">"##;
        assert!(!scan("x.html", html, None, &path_set(["x.html", "z.html"].into_iter())).dead);
        assert!(scan("x.html", html, None, &path_set(["x.html"].into_iter())).dead);
    }

    #[test]
    fn entities_decode_in_one_pass() {
        assert_eq!(decode("a&#x2F;b&amp;lt;c&amp;&zz;"), "a/b&lt;c&&zz;");
        assert!(matches!(decode("a/b.html"), Cow::Borrowed(_)));
    }
}
