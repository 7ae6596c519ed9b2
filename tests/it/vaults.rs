//! The migration vaults (`tests/fixtures/vaults/<name>/`): each built as it is, and its
//! `EXPECTED.md` checked construct by construct on the built HTML. The construct ids
//! (O1…, Q1…, D1…, M1…) are those of the EXPECTED.md tables; a failure names them.
//!
//! Each test collects every failing expectation of its area before it fails, so one run
//! shows the whole gap between the implementation and the contract.
//!
//! There is no HTML parser among the dev-dependencies: [`parse`] is a small scanner for
//! the well-formed HTML dossier writes (every non-void element closed, attributes quoted).

use std::fmt::Debug;
use std::path::Path;

use crate::support::{fixture, headlines, search_data, Run, Site};

// ---------------------------------------------------------------------------------------
// The build and its diagnostics
// ---------------------------------------------------------------------------------------

struct Vault {
    name: &'static str,
    site: Site,
    run: Run,
}

/// A temporary copy of `tests/fixtures/vaults/<name>`, built: exit 0 and no error line.
fn build(name: &'static str) -> Vault {
    let site = fixture(&format!("vaults/{name}"));
    let run = site.build();
    assert_eq!(run.code, 0, "{name}: build failed:\n{}", run.stderr);
    let errors: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert!(errors.is_empty(), "{name}: errors:\n{}", errors.join("\n"));
    Vault { name, site, run }
}

/// The editorial warnings: dossier's checks for policy notes, counted, not listed.
const EDITORIAL: &[&str] = &[
    ": warning: note cites no source",
    ": warning: no `title` in front matter",
    ": warning: orphan page",
    ": warning: page links to no other page",
    ": warning: figures without a citation",
    "only when case and accents are ignored",
];

impl Vault {
    fn out(&self) -> std::path::PathBuf {
        self.site.path("output")
    }

    fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).is_file()
    }

    fn page(&self, rel: &str) -> Page {
        Page { path: rel.to_string(), html: self.site.output(rel) }
    }

    /// Every output file, relative, with `/`.
    fn files(&self) -> Vec<String> {
        let out = self.out();
        let mut files: Vec<String> =
            walk(&out).iter().map(|p| p.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/")).collect();
        files.sort();
        files
    }

    /// Every HTML page of the output (redirects included).
    fn html_files(&self) -> Vec<String> {
        self.files().into_iter().filter(|f| f.ends_with(".html")).collect()
    }

    /// The migration warnings, sorted: every warning that is not editorial.
    fn migration_warnings(&self) -> Vec<String> {
        let mut list: Vec<String> = headlines(&self.run.stderr)
            .into_iter()
            .filter(|l| l.contains(": warning: ") && !EDITORIAL.iter().any(|e| l.contains(e)))
            .map(String::from)
            .collect();
        list.sort();
        list
    }

    /// The headlines that contain `what`, sorted.
    fn warnings_with(&self, what: &str) -> Vec<String> {
        let mut list: Vec<String> =
            headlines(&self.run.stderr).into_iter().filter(|l| l.contains(what)).map(String::from).collect();
        list.sort();
        list
    }

    /// The text of every output file outside `assets/`, for "must not appear" checks.
    /// A search file (`search/**.js`) contributes the string values of its data, one
    /// entry per document: its JSON syntax holds `[[` by nature (arrays of arrays in
    /// `search/tags.js` and `search/t/*.js`), its text fields are what readers see.
    fn scannable(&self) -> Vec<Scanned> {
        let mut out = Vec::new();
        for file in self.files() {
            if file.starts_with("assets/") || file.ends_with(".png") {
                continue;
            }
            let text = std::fs::read_to_string(self.out().join(&file)).unwrap();
            if let Some(name) = file.strip_prefix("search/").and_then(|f| f.strip_suffix(".js")) {
                let data = search_data(&text, name);
                let url = data.get("url").and_then(|u| u.as_str()).map(String::from);
                let mut strings = Vec::new();
                json_strings(&data, &mut strings);
                out.push(Scanned { file, url, text: strings.join("\n"), html: false });
            } else {
                let html = file.ends_with(".html");
                out.push(Scanned { file, url: None, text, html });
            }
        }
        out
    }
}

struct Scanned {
    file: String,
    /// The page a search document stands for.
    url: Option<String>,
    text: String,
    html: bool,
}

impl Scanned {
    fn is(&self, page: &str) -> bool {
        self.file == page || self.url.as_deref() == Some(page)
    }

    /// What a reader sees of the file, in labelled parts: for an HTML file its text,
    /// and each attribute shown as text (`content` of a meta tag, `title`, `alt`,
    /// `aria-label`, `placeholder`), ids and URLs left out; any other file whole.
    fn visible(&self) -> Vec<(String, String)> {
        if !self.html {
            return vec![(String::new(), self.text.clone())];
        }
        let mut parts = vec![("text".to_string(), strip_tags(&self.text))];
        for el in parse(&self.text) {
            for (k, v) in &el.attrs {
                if ["content", "title", "alt", "aria-label", "placeholder"].contains(&k.as_str()) {
                    parts.push((format!("<{} {k}=…>", el.name), v.clone()));
                }
            }
        }
        parts
    }
}

fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Collected checks: every failure of a test, each under its construct id
// ---------------------------------------------------------------------------------------

struct Checks {
    vault: &'static str,
    failures: Vec<String>,
}

impl Checks {
    fn new(v: &Vault) -> Checks {
        Checks { vault: v.name, failures: Vec::new() }
    }

    fn ok(&mut self, id: &str, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.failures.push(format!("{id}: {}", what()));
        }
    }

    fn eq<T: PartialEq + Debug>(&mut self, id: &str, what: &str, actual: T, expected: T) {
        if actual != expected {
            self.failures.push(format!("{id}: {what}\n      expected {expected:?}\n      actual   {actual:?}"));
        }
    }

    fn contains(&mut self, id: &str, what: &str, haystack: &str, needle: &str) {
        if !haystack.contains(needle) {
            self.failures.push(format!("{id}: {what}: no {needle:?} in {:?}", clip(haystack)));
        }
    }

    fn lacks(&mut self, id: &str, what: &str, haystack: &str, needle: &str) {
        if let Some(at) = haystack.find(needle) {
            let from = floor(haystack, at.saturating_sub(80));
            let to = floor(haystack, (at + needle.len() + 80).min(haystack.len()));
            self.failures.push(format!("{id}: {what}: {needle:?} found: …{}…", &haystack[from..to]));
        }
    }

    /// The `<a>` elements whose text is `text` in the body of `page`: at least one, and
    /// each resolves to `to`.
    fn link(&mut self, id: &str, page: &Page, text: &str, to: &str) {
        let body = page.body();
        let found: Vec<String> = page.links_named(&body, text).into_iter().map(|l| l.to).collect();
        if found.is_empty() {
            let all: Vec<(String, String)> = page.links(&body).into_iter().map(|l| (l.text, l.to)).collect();
            self.failures
                .push(format!("{id}: {}: no <a> with text {text:?} in the body; its links: {all:?}", page.path));
        } else if found.iter().any(|f| f != to) {
            self.failures.push(format!(
                "{id}: {}: <a> {text:?}\n      expected → {to:?}\n      actual   → {found:?}",
                page.path
            ));
        }
    }

    /// `Some` value, or a failure and `None`.
    fn some<T>(&mut self, id: &str, what: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.failures.push(format!("{id}: {what}: not found"));
        }
        value
    }

    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{}: {} expectation(s) of EXPECTED.md fail:\n  {}",
            self.vault,
            self.failures.len(),
            self.failures.join("\n  ")
        );
    }
}

/// One value compared on many pages: each distinct wrong value is reported once, with
/// the pages that have it.
struct OnEveryPage<T> {
    expected: T,
    wrong: Vec<(T, Vec<String>)>,
    pages: usize,
}

impl<T: PartialEq + Debug> OnEveryPage<T> {
    fn new(expected: T) -> Self {
        OnEveryPage { expected, wrong: Vec::new(), pages: 0 }
    }

    fn check(&mut self, page: &str, actual: T) {
        self.pages += 1;
        if actual == self.expected {
            return;
        }
        match self.wrong.iter_mut().find(|(v, _)| *v == actual) {
            Some((_, pages)) => pages.push(page.to_string()),
            None => self.wrong.push((actual, vec![page.to_string()])),
        }
    }

    fn report(self, c: &mut Checks, id: &str, what: &str) {
        for (actual, pages) in self.wrong {
            let shown: Vec<&str> = pages.iter().take(6).map(String::as_str).collect();
            let more = if pages.len() > 6 { ", …" } else { "" };
            c.failures.push(format!(
                "{id}: {what}, on {} of {} pages ({}{more})\n      expected {:?}\n      actual   {actual:?}",
                pages.len(),
                self.pages,
                shown.join(", "),
                self.expected
            ));
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn clip(s: &str) -> String {
    let s = s.trim();
    if s.len() > 400 {
        format!("{}…", &s[..floor(s, 400)])
    } else {
        s.to_string()
    }
}

/// Every scannable file must lack each needle (checked on the raw file, or on what a
/// reader sees when `visible`). `allowed` removes a literal from a given page (and its
/// search document) before the check.
fn must_not_appear(c: &mut Checks, v: &Vault, needles: &[&str], visible: bool, allowed: &[(&str, &str)]) {
    for file in v.scannable() {
        let parts = if visible { file.visible() } else { vec![(String::new(), file.text.clone())] };
        for (part, mut text) in parts {
            for (page, literal) in allowed {
                if file.is(page) {
                    text = text.replace(literal, "");
                }
            }
            let mut label = match &file.url {
                Some(url) => format!("{} (search document of {url})", file.file),
                None => file.file.clone(),
            };
            if !part.is_empty() {
                label = format!("{label}, {part}");
            }
            for needle in needles {
                c.lacks("must not appear", &label, &text, needle);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTML: a small scanner, pages, links
// ---------------------------------------------------------------------------------------

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// An element of a scanned HTML string.
#[derive(Clone, Debug)]
struct El<'a> {
    name: &'a str,
    attrs: Attrs,
    /// From `<` of the start tag to `>` of the end tag.
    outer: &'a str,
    /// Between the tags.
    inner: &'a str,
    /// Byte offset of `outer` in the scanned string.
    start: usize,
}

impl<'a> El<'a> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(k, _)| k == name)
    }

    fn classes(&self) -> Vec<&str> {
        self.attr("class").map(|c| c.split_whitespace().collect()).unwrap_or_default()
    }

    fn has_class(&self, class: &str) -> bool {
        self.classes().contains(&class)
    }

    /// `tag`, `.class`, `tag.a.b`, `#id`, `tag#id.class`.
    fn is(&self, selector: &str) -> bool {
        let mut rest = selector;
        let end = rest.find(['.', '#']).unwrap_or(rest.len());
        let (tag, tail) = rest.split_at(end);
        if !tag.is_empty() && tag != self.name {
            return false;
        }
        rest = tail;
        while !rest.is_empty() {
            let kind = rest.as_bytes()[0];
            let end = rest[1..].find(['.', '#']).map_or(rest.len(), |e| e + 1);
            let value = &rest[1..end];
            let ok = if kind == b'.' { self.has_class(value) } else { self.attr("id") == Some(value) };
            if !ok {
                return false;
            }
            rest = &rest[end..];
        }
        true
    }

    /// The elements inside this one, in document order.
    fn all(&self) -> Vec<El<'a>> {
        parse(self.inner)
    }

    fn find(&self, selector: &str) -> Vec<El<'a>> {
        self.all().into_iter().filter(|e| e.is(selector)).collect()
    }

    fn first(&self, selector: &str) -> Option<El<'a>> {
        self.all().into_iter().find(|e| e.is(selector))
    }

    /// The text, entities decoded, whitespace as written.
    fn raw_text(&self) -> String {
        strip_tags(self.inner)
    }

    /// The text, whitespace collapsed and trimmed.
    fn text(&self) -> String {
        squash(&self.raw_text())
    }

    /// The text of a heading without its `#` anchor.
    fn heading_text(&self) -> String {
        let mut inner = self.inner.to_string();
        for a in self.find("a.anchor") {
            inner = inner.replace(a.outer, "");
        }
        squash(&strip_tags(&inner))
    }
}

