//! Themes: Tera templates, static files and UI strings.
//!
//! The default theme is compiled into the binary, so any site root builds without a
//! `themes/` folder. A site's `themes/<name>/` overrides it file by file: a template or
//! static file present there wins, the rest come from the built-in theme.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::Error;

/// The built-in theme's files: (path within the theme, contents).
const BUILTIN: &[(&str, &str)] = &[
    ("templates/base.html", include_str!("../../themes/default/templates/base.html")),
    ("templates/page.html", include_str!("../../themes/default/templates/page.html")),
    ("templates/source.html", include_str!("../../themes/default/templates/source.html")),
    ("templates/references.html", include_str!("../../themes/default/templates/references.html")),
    ("templates/list.html", include_str!("../../themes/default/templates/list.html")),
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("templates/timeline.html", include_str!("../../themes/default/templates/timeline.html")),
    ("templates/coverage.html", include_str!("../../themes/default/templates/coverage.html")),
    ("templates/graph.html", include_str!("../../themes/default/templates/graph.html")),
    ("templates/home.html", include_str!("../../themes/default/templates/home.html")),
    ("templates/missing.html", include_str!("../../themes/default/templates/missing.html")),
    ("templates/text.html", include_str!("../../themes/default/templates/text.html")),
    ("templates/commitments.html", include_str!("../../themes/default/templates/commitments.html")),
    ("templates/commitment_card.html", include_str!("../../themes/default/templates/commitment_card.html")),
    ("templates/commitment_list.html", include_str!("../../themes/default/templates/commitment_list.html")),
    ("templates/changes.html", include_str!("../../themes/default/templates/changes.html")),
    ("templates/meta.html", include_str!("../../themes/default/templates/meta.html")),
    ("templates/print.html", include_str!("../../themes/default/templates/print.html")),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
    ("static/favicon.svg", include_str!("../../themes/default/static/favicon.svg")),
    ("static/dossier.js", include_str!("../../themes/default/static/dossier.js")),
    ("static/graph.js", include_str!("../../themes/default/static/graph.js")),
    ("static/diagrams.js", include_str!("../../themes/default/static/diagrams.js")),
    ("static/search.js", include_str!("../../themes/default/static/search.js")),
    ("strings/nl.json", include_str!("../../themes/default/strings/nl.json")),
    ("strings/en.json", include_str!("../../themes/default/strings/en.json")),
];

/// Mermaid, for pages with a diagram: written to `assets/mermaid.min.js` only when a
/// page has one (3.5 MB; embedded gzipped, 1 MB). See `themes/default/vendor/README.md`.
pub fn mermaid() -> Vec<u8> {
    const GZ: &[u8] = include_bytes!("../../themes/default/vendor/mermaid-11.17.2.min.js.gz");
    let mut out = Vec::with_capacity(GZ.len() * 4);
    // Our own file, checked by a test: it always decompresses.
    let _ = std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(GZ), &mut out);
    out
}

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: Tera,
    /// Static files to copy to `assets/`: (file name, contents).
    pub statics: Vec<(String, Vec<u8>)>,
    /// UI strings for the site's language.
    pub strings: BTreeMap<String, String>,
}

impl Theme {
    /// Loads theme `name` for a site in `root`, in `language`.
    pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Error> {
        let dir = root.join("themes").join(name);
        if name != "default" && !dir.is_dir() {
            return Err(Error::msg(format!("theme `{name}` not found: no folder {}", dir.display())));
        }
        let mut files: BTreeMap<String, Vec<u8>> =
            BUILTIN.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::msg(format!("cannot read theme {}: {e}", dir.display())))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                files.insert(rel, bytes);
            }
        }

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut templates = Vec::new();
        for (path, bytes) in &files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.clone())
                    .map_err(|_| Error::msg(format!("template {name} in theme `{name}` is not UTF-8")))?;
                templates.push((name.to_string(), text));
            }
        }
        tera.add_raw_templates(templates).map_err(|e| Error::msg(format!("theme `{name}`: {}", tera_error(&e))))?;

        let strings_path = format!("strings/{language}.json");
        let strings_bytes =
            files.get(&strings_path).ok_or_else(|| Error::msg(format!("theme `{name}` has no {strings_path}")))?;
        let mut strings: BTreeMap<String, String> = serde_json::from_slice(strings_bytes)
            .map_err(|e| Error::msg(format!("theme `{name}`, {strings_path}: {e}")))?;
        // Missing strings fall back to the built-in Dutch ones, so a partial translation works.
        let fallback: BTreeMap<String, String> =
            serde_json::from_str(include_str!("../../themes/default/strings/nl.json")).unwrap_or_default();
        for (k, v) in fallback {
            strings.entry(k).or_insert(v);
        }

        tera.register_filter("human_date", date_filter(&strings));

        let statics =
            files.into_iter().filter_map(|(p, c)| p.strip_prefix("static/").map(|n| (n.to_string(), c))).collect();
        Ok(Theme { tera, statics, strings })
    }
}

/// The `human_date` filter: an EDTF date as a reader says it, in the site's language
/// (`2023-11/2023-12` → `november–december 2023`). Anything else passes unchanged.
fn date_filter(strings: &BTreeMap<String, String>) -> impl tera::Filter {
    let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
    // `months` starts with a placeholder so that month n is word n.
    let months: Vec<String> = get("months").split_whitespace().skip(1).map(str::to_string).collect();
    let (about, from, after, before) = (get("date_about"), get("date_from"), get("date_after"), get("date_before"));
    move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        let Some(text) = value.as_str() else { return Ok(value.clone()) };
        let Some(date) = crate::model::Date::parse(text) else { return Ok(value.clone()) };
        let months: Vec<&str> = months.iter().map(String::as_str).collect();
        let words = crate::model::DateWords { about: &about, from: &from, after: &after, before: &before };
        Ok(tera::Value::String(date.human(&months, &words)))
    }
}

/// A Tera error with its causes: they carry the template name and line.
pub fn tera_error(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_vendored_mermaid_decompresses() {
        let js = super::mermaid();
        assert!(js.len() > 3_000_000 && js.starts_with(b"\"use strict\""), "{} bytes", js.len());
    }
}
