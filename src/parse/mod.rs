//! Parse: one loaded file → one [`Page`] (front matter, title, compiled body).
//!
//! Pages are parsed independently (in parallel); nothing here looks at other pages.

pub mod frontmatter;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod syntax;

use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::model::{Link, LinkKind, Page, PageKind, TitleFrom};
use crate::text::slugify;

/// The folder under `content/` whose pages are sources.
pub const SOURCES_DIR: &str = "sources/";

/// Parses one file. Front-matter errors still yield a page (with default front matter),
/// so links to it resolve and one bad file does not cascade into many errors.
pub fn page(file: SourceFile, raw_html: html::RawHtml, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let SourceFile { rel, text } = file;
    let path = PathBuf::from("content").join(&rel);
    let (meta, split) = match frontmatter::parse(&path, &text) {
        Ok(ok) => ok,
        Err(d) => {
            diagnostics.push(d);
            let split = frontmatter::split(&text).unwrap_or(frontmatter::Split { yaml: None, body: 0 });
            (Default::default(), split)
        }
    };
    diagnostics.extend(frontmatter::unknown_keys(&path, &text, split));
    let mut doc = markdown::compile(&text[split.body..], split.body, raw_html);
    // `related:` entries are links like any other (pointing into the front matter).
    doc.links.extend(related_links(&text, split, &meta));

    let stem = rel.rsplit('/').next().unwrap_or(&rel).trim_end_matches(".md").to_string();
    let (title, title_from) = if let Some(t) = meta.title.as_ref().filter(|t| !t.trim().is_empty()) {
        (t.trim().to_string(), TitleFrom::FrontMatter)
    } else if let Some(h) = doc.headings.iter().find(|h| h.level == 1) {
        (h.text.clone(), TitleFrom::Heading)
    } else {
        (stem.clone(), TitleFrom::FileName)
    };
    if title_from != TitleFrom::FrontMatter {
        let how = if title_from == TitleFrom::Heading { "its first heading" } else { "its file name" };
        diagnostics.push(
            Diagnostic::file(
                Severity::Warning,
                &path,
                format!("no `title` in front matter; titled `{title}` from {how}"),
            )
            .with_hint("add `title:` to the front matter"),
        );
    }
    let kind = if rel == "index.md" {
        PageKind::Home
    } else if rel.starts_with(SOURCES_DIR) && !rel.ends_with("/index.md") {
        PageKind::Source
    } else {
        PageKind::Note
    };
    let key = (kind == PageKind::Source).then(|| meta.id.clone().unwrap_or_else(|| stem.clone()));
    Page {
        id: 0,
        file: path,
        url: page_url(&rel),
        rel,
        stem,
        kind,
        text: text.into(),
        split,
        meta,
        title,
        title_from,
        key,
        doc: Arc::new(doc),
    }
}

/// The `related:` entries of the front matter as links, pointing at each entry.
fn related_links(text: &str, split: frontmatter::Split, meta: &frontmatter::FrontMatter) -> Vec<Link> {
    meta.related
        .iter()
        .map(|entry| {
            let (target, anchor) = match entry.split_once('#') {
                Some((t, a)) => (t.trim().to_string(), Some(a.trim().to_string())),
                None => (entry.trim().to_string(), None),
            };
            Link {
                kind: LinkKind::Related,
                target,
                anchor,
                label: None,
                title: None,
                offset: frontmatter::find_list_entry(text, split, "related", entry),
                block: None,
            }
        })
        .collect()
}

/// Output path of a page: folders and stem slugified, `.html`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(page_url("index.md"), "index.html");
        assert_eq!(page_url("Onderwerpen/Cruciale GGZ.md"), "onderwerpen/cruciale-ggz.html");
        assert_eq!(asset_url("img/Schema 1.PNG"), "img/schema-1.png");
        assert_eq!(asset_url(".."), "bestand");
    }
}