/// Every element of `html`, in document order (nested ones included).
fn parse(html: &str) -> Vec<El<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &html[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            i = lt + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            i = lt + 1;
            continue;
        }
        let Some((name, attrs, end)) = start_tag(html, lt) else {
            i = lt + 1;
            continue;
        };
        let closed_at = if VOID.contains(&name) || html[..end].ends_with("/>") { None } else { close(html, end, name) };
        let (inner, outer_end) = match closed_at {
            Some((ci, ce)) => (&html[end..ci], ce),
            None => (&html[end..end], end),
        };
        out.push(El { name, attrs, outer: &html[lt..outer_end], inner, start: lt });
        i = if name == "script" || name == "style" { outer_end } else { end };
    }
    out
}

/// An element's attributes, values decoded.
type Attrs = Vec<(String, String)>;

/// The start tag at `lt`: name, attributes, index after `>`.
fn start_tag(html: &str, lt: usize) -> Option<(&str, Attrs, usize)> {
    let b = html.as_bytes();
    let mut i = lt + 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    let name = &html[lt + 1..i];
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some((name, attrs, i + 1));
        }
        if b[i] == b'/' {
            i += 1;
            continue;
        }
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = html[k0..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v0 = i + 1;
                let v1 = v0 + html[v0..].bytes().position(|c| c == q)?;
                value = decode(&html[v0..v1]);
                i = v1 + 1;
            } else {
                let v0 = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode(&html[v0..i]);
            }
        }
        attrs.push((key, value));
    }
}

/// The end tag matching an element `name` whose content starts at `from`: its start
/// and end.
fn close(html: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut depth = 1;
    let mut i = from;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &html[lt + 1..];
        let boundary = |s: &str| s.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace());
        if let Some(after) = rest.strip_prefix('/').and_then(|r| r.strip_prefix(name)) {
            if after.starts_with('>') {
                depth -= 1;
                if depth == 0 {
                    return Some((lt, lt + name.len() + 3));
                }
            }
        } else if let Some(after) = rest.strip_prefix(name) {
            if boundary(after) {
                depth += 1;
            }
        }
        i = lt + 1;
    }
    None
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(j) = rest.bytes().take(12).position(|b| b == b';') {
            let entity = &rest[1..j];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()).and_then(char::from_u32),
                },
            };
            if let Some(c) = c {
                out.push(c);
                rest = &rest[j + 1..];
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `href` (or `src`) as written on the page at `from`, resolved to an output path:
/// `../x/y.html#f` from `a/b.html` is `x/y.html#f`; `#f` is `a/b.html#f`. A path that
/// climbs above the output root keeps its leading `../`.
fn resolve(from: &str, href: &str) -> String {
    if href.contains("://") || href.starts_with("mailto:") {
        return href.to_string();
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let mut out = if path.is_empty() {
        from.to_string()
    } else {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        let mut above = 0;
        for segment in path.split('/') {
            match segment {
                ".." => {
                    if parts.pop().is_none() {
                        above += 1;
                    }
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        let mut joined = "../".repeat(above) + &parts.join("/");
        if path.ends_with('/') {
            joined.push('/');
        }
        joined
    };
    // As a browser does: the fragment percent-decoded (`#%5Eid` finds `id="^id"`).
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&dossier::model::url::percent_decode(f));
    }
    out
}

struct Page {
    path: String,
    html: String,
}

#[derive(Clone, Debug, PartialEq)]
struct Link {
    text: String,
    /// As written.
    href: String,
    /// Resolved against the page.
    to: String,
}

impl Page {
    fn all(&self) -> Vec<El<'_>> {
        parse(&self.html)
    }

    fn find(&self, selector: &str) -> Vec<El<'_>> {
        self.all().into_iter().filter(|e| e.is(selector)).collect()
    }

    fn first(&self, selector: &str) -> Option<El<'_>> {
        self.all().into_iter().find(|e| e.is(selector))
    }

    /// The rendered note: `<div class="body">` (empty if there is none).
    fn body(&self) -> El<'_> {
        self.first("div.body").unwrap_or_else(|| El { name: "div", attrs: Vec::new(), outer: "", inner: "", start: 0 })
    }

    fn main(&self) -> El<'_> {
        self.first("main").unwrap_or_else(|| panic!("{}: no <main>", self.path))
    }

    fn sidebar(&self) -> El<'_> {
        self.first("nav#sidebar").unwrap_or_else(|| panic!("{}: no <nav id=\"sidebar\">", self.path))
    }

    fn title(&self) -> String {
        self.first("title").map(|t| t.text()).unwrap_or_default()
    }

    fn h1s(&self) -> Vec<String> {
        self.find("h1").iter().map(|h| h.text()).collect()
    }

    fn description(&self) -> Option<String> {
        self.find("meta")
            .into_iter()
            .find(|m| m.attr("name") == Some("description"))
            .and_then(|m| m.attr("content").map(String::from))
    }

    fn resolve(&self, href: &str) -> String {
        resolve(&self.path, href)
    }

    /// Every `<a>` inside `el`, but for the `#` anchors beside headings.
    fn links(&self, el: &El) -> Vec<Link> {
        el.find("a")
            .iter()
            .filter(|a| !a.has_class("anchor"))
            .map(|a| {
                let href = a.attr("href").unwrap_or("").to_string();
                Link { text: a.text(), to: self.resolve(&href), href }
            })
            .collect()
    }

    /// The `<a>` elements inside `el` whose text is `text`.
    fn links_named(&self, el: &El, text: &str) -> Vec<Link> {
        self.links(el).into_iter().filter(|l| l.text == text).collect()
    }

    /// Every `id` value in the page.
    fn ids(&self) -> Vec<String> {
        self.all().iter().filter_map(|e| e.attr("id").map(String::from)).collect()
    }

    /// The resolved `src` of every `<script src>`.
    fn scripts(&self) -> Vec<String> {
        self.find("script").iter().filter_map(|s| s.attr("src").map(|src| self.resolve(src))).collect()
    }

    /// A redirect page's target (meta refresh), resolved.
    fn redirect(&self) -> Option<String> {
        let meta = self.find("meta").into_iter().find(|m| m.attr("http-equiv") == Some("refresh"))?;
        let url = meta.attr("content")?.split_once("url=")?.1.to_string();
        Some(self.resolve(&url))
    }

    fn canonical(&self) -> Option<String> {
        let link = self.find("link").into_iter().find(|l| l.attr("rel") == Some("canonical"))?;
        Some(self.resolve(link.attr("href")?))
    }

    /// The entries of a list page (`<ul class="cards">`): text and target.
    fn cards(&self) -> Vec<(String, String)> {
        let Some(cards) = self.first("ul.cards") else { return Vec::new() };
        cards
            .find("li")
            .iter()
            .filter_map(|li| li.first("a"))
            .map(|a| (a.text(), self.resolve(a.attr("href").unwrap_or(""))))
            .collect()
    }

    /// The tags shown under the title: text and target.
    fn tags(&self) -> Vec<(String, String)> {
        self.find("a.tag").iter().map(|a| (a.text(), self.resolve(a.attr("href").unwrap_or("")))).collect()
    }
}

/// The element of `els` that contains the `<a>` resolving to `to` (for embeds: the one
/// whose source link points at the embedded block).
fn with_link_to<'a>(page: &Page, els: &[El<'a>], to: &str) -> Option<El<'a>> {
    els.iter().find(|e| page.links(e).iter().any(|l| l.to == to)).cloned()
}

/// The text of an embed without its source line.
fn embed_text(embed: &El) -> String {
    let mut inner = embed.inner.to_string();
    if let Some(source) = embed.first("p.embed-source") {
        inner = inner.replacen(source.outer, "", 1);
    }
    squash(&strip_tags(&inner))
}

/// The lines `from..=to` (1-based) of a content file.
fn source_lines(vault: &str, file: &str, from: usize, to: usize) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vaults").join(vault).join("content").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines().skip(from - 1).take(to - from + 1).collect::<Vec<_>>().join("\n")
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Pages' `<h1>` and `<title>`: one `<h1>` with the title, `<title>` the title and the
/// site's name (or the site's name alone on the home page).
fn check_titles(c: &mut Checks, v: &Vault, site_title: &str, pages: &[(&str, &str)]) {
    for (out, title) in pages {
        if !v.exists(out) {
            c.ok("pages", false, || format!("{out} ({title}) not written"));
            continue;
        }
        let page = v.page(out);
        c.eq("pages", &format!("{out}: the <h1>s"), page.h1s(), vec![title.to_string()]);
        let expected = if title == &site_title { site_title.to_string() } else { format!("{title} · {site_title}") };
        if out == &"index.html" {
            c.ok("pages", page.title() == *title || page.title() == expected, || {
                format!("{out}: <title> {:?}, expected {title:?}", page.title())
            });
        } else {
            c.eq("pages", &format!("{out}: <title>"), page.title(), expected);
        }
    }
}

/// The pages the sidebar lists, by section: `(section head, [(entry, target)])`, for a
/// sidebar of folder sections (`div.nav-section`).
fn sidebar_sections(page: &Page) -> Vec<(String, Vec<(String, String)>)> {
    page.sidebar()
        .find("div.nav-section")
        .iter()
        .map(|s| {
            let head = s.first("p.nav-head").and_then(|h| h.first("a")).map(|a| a.text()).unwrap_or_default();
            let entries = s
                .first("ul")
                .map(|ul| ul.find("a").iter().map(|a| (a.text(), page.resolve(a.attr("href").unwrap_or("")))).collect())
                .unwrap_or_default();
            (head, entries)
        })
        .collect()
}

// =======================================================================================
// Obsidian
// =======================================================================================

const OBSIDIAN_TITLE: &str = "Riverside Library staff wiki";

const OBSIDIAN_PAGES: &[(&str, &str)] = &[
    ("library-handbook.html", "Library handbook"),
    ("desk-guide.html", "Desk guide"),
    ("opening-hours.html", "Opening hours"),
    ("website-redesign.html", "Website redesign"),
    ("spaces/reading-room.html", "Reading room"),
    ("spaces/study-spaces.html", "Study spaces"),
    ("spaces/makerspace.html", "Makerspace"),
    ("spaces/quiet-rules.html", "Quiet rules"),
    ("projects/workshop-plan.html", "Makerspace"),
    ("projects/self-checkout.html", "Self-checkout kiosks"),
    ("meetings/meeting.html", "Meeting"),
    ("branches/north/meeting.html", "Meeting"),
    ("branches/north/staffing.html", "North branch staffing"),
    ("branches/east/notes.html", "Notes"),
    ("branches/west/notes.html", "Notes"),
    ("policies/lending-policy.html", "Lending policy"),
    ("policies/fines.html", "Fine calculation"),
    ("events/science-evening.html", "Science evening"),
    ("onboarding/1-intro.html", "1. Intro"),
    ("onboarding/2-setup.html", "2. Setup"),
    ("onboarding/10-appendix.html", "10. Appendix"),
];

#[test]
fn obsidian_diagnostics() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    c.eq(
        "W1-W7",
        "migration warnings",
        v.migration_warnings(),
        sorted(strings(&[
            "content/Desk guide.md:33:3: warning: link target `Does not exist` not found",
            "content/Desk guide.md:34:26: warning: no heading `Missing heading` in `Opening hours`",
            "content/Desk guide.md:35:31: warning: file `missing-image.png` not found in content/",
            "content/Meetings/Meeting.md:10:35: warning: link target `Notes` is ambiguous: it matches content/Branches/East/Notes.md, content/Branches/West/Notes.md",
            "content/Website redesign.md:3:1: warning: unknown front matter key `created`",
            "content/Website redesign.md:4:1: warning: unknown front matter key `modified`",
            "content/Events/Science evening.md:2:1: warning: unknown front matter key `created`",
        ])),
    );
    c.eq("editorial", "`note cites no source` count", v.warnings_with("note cites no source").len(), 21);
    let from_heading = ["Policies/Lending policy.md", "Events/Science evening.md"];
    let from_name = [
        "Spaces/Reading room.md",
        "Spaces/Makerspace.md",
        "Meetings/Meeting.md",
        "Branches/North/Meeting.md",
        "Branches/East/Notes.md",
        "Branches/West/Notes.md",
        "Onboarding/1. Intro.md",
        "Onboarding/2. Setup.md",
        "Onboarding/10. Appendix.md",
    ];
    let mut no_title: Vec<String> =
        from_heading.iter().map(|f| format!("content/{f}: from its first heading")).collect();
    no_title.extend(from_name.iter().map(|f| format!("content/{f}: from its file name")));
    let actual: Vec<String> = v
        .warnings_with("no `title` in front matter")
        .iter()
        .map(|l| {
            let file = l.split(": warning: ").next().unwrap();
            let how = l.rsplit_once("` ").map_or("", |(_, how)| how);
            format!("{file}: {how}")
        })
        .collect();
    c.eq("editorial", "`no title in front matter` warnings", sorted(actual), sorted(no_title));
    c.eq("editorial", "`orphan page`", v.warnings_with("orphan page"), vec![]);
    c.eq("editorial", "`page links to no other page`", v.warnings_with("links to no other page"), vec![]);
    c.eq("editorial", "case-only matches", v.warnings_with("only when case and accents"), vec![]);
    c.eq("O13/O14", "embed cycles", v.warnings_with("embed cycle"), vec![]);
    c.ok("missing.html", v.exists("missing.html"), || "missing.html not written".into());
    let check = v.site.check(&[]);
    c.eq("summary", "check exit code", check.code, 0);
    c.ok("summary", check.stderr.contains("checked 21 pages"), || {
        format!("check does not print `checked 21 pages`: {:?}", check.stderr.lines().last())
    });
    c.finish();
}

#[test]
fn obsidian_pages_and_other_output() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    check_titles(&mut c, &v, OBSIDIAN_TITLE, OBSIDIAN_PAGES);
    for absent in ["events/poetry-night.html", "policies/unpublished-review.html"] {
        c.ok("O42/O43", !v.exists(absent), || format!("{absent} was written"));
    }
    let assets: Vec<String> = v.files().into_iter().filter(|f| f.ends_with(".png")).collect();
    c.eq("summary", "assets copied", assets, strings(&["attachments/diagram.png", "attachments/floorplan.png"]));

    // The generated home page.
    let home = v.page("index.html");
    c.eq("home", "<h1>", home.h1s(), strings(&[OBSIDIAN_TITLE]));
    c.eq("home", "<title>", home.title(), OBSIDIAN_TITLE.to_string());
    let main = home.main();
    let targets: Vec<String> = home.links(&main).into_iter().map(|l| l.to).collect();
    for folder in ["branches", "events", "meetings", "onboarding", "policies", "projects", "spaces"] {
        let to = format!("{folder}/index.html");
        c.ok("home", targets.contains(&to), || format!("index.html main content does not link {to}"));
    }
    c.ok("home", targets.contains(&"pages.html".to_string()), || "index.html does not link pages.html".into());
    let headings: Vec<String> = main.find("h2").iter().map(|h| h.text()).collect();
    c.eq("home", "section headings", headings, strings(&["Folders", "Most linked", "Recently updated"]));

    // Folder pages.
    for folder in ["branches", "events", "meetings", "onboarding", "policies", "projects", "spaces"] {
        c.ok("folders", v.exists(&format!("{folder}/index.html")), || format!("{folder}/index.html missing"));
    }
    let root_notes: Vec<String> = v.page("pages.html").cards().into_iter().map(|(_, to)| to).collect();
    c.eq(
        "folders",
        "pages.html lists the root notes",
        sorted(root_notes),
        strings(&["desk-guide.html", "library-handbook.html", "opening-hours.html", "website-redesign.html"]),
    );
    let titles = |rel: &str| v.page(rel).cards().into_iter().map(|(t, _)| t).collect::<Vec<_>>();
    c.eq(
        "folders/O43",
        "policies/index.html",
        titles("policies/index.html"),
        strings(&["Fine calculation", "Lending policy"]),
    );
    c.eq("folders", "events/index.html", titles("events/index.html"), strings(&["Science evening"]));

    // Alias redirects (O35) and the alias that would overwrite a real page.
    for (from, to) in
        [("staff-handbook.html", "library-handbook.html"), ("spaces/study-areas.html", "spaces/study-spaces.html")]
    {
        if c.some("O35/aliases", &format!("redirect {from}"), v.exists(from).then_some(())).is_some() {
            let page = v.page(from);
            c.eq("O35/aliases", &format!("{from} redirects"), page.redirect(), Some(to.to_string()));
            c.eq("O35/aliases", &format!("{from} canonical"), page.canonical(), Some(to.to_string()));
        }
    }
    let reading = v.page("spaces/reading-room.html");
    c.eq("aliases", "spaces/reading-room.html is the real page", reading.redirect(), None);
    c.eq("aliases", "spaces/reading-room.html <h1>", reading.h1s(), strings(&["Reading room"]));

    // Tag pages.
    let tags: Vec<String> = v
        .files()
        .into_iter()
        .filter_map(|f| f.strip_prefix("tags/").and_then(|t| t.strip_suffix(".html")).map(String::from))
        .filter(|t| t != "index")
        .collect();
    c.eq(
        "tags",
        "tag pages",
        tags,
        strings(&[
            "branch",
            "desk",
            "events",
            "handbook",
            "hours",
            "loans",
            "makerspace",
            "meetings",
            "policy",
            "project",
            "science",
            "spaces",
            "staff",
            "website",
        ]),
    );
    c.eq(
        "tags/O40",
        "tags/meetings.html",
        v.page("tags/meetings.html").cards(),
        vec![("Meeting".into(), "meetings/meeting.html".into())],
    );
    c.eq(
        "tags/O34",
        "tags/handbook.html",
        sorted(titles("tags/handbook.html")),
        strings(&["Desk guide", "Library handbook"]),
    );

    // The missing-pages page lists every unresolved target, with the page that wants it.
    let missing = v.page("missing.html");
    let rows: Vec<(String, String)> = missing
        .find("tr")
        .iter()
        .filter_map(|tr| {
            let cells = tr.find("td");
            (cells.len() == 2)
                .then(|| (cells[0].text(), missing.links(&cells[1]).iter().map(|l| l.to.clone()).collect()))
        })
        .collect();
    c.eq(
        "missing.html",
        "rows (wanted, linked from)",
        rows,
        vec![
            ("Does not exist".into(), "desk-guide.html".into()),
            ("missing-image.png".into(), "desk-guide.html".into()),
            ("Notes".into(), "meetings/meeting.html".into()),
            ("Opening hours#Missing heading".into(), "desk-guide.html".into()),
        ],
    );
    let sidebar_links: Vec<String> = home.links(&home.sidebar()).into_iter().map(|l| l.to).collect();
    c.ok("missing.html", sidebar_links.contains(&"missing.html".to_string()), || {
        "the sidebar does not link missing.html".into()
    });
    c.finish();
}

#[test]
fn obsidian_block_ids() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let policy = v.page("policies/lending-policy.html");
    let body = policy.body();
    if let Some(p) = c.some("O1", "<p id=\"^loan-period\">", body.first("p#^loan-period")) {
        c.ok("O1", p.text().ends_with("reserved them."), || format!("paragraph text {:?}", p.text()));
    }
    // The paragraph is also the page's summary: the marker must be gone there too.
    let description = policy.description().unwrap_or_default();
    c.lacks("O1", "meta description of lending-policy.html", &description, "^loan-period");
    if let Some(li) = c.some("O2", "<li id=\"^fine-cap\">", body.first("li#^fine-cap")) {
        c.eq("O2", "item text", li.text(), "Fines stop growing at €10 per item.".into());
    }
    c.some("O3", "<table id=\"^fees-table\">", body.first("table#^fees-table"));
    c.some("O4", "<blockquote id=\"^motto\">", body.first("blockquote#^motto"));
    for p in body.find("p") {
        for marker in ["^loan-period", "^fine-cap", "^fees-table", "^motto"] {
            c.ok("O1-O4", !p.text().contains(marker), || {
                format!("paragraph with the marker {marker} as text: {:?}", p.text())
            });
        }
    }
    // O5: the block link on the same page.
    let motto = policy.links_named(&body, "motto");
    c.eq(
        "O5",
        "href of [[#^motto|motto]]",
        motto.iter().map(|l| l.href.as_str()).collect::<Vec<_>>(),
        vec!["#%5Emotto"],
    );
    // O6, O7.
    let desk = v.page("desk-guide.html");
    c.link("O6", &desk, "loan period", "policies/lending-policy.html#^loan-period");
    let fines = v.page("policies/fines.html");
    c.link("O7", &fines, "fine cap", "policies/lending-policy.html#^fine-cap");
    // O8: the table embed.
    let embeds = desk.body().find("div.embed");
    if let Some(embed) =
        c.some("O8", "embed of #^fees-table", with_link_to(&desk, &embeds, "policies/lending-policy.html#^fees-table"))
    {
        let headers: Vec<String> = embed.find("th").iter().map(|t| t.text()).collect();
        c.eq("O8", "header row", headers, strings(&["Item type", "Loan period", "Fee per day"]));
        let rows: Vec<String> = embed.find("tr").iter().filter_map(|tr| tr.first("td")).map(|td| td.text()).collect();
        c.eq("O8", "rows", rows, strings(&["Book", "DVD", "Board game"]));
        for other in ["Every reader", "Fines stop growing", "Books may be borrowed"] {
            c.lacks("O8", "the table embed", &embed_text(&embed), other);
        }
    }
    // O9: the list-item embed.
    if let Some(embed) =
        c.some("O9", "embed of #^fine-cap", with_link_to(&desk, &embeds, "policies/lending-policy.html#^fine-cap"))
    {
        c.eq("O9", "embed text", embed_text(&embed), "Fines stop growing at €10 per item.".into());
        // The item keeps a list around it: a bare <li> in a <div> is not HTML.
        let in_list = embed.find("ul").iter().any(|ul| ul.find("li").iter().any(|li| li.text().contains("Fines stop")));
        c.ok("O9", in_list, || "the embedded list item is not inside a <ul>".into());
    }
    c.finish();
}

#[test]
fn obsidian_headings_and_section_embeds() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let handbook = v.page("library-handbook.html");
    // O10, O11.
    c.link("O10", &handbook, "Opening hours › Summer › Saturday", "opening-hours.html#saturday");
    c.link("O11", &handbook, "Opening hours › Winter › Saturday", "opening-hours.html#saturday-2");
    // O12.
    let hours = v.page("opening-hours.html");
    let ids: Vec<String> = hours
        .body()
        .all()
        .iter()
        .filter(|e| e.name == "h2" || e.name == "h3")
        .filter_map(|h| h.attr("id").map(String::from))
        .collect();
    c.eq(
        "O12",
        "heading ids",
        ids,
        strings(&[
            "at-a-glance",
            "summer",
            "weekdays",
            "saturday",
            "winter",
            "weekdays-2",
            "saturday-2",
            "holiday-closures",
            "printable-version",
        ]),
    );
    // O13, O14: sections of the page itself.
    let embeds = hours.body().find("div.embed");
    if let Some(e) = c.some(
        "O13",
        "embed of #Holiday closures",
        with_link_to(&hours, &embeds, "opening-hours.html#holiday-closures"),
    ) {
        let text = embed_text(&e);
        c.contains("O13", "the embed", &text, "Closed on New Year's Day");
        c.contains("O13", "the embed", &text, "Closed from Christmas Eve");
    }
    if let Some(e) = c.some("O14", "embed of #Winter", with_link_to(&hours, &embeds, "opening-hours.html#winter")) {
        let text = embed_text(&e);
        for part in ["From September to May.", "nine in the evening", "ten to five"] {
            c.contains("O14", "the embed", &text, part);
        }
        c.lacks("O14", "the embed", &text, "Closed on New Year's Day");
    }
    // O57-O59: heading ids next to the theme's ids.
    let web = v.page("website-redesign.html");
    let all_ids = web.ids();
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<&String> = all_ids.iter().filter(|id| !seen.insert(id.as_str())).collect();
    c.eq("O57", "ids that occur twice in website-redesign.html", twice, vec![]);
    c.some("O57", "<main id=\"main\">", web.first("main#main"));
    c.some("O57", "<nav id=\"sidebar\">", web.first("nav#sidebar"));
    c.some("O57", "search box <input id=\"search-input\">", web.first("input#search-input"));
    c.some("O57", "search results <div id=\"search-results\">", web.first("div#search-results"));
    let skip = web.find("a.skip");
    c.eq("O57", "skip link", skip.iter().map(|a| a.attr("href").unwrap_or("")).collect::<Vec<_>>(), vec!["#main"]);
    let heading_ids: Vec<(String, String)> =
        web.body().find("h2").iter().map(|h| (h.heading_text(), h.attr("id").unwrap_or("").to_string())).collect();
    let expected: Vec<(String, String)> = [
        ("Main", "main-2"),
        ("Sidebar", "sidebar-2"),
        ("Search", "search"),
        ("Search results", "search-results-2"),
        ("Content", "content"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    c.eq("O57", "heading ids", heading_ids.clone(), expected);
    let id_of = |text: &str| heading_ids.iter().find(|(t, _)| t == text).map(|(_, id)| id.clone()).unwrap_or_default();
    let main = web.links_named(&web.body(), "Main");
    c.eq(
        "O58",
        "href of [[#Main]]",
        main.iter().map(|l| l.href.clone()).collect(),
        vec![format!("#{}", id_of("Main"))],
    );
    let search_results = format!("website-redesign.html#{}", id_of("Search results"));
    c.link("O59", &handbook, "Website redesign › Search results", &search_results);
    c.finish();
}

#[test]
fn obsidian_comments_never_reach_the_output() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let desk = v.page("desk-guide.html");
    let body = desk.body();
    let first = body.first("p").map(|p| p.text()).unwrap_or_default();
    let summary = "The desk guide covers the daily routine at the loans desk. Check the returns trolley every hour and empty it before closing.";
    c.eq("O15", "first paragraph", first, summary.to_string());
    c.eq("O15", "meta description", desk.description(), Some(summary.to_string()));
    for gone in ["SECRETCOMMENT", "ask Dana", "kept until the audit", "before deleting anything", "Old desk procedure"]
    {
        c.lacks("O15/O16", "desk-guide.html", &desk.html, gone);
    }
    c.eq("O16", "diagnostics naming Desk guide.md:28", v.warnings_with("Desk guide.md:28:"), vec![]);
    // O17: the escaped wikilink.
    let escaped = body.find("p").into_iter().find(|p| p.text().starts_with("To link to another note"));
    if let Some(p) = c.some("O17", "the paragraph of Desk guide.md:24", escaped) {
        c.eq(
            "O17",
            "its text",
            p.text(),
            "To link to another note, type [[Note name]] in the editor; the wiki turns it into a link.".into(),
        );
        c.eq("O17", "<a> in it", p.find("a").len(), 0);
    }
    c.eq("O17", "diagnostics naming Desk guide.md:24", v.warnings_with("Desk guide.md:24:"), vec![]);
    // The search index has no token from a comment or an unpublished page.
    let tokens = std::fs::read_to_string(v.out().join("search/t/0.js")).unwrap();
    for word in ["secretcomment", "dana", "audit", "poetry", "budget"] {
        c.lacks("O15/O16/O42/O43", "search/t/0.js tokens", &tokens, &format!("[\"{word}\","));
    }
    c.finish();
}

#[test]
fn obsidian_tables_and_link_forms() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let desk = v.page("desk-guide.html");
    // O18, O19: wikilinks with a pipe in table cells.
    let rows = desk.body().find("tr");
    let row = rows.iter().find(|r| r.text().starts_with("Renewals and reservations"));
    if let Some(row) = c.some("O18", "table row `Renewals and reservations`", row) {
        let cells = row.find("td");
        c.eq("O18", "cells in the row", cells.len(), 2);
        if let Some(cell) = cells.get(1) {
            let links: Vec<(String, String)> = desk.links(cell).into_iter().map(|l| (l.text, l.to)).collect();
            c.eq("O18", "second cell", links, vec![("loans".into(), "policies/lending-policy.html".into())]);
        }
    }
    c.link("O19", &desk, "fine calculation", "policies/fines.html");
    c.link("O20", &desk, "hours", "opening-hours.html");
    // O30, O31: Markdown links to files by name.
    let handbook = v.page("library-handbook.html");
    c.link("O30", &handbook, "the study spaces", "spaces/study-spaces.html");
    c.lacks("O30", "library-handbook.html", &handbook.html, "](Study spaces.md)");
    c.link("O31", &handbook, "quiet rules", "spaces/quiet-rules.html");
    // O32, O33: attachments.
    let kiosk = v.page("projects/self-checkout.html");
    let imgs = kiosk.body().find("img");
    c.eq(
        "O32",
        "images (src, alt)",
        imgs.iter()
            .map(|i| (kiosk.resolve(i.attr("src").unwrap_or("")), i.attr("alt").map(String::from)))
            .collect::<Vec<_>>(),
        vec![("attachments/diagram.png".to_string(), Some(String::new()))],
    );
    let reading = v.page("spaces/reading-room.html");
    let imgs = reading.body().find("img");
    c.eq(
        "O33",
        "images (src, width)",
        imgs.iter()
            .map(|i| (reading.resolve(i.attr("src").unwrap_or("")), i.attr("width").map(String::from)))
            .collect::<Vec<_>>(),
        vec![("attachments/floorplan.png".to_string(), Some("400".to_string()))],
    );
    // O60: broken links are never links.
    let items = desk.body().find("li");
    let still: Vec<&El> = items
        .iter()
        .filter(|li| {
            li.text().contains("lost-property")
                || li.text().contains("Holiday staffing")
                || li.text().contains("photo of the desk")
        })
        .collect();
    c.eq("O60", "items of `Still to write`", still.len(), 3);
    for li in &still {
        c.ok("O60", li.find("a").is_empty() && li.find("img").is_empty(), || {
            format!("an <a> or <img> in {:?}", li.outer)
        });
        c.ok("O60", !li.find("span.unresolved").is_empty(), || {
            format!("no <span class=\"unresolved\"> in {:?}", li.outer)
        });
    }
    // Each rendered `<span class="unresolved" title="WHY">text</span>`.
    let spans: Vec<(String, String)> = desk
        .body()
        .find("span.unresolved")
        .iter()
        .map(|s| (s.text(), s.attr("title").unwrap_or("").to_string()))
        .collect();
    c.eq(
        "O60",
        "unresolved spans (text, title)",
        spans,
        vec![
            ("Does not exist".into(), "link target `Does not exist` not found".into()),
            ("Opening hours › Missing heading".into(), "no heading `Missing heading` in `Opening hours`".into()),
            ("missing-image.png".into(), "file `missing-image.png` not found in content/".into()),
        ],
    );
    c.finish();
}

#[test]
fn obsidian_name_resolution() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let handbook = v.page("library-handbook.html");
    // O21: from the root, the shortest path.
    let meetings: Vec<String> = handbook.links_named(&handbook.body(), "Meeting").into_iter().map(|l| l.to).collect();
    c.eq(
        "O21",
        "both [[Meeting]] in library-handbook.html",
        meetings,
        strings(&["meetings/meeting.html", "meetings/meeting.html"]),
    );
    let science = v.page("events/science-evening.html");
    c.link("O22", &science, "Meeting", "meetings/meeting.html");
    let staffing = v.page("branches/north/staffing.html");
    c.link("O23", &staffing, "Meeting", "branches/north/meeting.html");
    // O24: ambiguous.
    let meeting = v.page("meetings/meeting.html");
    let body = meeting.body();
    let to_notes: Vec<Link> = meeting
        .links(&body)
        .into_iter()
        .filter(|l| l.to.starts_with("branches/east/") || l.to.starts_with("branches/west/"))
        .collect();
    c.eq("O24", "links to either Notes page", to_notes, vec![]);
    let unresolved: Vec<String> = body.find("span.unresolved").iter().map(|s| s.text()).collect();
    c.eq("O24", "unresolved spans", unresolved, strings(&["Notes"]));
    // O25.
    c.link("O25", &handbook, "East branch", "branches/east/notes.html");
    c.link("O25", &handbook, "West branch", "branches/west/notes.html");
    // O26: the file name wins over an alias.
    let study = v.page("spaces/study-spaces.html");
    c.link("O26", &handbook, "Reading room", "spaces/reading-room.html");
    c.link("O26", &study, "Reading room", "spaces/reading-room.html");
    // O27: the file name wins over a title, even from the page with that title.
    for page in
        ["library-handbook.html", "spaces/reading-room.html", "spaces/study-spaces.html", "projects/workshop-plan.html"]
    {
        let p = v.page(page);
        c.link("O27", &p, "Makerspace", "spaces/makerspace.html");
    }
    // O28, O29.
    let east = v.page("branches/east/notes.html");
    c.link("O28", &east, "Staff handbook", "library-handbook.html");
    let west = v.page("branches/west/notes.html");
    c.link("O29", &west, "North staffing note", "branches/north/staffing.html");
    c.finish();
}

#[test]
fn obsidian_front_matter() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let handbook = v.page("library-handbook.html");
    // O34.
    c.eq(
        "O34",
        "tags of library-handbook.html",
        handbook.tags(),
        vec![("#handbook".into(), "tags/handbook.html".into())],
    );
    // O36.
    let article = handbook.first("article");
    c.ok("O36", article.as_ref().is_some_and(|a| a.has_class("wide")), || {
        format!("<article> classes {:?}", article.as_ref().map(|a| a.classes()))
    });
    // O37: one <h1>, the body heading dropped, its id on the page's <h1>.
    c.eq("O37", "<h1>s", handbook.h1s(), strings(&["Library handbook"]));
    c.eq(
        "O37",
        "<h1> id",
        handbook.first("h1").and_then(|h| h.attr("id").map(String::from)),
        Some("library-handbook".into()),
    );
    // O38.
    for page in ["policies/lending-policy.html", "events/science-evening.html"] {
        c.eq("O38", &format!("<h1>s of {page}"), v.page(page).h1s().len(), 1);
    }
    // O39, O44: built (the diagnostics test pins that nothing names them).
    c.ok("O39", v.exists("meetings/meeting.html"), || "meetings/meeting.html not built".into());
    c.ok("O44", v.exists("policies/lending-policy.html"), || "policies/lending-policy.html not built".into());
    // O40, O41.
    c.eq(
        "O40",
        "tags of meetings/meeting.html",
        v.page("meetings/meeting.html").tags(),
        vec![("#meetings".into(), "tags/meetings.html".into()), ("#staff".into(), "tags/staff.html".into())],
    );
    c.ok("O40", v.exists("tags/meetings.html") && v.exists("tags/staff.html"), || {
        "tags/meetings.html or tags/staff.html missing".into()
    });
    c.eq(
        "O41",
        "tags of events/science-evening.html",
        v.page("events/science-evening.html").tags(),
        vec![("#events".into(), "tags/events.html".into()), ("#science".into(), "tags/science.html".into())],
    );
    // O43: not in the sidebar, the graph or any backlink.
    for page in ["library-handbook.html", "policies/fines.html"] {
        let p = v.page(page);
        let targets: Vec<String> = p.links(&p.sidebar()).into_iter().map(|l| l.to).collect();
        c.ok("O43", !targets.iter().any(|t| t.contains("unpublished") || t.contains("poetry")), || {
            format!("sidebar of {page}: {targets:?}")
        });
    }
    let graph = std::fs::read_to_string(v.out().join("graph.json")).unwrap();
    c.lacks("O42/O43", "graph.json", &graph, "unpublished-review");
    c.lacks("O42/O43", "graph.json", &graph, "poetry-night");
    if let Some(backlinks) = handbook.first("section.backlinks") {
        let from: Vec<String> = handbook.links(&backlinks).into_iter().map(|l| l.to).collect();
        c.ok("O43", !from.iter().any(|t| t.contains("unpublished") || t.contains("poetry")), || {
            format!("backlinks of the handbook: {from:?}")
        });
    }
    // O55: no front matter.
    let north = v.page("branches/north/meeting.html");
    c.eq("O55", "<h1>", north.h1s(), strings(&["Meeting"]));
    c.eq(
        "O55",
        "meta description",
        north.description(),
        Some("North branch staff meet on the first Monday of the month in the community room.".into()),
    );
    // O56: natural sort.
    let onboarding = ["1. Intro", "2. Setup", "10. Appendix"];
    let sections = sidebar_sections(&handbook);
    let section = sections.iter().find(|(head, _)| head == "Onboarding");
    if let Some((_, entries)) = c.some("O56", "sidebar section Onboarding", section) {
        c.eq("O56", "sidebar order", entries.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), onboarding.to_vec());
    }
    let cards: Vec<String> = v.page("onboarding/index.html").cards().into_iter().map(|(t, _)| t).collect();
    c.eq("O56", "onboarding/index.html order", cards, strings(&onboarding));
    c.finish();
}

#[test]
fn obsidian_maths_and_diagrams() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let fines = v.page("policies/fines.html");
    let body = fines.body();
    // O46.
    let inline: Vec<String> =
        body.find("span.math.math-inline").iter().map(|m| m.attr("data-tex").unwrap_or("").to_string()).collect();
    c.eq("O46", "inline maths (data-tex)", inline, strings(&["n", "r", "g", "F_{\\max} = 10"]));
    // O47, O48.
    let display = body.find("span.math.math-display");
    c.eq("O47/O48", "display maths", display.len(), 2);
    let tex = |i: usize| display.get(i).and_then(|m| m.attr("data-tex")).unwrap_or("").to_string();
    c.eq(
        "O47",
        "first display (data-tex)",
        tex(0),
        source_lines("obsidian", "Policies/Fines.md", 8, 9).trim().to_string(),
    );
    c.eq(
        "O48",
        "second display (data-tex)",
        tex(1),
        source_lines("obsidian", "Policies/Fines.md", 15, 18).trim().to_string(),
    );
    c.ok("O48", tex(1).contains("\\\\"), || "`\\\\` is not two backslashes".into());
    if let Some(m) = display.get(1) {
        c.contains("O48", "the raw attribute", m.outer, "&amp;");
    }
    for m in &display {
        let parent = body.find("p.math-block").into_iter().any(|p| p.outer.contains(m.outer));
        c.ok("O47/O48", parent, || "display maths not inside <p class=\"math-block\">".into());
    }
    for tag in ["<ul", "<li", "<em", "<h1", "<h2", "<h3", "<h4"] {
        c.lacks("O47", "the body of fines.html", body.inner, tag);
    }
    // O49.
    let last = body.find("p").into_iter().find(|p| p.text().contains("Printer tokens"));
    if let Some(p) = c.some("O49", "the paragraph of Fines.md:21", last) {
        c.contains(
            "O49",
            "its text",
            &p.text(),
            "Printer tokens cost $1 each and $5 for a card of six; those are prices, not maths.",
        );
    }
    // O50.
    let science = v.page("events/science-evening.html");
    let sbody = science.body();
    let inline: Vec<String> =
        sbody.find("span.math").iter().map(|m| m.attr("data-tex").unwrap_or("").to_string()).collect();
    c.eq("O50", "maths in science-evening.html (data-tex)", inline, strings(&["E = mc^2"]));
    c.eq("O50", "inline class", sbody.find("span.math.math-inline").len(), 1);
    c.contains("O50", "its text", &sbody.text(), "the experiment kit costs $5 per child and $12 per family.");
    // O51: the diagram.
    let web = v.page("website-redesign.html");
    let pres = web.body().find("pre.mermaid");
    c.eq("O51", "<pre class=\"mermaid\">", pres.len(), 1);
    if let Some(pre) = pres.first() {
        c.eq("O51", "child elements", pre.all().len(), 0);
        c.eq(
            "O51",
            "its text",
            pre.raw_text().trim_end().to_string(),
            source_lines("obsidian", "Website redesign.md", 11, 14),
        );
        c.contains("O51", "the raw text", pre.inner, "--&gt;");
    }
    // Only a page with a diagram loads the diagram scripts.
    for file in v.html_files() {
        let scripts = v.page(&file).scripts();
        let loads = scripts.contains(&"assets/mermaid.min.js".to_string());
        let loads2 = scripts.contains(&"assets/diagrams.js".to_string());
        let wants = file == "website-redesign.html";
        c.ok("O51", loads == wants && loads2 == wants, || format!("{file}: scripts {scripts:?}"));
    }
    c.ok("O51", v.exists("assets/mermaid.min.js"), || "assets/mermaid.min.js not written".into());
    c.finish();
}

#[test]
fn obsidian_callouts() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    let handbook = v.page("library-handbook.html");
    let body = handbook.body();
    // O52.
    if let Some(tip) = c.some("O52", "div.callout.callout-tip", body.first("div.callout.callout-tip")) {
        if let Some(title) = c.some("O52", "its .callout-title", tip.first(".callout-title")) {
            c.contains("O52", "the title", title.inner, "Read <strong>this</strong> and ");
            let links: Vec<(String, String)> = handbook.links(&title).into_iter().map(|l| (l.text, l.to)).collect();
            c.eq("O52", "links in the title", links, vec![("Desk guide".into(), "desk-guide.html".into())]);
        }
        c.contains("O52", "the body", &tip.text(), "New colleagues shadow");
    }
    c.eq("O52", "<details> for the tip", body.find("details.callout-tip").len(), 0);
    // O53.
    if let Some(note) = c.some("O53", "details.callout.callout-note", body.first("details.callout.callout-note")) {
        c.ok("O53", !note.has_attr("open"), || "the note callout is open".into());
        let summary = note.first("summary.callout-title").map(|s| s.text());
        c.eq("O53", "summary", summary, Some("Closed by default".into()));
        c.contains("O53", "its paragraph", &note.text(), "The staff room code changes every term.");
        let items = note.first("ul").map(|ul| ul.find("li").len());
        c.eq("O53", "items of its <ul>", items, Some(2));
    }
    // O54.
    if let Some(warning) =
        c.some("O54", "details.callout.callout-warning", body.first("details.callout.callout-warning"))
    {
        c.ok("O54", warning.has_attr("open"), || "the warning callout is not open".into());
        let summary = warning.first("summary.callout-title").map(|s| s.text());
        c.eq("O54", "summary", summary, Some("Open by default".into()));
        if let Some(info) = c.some("O54", "callout callout-info inside it", warning.first(".callout.callout-info")) {
            c.eq("O54", "info title", info.first(".callout-title").map(|t| t.text()), Some("Fire drill".into()));
            let links: Vec<String> = handbook.links(&info).into_iter().map(|l| l.to).collect();
            c.eq("O54", "info link", links, strings(&["meetings/meeting.html"]));
        }
    }
    c.finish();
}

#[test]
fn obsidian_must_not_appear() {
    let v = build("obsidian");
    let mut c = Checks::new(&v);
    must_not_appear(
        &mut c,
        &v,
        &[
            "SECRETCOMMENT",
            "Old desk procedure",
            "%%",
            "Poetry night (planning)",
            "Planning notes for the poetry night",
            "Budget cuts under review",
            "close the West branch",
            "$$",
            "[!tip]",
            "[!note]",
            "[!warning]",
            "[!info]",
            "**this**",
            "](Study spaces.md)",
            "Quiet%20rules",
        ],
        false,
        &[],
    );
    // `[[`, `]]`: only the escaped literal of O17, on its page and in its search document.
    // The print view holds the desk guide's text too.
    let allowed = [("desk-guide.html", "[[Note name]]"), ("print.html", "[[Note name]]")];
    must_not_appear(&mut c, &v, &["[[", "]]"], false, &allowed);
    // Block-id markers: never as text (ids and hrefs may hold them).
    must_not_appear(&mut c, &v, &["^loan-period", "^fine-cap", "^fees-table", "^motto"], true, &[]);
    c.finish();
}

// =======================================================================================
// Quartz
// =======================================================================================

const QUARTZ_TITLE: &str = "De Wilde Peen";

#[test]
fn quartz_diagnostics_and_pages() {
    let v = build("quartz");
    let mut c = Checks::new(&v);
    c.eq("diagnostics", "migration warnings", v.migration_warnings(), vec![]);
    let cites: Vec<String> = v
        .warnings_with("note cites no source")
        .iter()
        .map(|l| l.split(": warning").next().unwrap().to_string())
        .collect();
    c.eq(
        "editorial",
        "`note cites no source`",
        cites,
        sorted(strings(&[
            "content/Gereedschap.md",
            "content/Plantjesmarkt.md",
            "content/moestuin/bonen.md",
            "content/moestuin/compost.md",
            "content/moestuin/tomaten.md",
            "content/moestuin/zaaikalender.md",
            "content/vereniging/bestuur.md",
            "content/vereniging/huisregels.md",
            "content/vereniging/index.md",
            "content/vereniging/ledenvergadering.md",
        ])),
    );
    for kind in ["no `title` in front matter", "orphan page", "links to no other page", "only when case and accents"] {
        c.eq("editorial", kind, v.warnings_with(kind), vec![]);
    }
    c.ok("missing.html", v.exists("missing.html"), || "missing.html not written".into());
    let check = v.site.check(&[]);
    c.ok("summary", check.code == 0 && check.stderr.contains("checked 11 pages"), || {
        format!("check: exit {} {:?}", check.code, check.stderr.lines().last())
    });
    check_titles(
        &mut c,
        &v,
        QUARTZ_TITLE,
        &[
            ("index.html", "Welkom bij De Wilde Peen"),
            ("plantjesmarkt.html", "Plantjesmarkt"),
            ("gereedschap.html", "Gereedschap"),
            ("vereniging/index.html", "De vereniging"),
            ("vereniging/bestuur.html", "Bestuur"),
            ("vereniging/huisregels.html", "Huisregels"),
            ("vereniging/ledenvergadering.html", "Ledenvergadering"),
            ("moestuin/tomaten.html", "Tomaten"),
            ("moestuin/compost.html", "Compost"),
            ("moestuin/bonen.html", "Bonen"),
            ("moestuin/zaaikalender.html", "Zaaikalender"),
        ],
    );
    c.eq(
        "Q1",
        "<title> of index.html",
        v.page("index.html").title(),
        "Welkom bij De Wilde Peen · De Wilde Peen".into(),
    );
    c.ok("Q25", !v.exists("wachtlijst.html"), || "wachtlijst.html written".into());
    c.eq(
        "summary",
        "assets",
        v.files()
            .into_iter()
            .filter(|f| {
                !f.ends_with(".html")
                    && !f.ends_with(".js")
                    && !f.ends_with(".json")
                    && !f.starts_with("assets/")
                    && !f.starts_with('.')
                    && f != "robots.txt"
                    && f != "feed.xml"
            })
            .collect::<Vec<_>>(),
        vec![],
    );
    // moestuin/index.html.
    let moestuin = v.page("moestuin/index.html");
    c.eq("Q11", "moestuin/index.html <h1>", moestuin.h1s(), strings(&["Moestuin"]));
    c.eq(
        "Q11",
        "moestuin/index.html lists",
        moestuin.cards().into_iter().map(|(t, _)| t).collect::<Vec<_>>(),
        strings(&["Bonen", "Compost", "Tomaten", "Zaaikalender"]),
    );
    // Redirects (Q5, Q7, Q9).
    for (from, to, id) in [
        ("welkom.html", "index.html", "Q7"),
        ("oud/huisregels.html", "vereniging/huisregels.html", "Q9"),
        ("start.html", "index.html", "Q5"),
        ("home.html", "index.html", "Q5"),
        ("schuur.html", "gereedschap.html", "Q19"),
    ] {
        if !v.exists(from) {
            c.ok(id, false, || format!("redirect {from} not written"));
            continue;
        }
        let page = v.page(from);
        c.eq(id, &format!("{from} redirects"), page.redirect(), Some(to.to_string()));
        c.eq(id, &format!("{from} canonical"), page.canonical(), Some(to.to_string()));
    }
    c.eq("Q9", "vereniging/huisregels.html is the page", v.page("vereniging/huisregels.html").redirect(), None);
    // Tag pages.
    let tags: Vec<String> = v
        .files()
        .into_iter()
        .filter_map(|f| f.strip_prefix("tags/").and_then(|t| t.strip_suffix(".html")).map(String::from))
        .filter(|t| t != "index" && t != "oogst")
        .collect();
    c.eq(
        "tags",
        "tag pages",
        tags,
        strings(&["biologisch", "evenement", "moestuin", "regels", "vereniging", "welkom"]),
    );
    c.ok("tags", v.exists("tags/index.html"), || "tags/index.html missing".into());
    for (tag, pages) in [
        ("biologisch", &["Compost", "Tomaten"][..]),
        ("evenement", &["Plantjesmarkt"][..]),
        ("moestuin", &["Bonen", "Compost", "Tomaten", "Zaaikalender"][..]),
        ("regels", &["Huisregels"][..]),
        ("vereniging", &["Bestuur", "Gereedschap", "Huisregels", "Ledenvergadering", "Welkom bij De Wilde Peen"][..]),
        ("welkom", &["Welkom bij De Wilde Peen"][..]),
    ] {
        let rel = format!("tags/{tag}.html");
        if v.exists(&rel) {
            let listed: Vec<String> = v.page(&rel).cards().into_iter().map(|(t, _)| t).collect();
            c.eq("tags/Q21/Q22", &rel, sorted(listed), strings(pages));
        }
    }
    c.finish();
}

#[test]
fn quartz_front_matter() {
    let v = build("quartz");
    let mut c = Checks::new(&v);
    let home = v.page("index.html");
    c.eq(
        "Q2",
        "tags of index.html",
        home.tags(),
        vec![("#vereniging".into(), "tags/vereniging.html".into()), ("#welkom".into(), "tags/welkom.html".into())],
    );
    let description = "Het tuinwiki van volkstuinvereniging De Wilde Peen.";
    c.eq("Q6", "meta description", home.description(), Some(description.into()));
    c.eq("Q6", "summary line", home.first("p.summary").map(|p| p.text()), Some(description.into()));
    c.eq("Q8", "<nav class=\"toc\"> in index.html", home.find("nav.toc").len(), 0);
    c.ok("Q8", home.body().find("h2").len() == 2, || "index.html does not have two <h2>".into());
    // Q22, Q21.
    c.eq(
        "Q22",
        "tags of gereedschap.html",
        v.page("gereedschap.html").tags(),
        vec![("#vereniging".into(), "tags/vereniging.html".into())],
    );
    c.eq(
        "Q21",
        "tags of moestuin/tomaten.html",
        v.page("moestuin/tomaten.html").tags(),
        vec![("#moestuin".into(), "tags/moestuin.html".into()), ("#biologisch".into(), "tags/biologisch.html".into())],
    );
    c.eq(
        "Q23",
        "meta description of tomaten",
        v.page("moestuin/tomaten.html").description(),
        Some("Tomaten kweken zonder kas.".into()),
    );
    c.finish();

    // Q8's control: without `enableToc: false` the home page has its table of contents.
    let site = fixture("vaults/quartz");
    let index = std::fs::read_to_string(site.path("content/index.md")).unwrap();
    site.write("content/index.md", &index.replace("enableToc: false\n", ""));
    assert_eq!(site.build().code, 0);
    let home = Page { path: "index.html".into(), html: site.output("index.html") };
    assert_eq!(home.find("nav.toc").len(), 1, "Q8 control: no table of contents without enableToc: false");
}

#[test]
fn quartz_links() {
    let v = build("quartz");
    let mut c = Checks::new(&v);
    let home = v.page("index.html");
    let links = |page: &Page| page.links(&page.body()).into_iter().map(|l| (l.text, l.to)).collect::<Vec<_>>();
    let pair = |t: &str, to: &str| (t.to_string(), to.to_string());
    // Q10, Q11, Q13, Q19, Q20 on the home page, in order.
    c.eq(
        "Q10/Q11/Q13/Q19/Q20",
        "links of index.html",
        links(&home),
        vec![
            pair("vereniging", "vereniging/index.html"),
            pair("huisregels", "vereniging/huisregels.html"),
            pair("moestuin/", "moestuin/index.html"),
            pair("#biologisch", "tags/biologisch.html"),
            pair("ledenvergadering", "vereniging/ledenvergadering.html"),
            pair("Plantjesmarkt", "plantjesmarkt.html"),
            pair("schuur", "gereedschap.html"),
        ],
    );
    c.eq(
        "Q10/Q18",
        "links of plantjesmarkt.html",
        links(&v.page("plantjesmarkt.html")),
        vec![pair("vereniging", "vereniging/index.html"), pair("Home", "index.html")],
    );
    c.eq(
        "Q12",
        "links of moestuin/zaaikalender.html",
        links(&v.page("moestuin/zaaikalender.html")),
        vec![pair("moestuin/", "moestuin/index.html"), pair("tomaten", "moestuin/tomaten.html")],
    );
    c.eq(
        "Q14/Q15",
        "links of moestuin/tomaten.html",
        links(&v.page("moestuin/tomaten.html")),
        vec![
            pair("zaaikalender", "moestuin/zaaikalender.html"),
            pair("startpagina", "index.html"),
            pair("tags/moestuin", "tags/moestuin.html"),
        ],
    );
    c.eq(
        "Q16/Q19",
        "links of moestuin/bonen.html",
        links(&v.page("moestuin/bonen.html")),
        vec![
            pair("schuur", "gereedschap.html"),
            pair("zaaikalender", "moestuin/zaaikalender.html"),
            pair("index", "index.html"),
        ],
    );
    c.eq(
        "Q17",
        "links of vereniging/bestuur.html",
        links(&v.page("vereniging/bestuur.html")),
        vec![pair("de vereniging", "vereniging/index.html")],
    );
    for page in ["vereniging/index.html", "vereniging/ledenvergadering.html", "gereedschap.html"] {
        let p = v.page(page);
        c.link("Q20", &p, "huisregels", "vereniging/huisregels.html");
    }
    c.finish();
}

#[test]
fn quartz_must_not_appear() {
    let v = build("quartz");
    let mut c = Checks::new(&v);
    must_not_appear(
        &mut c,
        &v,
        &[
            "Wachtlijst nieuwe leden",
            "namen van wachtenden",
            "[[",
            "]]",
            "##welkom",
            "##biologisch",
            "##regels",
            "##vereniging",
        ],
        false,
        &[],
    );
    c.ok("diagrams", !v.exists("assets/mermaid.min.js"), || "assets/mermaid.min.js written without a diagram".into());
    c.finish();
}

// =======================================================================================
// Docusaurus
// =======================================================================================

const DOCUSAURUS_TITLE: &str = "Harbour Office IT handbook";

#[test]
fn docusaurus_diagnostics_and_pages() {
    let v = build("docusaurus");
    let mut c = Checks::new(&v);
    c.eq(
        "D14/D15",
        "migration warnings",
        v.migration_warnings(),
        strings(&[
            "content/getting-started/email.md:16:151: warning: empty link `(#)` leads nowhere but this page",
            "content/getting-started/email.md:16:99: warning: empty link `()` leads nowhere but this page",
        ]),
    );
    c.eq("editorial", "`note cites no source` count", v.warnings_with("note cites no source").len(), 11);
    c.eq(
        "editorial/D30",
        "`no title in front matter`",
        v.warnings_with("no `title` in front matter"),
        strings(&[
            "content/intro.md: warning: no `title` in front matter; titled `Welcome to IT` from its first heading",
            "content/printing/badge-release.md: warning: no `title` in front matter; titled `Badge release` from its first heading",
        ]),
    );
    for kind in ["orphan page", "links to no other page", "only when case and accents"] {
        c.eq("editorial", kind, v.warnings_with(kind), vec![]);
    }
    c.ok("missing.html", v.exists("missing.html"), || "missing.html not written".into());
    let check = v.site.check(&[]);
    c.ok("summary", check.code == 0 && check.stderr.contains("checked 11 pages"), || {
        format!("check: exit {} {:?}", check.code, check.stderr.lines().last())
    });
    check_titles(
        &mut c,
        &v,
        DOCUSAURUS_TITLE,
        &[
            ("intro.html", "Welcome to IT"),
            ("faq.html", "Frequently asked questions"),
            ("getting-started/workstation.html", "Setting up your workstation"),
            ("getting-started/accounts.html", "Accounts and multi-factor authentication"),
            ("getting-started/email.html", "Email and calendar"),
            ("printing/index.html", "Printing"),
            ("printing/drivers.html", "Printer drivers"),
            ("printing/badge-release.html", "Badge release"),
            ("network/wifi.html", "Guest Wi-Fi"),
            ("vpn.html", "VPN setup"),
            ("network/troubleshooting.html", "Troubleshooting"),
            ("index.html", DOCUSAURUS_TITLE),
        ],
    );
    for moved in ["network/wifi-guest.html", "network/vpn-setup.html"] {
        c.ok("D27", !v.exists(moved) || v.page(moved).redirect().is_some(), || format!("a full page at {moved}"));
    }
    c.ok("D28", !v.exists("getting-started/accounts-and-mfa.html") && !v.exists("accounts-and-mfa.html"), || {
        "a page for `id: accounts-and-mfa`".into()
    });
    c.eq(
        "D29",
        "_category_.json in the output",
        v.files().into_iter().filter(|f| f.contains("_category_")).collect::<Vec<_>>(),
        vec![],
    );
    // Generated folder pages from _category_.json.
    let first_day = v.page("getting-started/index.html");
    c.eq("D29", "getting-started/index.html <h1>", first_day.h1s(), strings(&["First day"]));
    c.eq(
        "D29",
        "getting-started/index.html intro",
        first_day.first("p.summary").map(|p| p.text()),
        Some("Everything you need on your first day.".into()),
    );
    c.eq(
        "D29",
        "getting-started/index.html entries",
        first_day.cards().into_iter().map(|(_, to)| to).collect::<Vec<_>>(),
        strings(&["getting-started/workstation.html", "getting-started/accounts.html", "getting-started/email.html"]),
    );
    let network = v.page("network/index.html");
    c.eq("D29", "network/index.html <h1>", network.h1s(), strings(&["Network and VPN"]));
    c.eq(
        "D29",
        "network/index.html entries",
        network.cards().into_iter().map(|(t, _)| t).collect::<Vec<_>>(),
        strings(&["Guest Wi-Fi", "VPN setup", "Troubleshooting"]),
    );
    c.finish();
}

#[test]
fn docusaurus_sidebar() {
    let v = build("docusaurus");
    let mut c = Checks::new(&v);
    let pair = |t: &str, to: &str| (t.to_string(), to.to_string());
    let expected = vec![
        (
            "First day".to_string(),
            vec![
                pair("Your workstation", "getting-started/workstation.html"),
                pair("Accounts & MFA", "getting-started/accounts.html"),
                pair("Email and calendar", "getting-started/email.html"),
            ],
        ),
        (
            "Printing".to_string(),
            vec![
                pair("Printer drivers", "printing/drivers.html"),
                pair("Badge release", "printing/badge-release.html"),
            ],
        ),
        (
            "Network and VPN".to_string(),
            vec![
                pair("Guest Wi-Fi", "network/wifi.html"),
                pair("VPN setup", "vpn.html"),
                pair("Troubleshooting", "network/troubleshooting.html"),
            ],
        ),
    ];
    let folders = ["First day", "Printing", "Network and VPN"];
    let mut folder_sections = OnEveryPage::new(expected);
    let mut root_entries = OnEveryPage::new(vec![pair("Welcome to IT", "intro.html"), pair("FAQ", "faq.html")]);
    for file in v.html_files() {
        let page = v.page(&file);
        if page.first("nav#sidebar").is_none() {
            continue;
        }
        let sections = sidebar_sections(&page);
        let (folder, root): (Vec<_>, Vec<_>) =
            sections.into_iter().partition(|(head, _)| folders.contains(&head.as_str()));
        folder_sections.check(&file, folder);
        root_entries.check(&file, root.into_iter().flat_map(|(_, e)| e).collect());
    }
    let pages = folder_sections.pages;
    c.ok("sidebar", pages >= 11, || format!("only {pages} pages have a sidebar"));
    folder_sections.report(&mut c, "D24/D25/D29", "sidebar folder sections");
    root_entries.report(&mut c, "D24/D25", "sidebar root entries");
    c.contains("D25", "the sidebar's HTML", v.page("intro.html").sidebar().inner, ">Accounts &amp; MFA</a>");
    c.finish();
}

#[test]
fn docusaurus_links() {
    let v = build("docusaurus");
    let mut c = Checks::new(&v);
    let work = v.page("getting-started/workstation.html");
    c.link("D1", &work, "set up your accounts", "getting-started/accounts.html");
    let accounts = v.page("getting-started/accounts.html");
    c.link("D2", &accounts, "workstation", "getting-started/workstation.html");
    let faq = v.page("faq.html");
    c.link("D3", &faq, "badge release", "printing/badge-release.html");
    c.link("D4", &work, "printing guide", "printing/index.html");
    c.link("D5", &work, "network pages", "network/index.html");
    c.link("D6", &work, "email", "getting-started/email.html");
    c.link("D7", &work, "VPN", "vpn.html");
    c.link("D7", &faq, "VPN", "vpn.html");
    let trouble = v.page("network/troubleshooting.html");
    c.link("D8", &trouble, "guest Wi-Fi", "network/wifi.html");
    c.link("D9", &trouble, "VPN guide", "vpn.html");
    let wifi = v.page("network/wifi.html");
    c.link("D9", &wifi, "VPN", "vpn.html");
    let vpn = v.page("vpn.html");
    let app = vpn.links_named(&vpn.body(), "authenticator app");
    c.eq(
        "D10",
        "authenticator app (href, target)",
        app.iter().map(|l| (l.href.clone(), l.to.clone())).collect::<Vec<_>>(),
        vec![(
            "getting-started/accounts.html#authenticator-app".into(),
            "getting-started/accounts.html#authenticator-app".into(),
        )],
    );
    c.link("D11", &vpn, "troubleshooting", "network/troubleshooting.html#no-network");
    // D12-D15 on the email page.
    let email = v.page("getting-started/email.html");
    let href = |text: &str| email.links_named(&email.body(), text).iter().map(|l| l.href.clone()).collect::<Vec<_>>();
    c.eq("D12", "href of shared mailboxes", href("shared mailboxes"), strings(&["#shared-mailboxes"]));
    c.eq("D13", "href of signatures", href("signatures"), strings(&["#signatures"]));
    c.eq("D14", "href of ticket form", href("ticket form"), strings(&[""]));
    c.eq("D15", "href of TODO", href("TODO"), strings(&["#"]));
    c.contains("D14", "email.html", &email.html, "<a href=\"\">ticket form</a>");
    c.contains("D15", "email.html", &email.html, "<a href=\"#\">TODO</a>");
    // The heading ids the links use.
    for (page, ids) in [
        ("getting-started/workstation.html", &["security-check", "next-steps"][..]),
        ("getting-started/accounts.html", &["authenticator-app", "lost-phone"][..]),
        ("getting-started/email.html", &["shared-mailboxes", "signatures"][..]),
        ("network/troubleshooting.html", &["no-network", "printer-offline"][..]),
    ] {
        let have: Vec<String> =
            v.page(page).body().find("h2").iter().filter_map(|h| h.attr("id").map(String::from)).collect();
        c.eq("heading ids", page, have, strings(ids));
    }
    c.finish();
}

#[test]
fn docusaurus_mdx_and_admonitions() {
    let v = build("docusaurus");
    let mut c = Checks::new(&v);
    // D16.
    let email = v.page("getting-started/email.html");
    let details = email.body().find("details");
    c.eq("D16", "<details> elements", details.len(), 1);
    if let Some(d) = details.first() {
        c.eq(
            "D16",
            "summary",
            d.first("summary").map(|s| s.text()),
            Some("Why does the mail client ask for my password every morning?".into()),
        );
        let p = d.first("p");
        c.ok("D16", p.as_ref().is_some_and(|p| p.inner.contains("<em>Stay signed in</em>")), || {
            format!("paragraph in <details>: {p:?}")
        });
        let links: Vec<String> = email.links(d).into_iter().map(|l| l.to).collect();
        c.eq("D16", "links in <details>", links, strings(&["getting-started/accounts.html#authenticator-app"]));
    }
    c.lacks("D16", "email.html text", &email.body().text(), "</details>");
    // D17, D18.
    let drivers = v.page("printing/drivers.html");
    for gone in ["import", "@theme/Tabs", "@theme/TabItem", "TabItem"] {
        c.lacks("D17/D18", "printing/drivers.html text", &drivers.body().text(), gone);
    }
    for tag in ["<tabs", "<Tabs", "<tabitem", "<TabItem"] {
        c.lacks("D18", "printing/drivers.html", &drivers.html, tag);
    }
    let body = drivers.body().inner;
    let first = body.find("<strong>Settings</strong>");
    let second = body.find("<strong>System Settings</strong>");
    c.ok("D18", matches!((first, second), (Some(a), Some(b)) if a < b), || {
        format!("Settings at {first:?}, System Settings at {second:?}")
    });
    c.contains("D18", "printing/drivers.html", body, "<code>\\\\print01\\office</code>");
    // D19-D23.
    let callout = |page: &str, kind: &str| {
        let p = v.page(page);
        let found = p.body().first(&format!("div.callout.callout-{kind}")).map(|e| {
            let title = e.first(".callout-title").map(|t| t.text()).unwrap_or_default();
            let links: Vec<String> = p.links(&e).into_iter().map(|l| l.to).collect();
            (title, e.text(), links)
        });
        found
    };
    if let Some((title, _, links)) = c.some("D19", "callout-note in intro.html", callout("intro.html", "note")) {
        c.eq("D19", "title", title, "Note".into());
        c.eq("D19", "links", links, strings(&["faq.html"]));
    }
    if let Some((title, _, _)) =
        c.some("D20", "callout-tip in workstation.html", callout("getting-started/workstation.html", "tip"))
    {
        c.eq("D20", "title", title, "Ask for a second screen".into());
    }
    if let Some((title, text, _)) =
        c.some("D21", "callout-warning in accounts.html", callout("getting-started/accounts.html", "warning"))
    {
        c.eq("D21", "title", title, "Warning".into());
        c.eq("D21", "text", text, "Warning Never approve a sign-in request you did not start yourself.".into());
    }
    if let Some((title, _, links)) =
        c.some("D22", "callout-danger in email.html", callout("getting-started/email.html", "danger"))
    {
        c.eq("D22", "title", title, "Danger".into());
        c.eq("D22", "links", links, strings(&["getting-started/workstation.html#security-check"]));
    }
    if let Some((title, _, _)) =
        c.some("D23", "callout-info in troubleshooting.html", callout("network/troubleshooting.html", "info"))
    {
        c.eq("D23", "title", title, "Before you call the desk".into());
    }
    // D26.
    for (page, text) in [
        ("intro.html", "What this handbook covers and who keeps it up to date."),
        ("getting-started/workstation.html", "Unpack, sign in and pass the security check."),
        ("printing/index.html", "The printers on each floor and how to release a job."),
        ("vpn.html", "Connect to the office network from home."),
    ] {
        c.eq("D26", &format!("meta description of {page}"), v.page(page).description(), Some(text.into()));
    }
    // D30.
    for page in ["intro.html", "printing/badge-release.html"] {
        c.eq("D30", &format!("<h1>s of {page}"), v.page(page).h1s().len(), 1);
    }
    c.finish();
}

#[test]
fn docusaurus_must_not_appear() {
    let v = build("docusaurus");
    let mut c = Checks::new(&v);
    must_not_appear(
        &mut c,
        &v,
        &[
            ":::",
            "@theme/Tabs",
            "@theme/TabItem",
            "TabItem",
            "<tabs",
            "<Tabs",
            "_category_",
            "generated-index",
            "&lt;details&gt;",
            "&lt;/details&gt;",
        ],
        false,
        &[],
    );
    c.ok("diagrams", !v.exists("assets/mermaid.min.js"), || "assets/mermaid.min.js written without a diagram".into());
    c.finish();
}

// =======================================================================================
// mdBook
// =======================================================================================

const MDBOOK_TITLE: &str = "Kiosk handbook";

#[test]
fn mdbook_diagnostics_and_pages() {
    let v = build("mdbook");
    let mut c = Checks::new(&v);
    c.eq("M2", "migration warnings", v.migration_warnings(), vec![]);
    let chapters = [
        ("README.md", "index.html", "Kiosk handbook"),
        ("install.md", "install.html", "Installing the kiosk"),
        ("config/README.md", "config/index.html", "Configuration"),
        ("config/network.md", "config/network.html", "Network settings"),
        ("config/printer.md", "config/printer.html", "Receipt printer"),
        ("operation.md", "operation.html", "Daily operation"),
        ("operation/troubleshooting.md", "operation/troubleshooting.html", "Troubleshooting"),
        ("reference/cli.md", "reference/cli.html", "Command line"),
        ("reference/exit-codes.md", "reference/exit-codes.html", "Exit codes"),
        ("architecture.md", "architecture.html", "Architecture"),
        ("changelog.md", "changelog.html", "Changelog"),
    ];
    let cites: Vec<String> = v
        .warnings_with("note cites no source")
        .iter()
        .map(|l| l.split(": warning").next().unwrap().to_string())
        .collect();
    let expected: Vec<String> =
        chapters.iter().filter(|(s, _, _)| *s != "README.md").map(|(s, _, _)| format!("content/{s}")).collect();
    c.eq("editorial", "`note cites no source`", cites, sorted(expected));
    let no_title: Vec<String> = chapters
        .iter()
        .map(|(s, _, t)| {
            format!("content/{s}: warning: no `title` in front matter; titled `{t}` from its first heading")
        })
        .collect();
    c.eq(
        "editorial/M19",
        "`no title in front matter`",
        v.warnings_with("no `title` in front matter"),
        sorted(no_title),
    );
    for kind in ["orphan page", "links to no other page", "only when case and accents"] {
        c.eq("editorial", kind, v.warnings_with(kind), vec![]);
    }
    c.ok("missing.html", v.exists("missing.html"), || "missing.html not written".into());
    let check = v.site.check(&[]);
    c.ok("summary", check.code == 0 && check.stderr.contains("checked 11 pages"), || {
        format!("check: exit {} {:?}", check.code, check.stderr.lines().last())
    });
    let pages: Vec<(&str, &str)> = chapters.iter().map(|(_, o, t)| (*o, *t)).collect();
    check_titles(&mut c, &v, MDBOOK_TITLE, &pages);
    for absent in ["summary.html", "readme.html", "config/readme.html", "later.html"] {
        c.ok("M1/M3/M4", !v.exists(absent), || format!("{absent} written"));
    }
    // M1: SUMMARY.md is no page in any list, search or graph.
    let graph = std::fs::read_to_string(v.out().join("graph.json")).unwrap().to_lowercase();
    c.lacks("M1", "graph.json", &graph, "summary");
    for file in v.scannable() {
        if let Some(url) = &file.url {
            c.ok("M1", !url.contains("summary"), || format!("search document {url}"));
        }
    }
    for file in v.html_files() {
        let page = v.page(&file);
        c.ok("M1", !page.title().starts_with("Summary"), || format!("{file}: <title> {}", page.title()));
        for link in page.links(&El { name: "html", attrs: vec![], outer: &page.html, inner: &page.html, start: 0 }) {
            c.ok("M1", link.text != "Summary", || format!("{file}: a link titled Summary → {}", link.to));
            c.ok("must not appear", !link.href.to_lowercase().contains("readme.html"), || {
                format!("{file}: href {}", link.href)
            });
        }
    }
    c.finish();
}

#[test]
fn mdbook_sidebar_follows_summary() {
    let v = build("mdbook");
    let mut c = Checks::new(&v);
    // (kind, text, target, depth): kind is `link`, `part`, `draft` or `rule`.
    let expected: Vec<(&str, &str, &str, usize)> = vec![
        ("link", "Introduction", "index.html", 1),
        ("part", "User guide", "", 0),
        ("link", "Installing the kiosk", "install.html", 1),
        ("link", "Configuration", "config/index.html", 1),
        ("link", "Network settings", "config/network.html", 2),
        ("link", "Receipt printer", "config/printer.html", 2),
        ("link", "Daily operation", "operation.html", 1),
        ("link", "Troubleshooting", "operation/troubleshooting.html", 2),
        ("draft", "Later", "", 1),
        ("part", "Reference", "", 0),
        ("link", "Command line", "reference/cli.html", 1),
        ("link", "Exit codes", "reference/exit-codes.html", 2),
        ("link", "Architecture", "architecture.html", 1),
        ("rule", "", "", 0),
        ("link", "Changelog", "changelog.html", 1),
    ];
    let expected: Vec<(String, String, String, usize)> =
        expected.into_iter().map(|(k, t, to, d)| (k.to_string(), t.to_string(), to.to_string(), d)).collect();
    let no_rule: Vec<_> = expected.iter().filter(|e| e.0 != "rule").cloned().collect();
    let mut outlines = OnEveryPage::new(no_rule);
    let mut with_rule = OnEveryPage::new(expected);
    let mut not_nested = OnEveryPage::new(Vec::<String>::new());
    for file in v.html_files() {
        let page = v.page(&file);
        if page.first("nav#sidebar").is_none() {
            continue;
        }
        let sidebar = page.sidebar();
        let outline = sidebar.first(".nav-outline");
        let Some(outline) = c.some("sidebar", &format!("{file}: the SUMMARY.md outline in the sidebar"), outline)
        else {
            continue;
        };
        let all = outline.all();
        let uls: Vec<&El> = all.iter().filter(|e| e.name == "ul").collect();
        let depth = |e: &El| uls.iter().filter(|u| u.start < e.start && e.start < u.start + u.outer.len()).count();
        let inside = |e: &El, outer: &El| outer.start < e.start && e.start < outer.start + outer.outer.len();
        // A part title or a draft chapter: an element with text, no link in it and not
        // in a link, not inside another such element; a draft when it is in a list item.
        let is_label = |e: &El| {
            !matches!(e.name, "a" | "ul" | "ol" | "li" | "hr")
                && !e.text().is_empty()
                && e.find("a").is_empty()
                && !all.iter().any(|a| a.name == "a" && inside(e, a))
        };
        let labels: Vec<&El> = all.iter().filter(|e| is_label(e)).collect();
        let mut entries = Vec::new();
        for e in &all {
            let entry = if e.name == "a" {
                Some(("link", e.text(), page.resolve(e.attr("href").unwrap_or(""))))
            } else if e.name == "hr" {
                Some(("rule", String::new(), String::new()))
            } else if is_label(e) && !labels.iter().any(|l| inside(e, l)) {
                let in_item = all.iter().any(|li| li.name == "li" && inside(e, li));
                Some((if in_item { "draft" } else { "part" }, e.text(), String::new()))
            } else {
                None
            };
            if let Some((kind, text, to)) = entry {
                let d = if kind == "part" || kind == "rule" { 0 } else { depth(e) };
                entries.push((kind.to_string(), text, to, d));
            }
        }
        let entries_no_rule: Vec<_> = entries.iter().filter(|e| e.0 != "rule").cloned().collect();
        outlines.check(&file, entries_no_rule);
        if entries.iter().any(|e| e.0 == "rule") {
            with_rule.check(&file, entries);
        }
        let mut missing = Vec::new();
        // Sub-chapters nested in their parent's entry.
        for (parent, child) in [
            ("Configuration", "Network settings"),
            ("Configuration", "Receipt printer"),
            ("Daily operation", "Troubleshooting"),
            ("Command line", "Exit codes"),
        ] {
            let li = outline.find("li").into_iter().find(|li| li.first("a").is_some_and(|a| a.text() == parent));
            let nested = li
                .as_ref()
                .is_some_and(|li| li.find("ul").iter().any(|ul| ul.find("a").iter().any(|a| a.text() == child)));
            if !nested {
                missing.push(format!("{child} in {parent}"));
            }
        }
        not_nested.check(&file, missing);
    }
    let pages = outlines.pages;
    c.ok("sidebar", pages >= 11, || format!("only {pages} pages have a sidebar"));
    outlines.report(&mut c, "sidebar", "the outline (kind, text, target, list depth)");
    with_rule.report(&mut c, "sidebar", "the outline with the separator");
    not_nested.report(&mut c, "sidebar", "sub-chapters not nested in their parent's entry");
    c.finish();
}

#[test]
fn mdbook_links_and_code() {
    let v = build("mdbook");
    let mut c = Checks::new(&v);
    let pair = |t: &str, to: &str| (t.to_string(), to.to_string());
    let links = |rel: &str| {
        let p = v.page(rel);
        p.links(&p.body()).into_iter().map(|l| (l.text, l.to)).collect::<Vec<_>>()
    };
    c.eq(
        "M13",
        "links of index.html",
        links("index.html"),
        vec![pair("Installing the kiosk", "install.html"), pair("architecture", "architecture.html")],
    );
    c.eq("M5", "links of install.html", links("install.html"), vec![pair("configuration", "config/index.html")]);
    c.eq(
        "M8/M13",
        "links of config/index.html",
        links("config/index.html"),
        vec![
            pair("Network settings", "config/network.html"),
            pair("Receipt printer", "config/printer.html"),
            pair("installing", "install.html#install"),
        ],
    );
    c.eq(
        "M9",
        "links of config/network.html",
        links("config/network.html"),
        vec![pair("receipt width", "config/printer.html#receipt-width-mm")],
    );
    c.eq(
        "M6/M13",
        "links of config/printer.html",
        links("config/printer.html"),
        vec![pair("command line", "reference/cli.html"), pair("configuration overview", "config/index.html")],
    );
    c.eq(
        "M13",
        "links of operation.html",
        links("operation.html"),
        vec![pair("Troubleshooting", "operation/troubleshooting.html")],
    );
    c.eq(
        "M7/M9/M11/M12",
        "links of operation/troubleshooting.html",
        links("operation/troubleshooting.html"),
        vec![
            pair("receipt width", "config/printer.html#receipt-width-mm"),
            pair("command line", "reference/cli.html#check"),
            pair("daily operation", "operation.html"),
            pair("start", "index.html"),
        ],
    );
    c.eq(
        "M13",
        "links of reference/cli.html",
        links("reference/cli.html"),
        vec![pair("Exit codes", "reference/exit-codes.html")],
    );
    c.eq(
        "M13",
        "links of reference/exit-codes.html",
        links("reference/exit-codes.html"),
        vec![pair("command line", "reference/cli.html")],
    );
    c.eq(
        "M5/M13",
        "links of architecture.html",
        links("architecture.html"),
        vec![pair("Configuration", "config/index.html"), pair("changelog", "changelog.html")],
    );
    c.eq(
        "M7/M13",
        "links of changelog.html",
        links("changelog.html"),
        vec![pair("Receipt printer", "config/printer.html"), pair("introduction", "index.html")],
    );
    // M10.
    let printer = v.page("config/printer.html");
    let h = printer.body().find("h2").into_iter().find(|h| h.attr("id") == Some("receipt-width-mm"));
    c.eq("M10", "<h2 id=\"receipt-width-mm\">", h.map(|h| h.heading_text()), Some("Receipt width".into()));
    c.lacks("M10", "config/printer.html", &printer.html, "{#");
    // M14.
    let operation = v.page("operation.html");
    let paragraphs: Vec<String> = operation.body().find("p").iter().map(|p| p.inner.to_string()).collect();
    c.ok("M14", paragraphs.contains(&"{{#include snippets/opening-checklist.md}}".to_string()), || {
        format!("paragraphs {paragraphs:?}")
    });
    // M15, M16.
    let config = v.page("config/index.html");
    let code = config.body().find("pre").iter().map(|p| p.raw_text()).collect::<Vec<_>>();
    c.eq("M15", "code blocks of config/index.html", code, strings(&["{{#include ../../listings/kiosk.toml}}\n"]));
    let arch = v.page("architecture.html");
    let pres = arch.body().find("pre");
    c.eq("M16", "code blocks of architecture.html", pres.len(), 2);
    if let Some(pre) = pres.get(1) {
        c.eq("M16", "second block text", pre.raw_text(), "{{#rustdoc_include ../listings/receipt.rs:render}}\n".into());
    }
    // M17.
    for pre in &pres {
        c.ok("M17", pre.is("pre.code") && pre.attr("data-lang") == Some("rust"), || {
            format!("{:?}", &pre.outer[..pre.outer.len().min(60)])
        });
        let spans = pre.find("span");
        c.ok("M17", !spans.is_empty() && spans.iter().all(|s| s.has_class("hl-rust")), || {
            "spans without hl-rust".into()
        });
    }
    if let Some(first) = pres.first() {
        let fns = first.find("span").into_iter().any(|s| s.has_class("hl-storage") && s.text() == "fn");
        c.ok("M17", fns, || "`fn` not in an hl-storage span".into());
        c.eq(
            "M17",
            "text of the first block",
            first.raw_text().trim_end().to_string(),
            source_lines("mdbook", "architecture.md", 6, 10),
        );
    }
    // M18.
    for (page, file, from, to) in
        [("install.html", "install.md", 14, 15), ("reference/cli.html", "reference/cli.md", 10, 12)]
    {
        let p = v.page(page);
        let pre = p.body().find("pre").into_iter().find(|p| p.attr("data-lang") == Some("console"));
        if let Some(pre) = c.some("M18", &format!("<pre data-lang=\"console\"> in {page}"), pre) {
            c.ok("M18", pre.is("pre.code"), || format!("{page}: class {:?}", pre.attr("class")));
            c.eq(
                "M18",
                &format!("{page}: console text"),
                pre.raw_text().trim_end().to_string(),
                source_lines("mdbook", file, from, to),
            );
        }
    }
    // M19, M20.
    for file in [
        "index.html",
        "install.html",
        "config/index.html",
        "operation.html",
        "changelog.html",
        "reference/exit-codes.html",
    ] {
        c.eq("M19", &format!("<h1>s of {file}"), v.page(file).h1s().len(), 1);
    }
    let ids: Vec<String> =
        v.page("changelog.html").body().find("h2").iter().filter_map(|h| h.attr("id").map(String::from)).collect();
    c.eq("M20", "changelog heading ids", ids, strings(&["2-1", "2-0"]));
    c.finish();
}

#[test]
fn mdbook_must_not_appear() {
    let v = build("mdbook");
    let mut c = Checks::new(&v);
    for file in v.html_files() {
        for pre in v.page(&file).find("pre") {
            c.ok("M17/must not appear", pre.attr("data-lang") != Some("rust,ignore"), || {
                format!("{file}: data-lang=\"rust,ignore\"")
            });
        }
    }
    must_not_appear(&mut c, &v, &["rust,ignore\"", "readme.html", "summary.html"], false, &[]);
    c.ok("diagrams", !v.exists("assets/mermaid.min.js"), || "assets/mermaid.min.js written without a diagram".into());
    c.finish();
}

// =======================================================================================
// The helpers themselves
// =======================================================================================

#[test]
fn the_scanner_reads_dossier_html() {
    assert_eq!(resolve("branches/north/staffing.html", "../../x/y.html#f"), "x/y.html#f");
    assert_eq!(resolve("policies/lending-policy.html", "#^motto"), "policies/lending-policy.html#^motto");
    assert_eq!(resolve("a/b.html", ""), "a/b.html");
    assert_eq!(resolve("a/b.html", "../network/"), "network/");
    assert_eq!(resolve("a/b.html", "../../up.html"), "../up.html");
    assert_eq!(resolve("index.html", "https://example.org/x"), "https://example.org/x");
    assert_eq!(decode("a &amp; b &#x2F; &#39;c&#x27; &lt;d&gt; &unknown; &"), "a & b / 'c' <d> &unknown; &");
    let html = "<div class=\"body x\"><p id=\"^p\">One <a href=\"..&#x2F;a.html\">A <em>b</em></a></p><br>\
                <div><div>nested</div></div><img src=\"i.png\" alt=\"\"><!-- <p>no</p> --></div><p>after</p>";
    let els = parse(html);
    let body = els.iter().find(|e| e.is("div.body.x")).unwrap();
    assert_eq!(body.find("p").len(), 1, "the comment and the outer <p> are not inside");
    assert_eq!(body.find("div").len(), 2);
    assert_eq!(body.first("p#^p").unwrap().text(), "One A b");
    assert_eq!(body.first("a").unwrap().attr("href"), Some("../a.html"));
    assert_eq!(body.first("img").unwrap().attr("alt"), Some(""));
    let page = Page { path: "x/y.html".into(), html: html.into() };
    assert_eq!(page.links(body), vec![Link { text: "A b".into(), href: "../a.html".into(), to: "a.html".into() }]);
    assert_eq!(els.last().unwrap().text(), "after");
}
