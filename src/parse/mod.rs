//! Parse: one loaded file → one [`Page`] (front matter, title, compiled body).
//!
//! Pages are parsed independently (in parallel); nothing here looks at other pages.

pub mod frontmatter;
pub mod highlight;
pub mod html;
pub mod letter;
pub mod markdown;
pub mod outline;
pub mod syntax;

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::RawHtml;
use crate::diag::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::model::{page_url, FrontMatter, Link, LinkKind, Page, PageKind, TitleFrom};

/// The folder under `content/` whose pages are sources.
pub const SOURCES_DIR: &str = "sources/";

/// Parses one file. Front-matter errors still yield a page (with default front matter),
/// so links to it resolve and one bad file does not cascade into many errors.
pub fn page(file: SourceFile, raw_html: RawHtml, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let SourceFile { rel, text } = file;
    let path = PathBuf::from("content").join(&rel);
    let (meta, split) = match frontmatter::parse(&path, &text) {
        Ok(ok) => ok,
        Err(d) => {
            diagnostics.push(d);
            let split = frontmatter::split(&text).unwrap_or(crate::model::Split { yaml: None, body: 0 });
            (Default::default(), split)
        }
    };
    // A front matter that did not parse has no positions of its own; its keys are still worth a look.
    let unparsed;
    let positions = if meta.positions.keys.is_empty() {
        unparsed = frontmatter::positions(&text, split);
        &unparsed
    } else {
        &meta.positions
    };
    diagnostics.extend(frontmatter::unknown_keys(&path, &text, positions));
    let mut doc = markdown::compile(&text[split.body..], split.body, raw_html);
    // `related:` entries are links like any other (pointing into the front matter), and
    // so are a commitment's `topics:`.
    doc.links.extend(front_matter_links(&meta, "related", &meta.related, LinkKind::Related));
    if meta.kind.as_deref().and_then(crate::model::commitment::Kind::parse).is_some() {
        doc.links.extend(front_matter_links(&meta, "topics", &meta.topics, LinkKind::Topic));
    }

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
    drop_title_heading(&mut doc, &title);
    if !doc.warnings.is_empty() {
        let file = crate::diag::FileText::new(&text);
        for (at, message) in &doc.warnings {
            diagnostics.push(Diagnostic::in_file(Severity::Warning, &path, &file, *at, message.clone()));
        }
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
        url: meta.slug.as_deref().and_then(|slug| slug_url(&rel, slug)).unwrap_or_else(|| page_url(&rel)),
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

/// A body that opens with `# Title`, the page's own title, would show it twice: the
/// heading leaves the body, and its id goes to the page's title (links to it still work).
fn drop_title_heading(doc: &mut crate::model::Document, title: &str) {
    let Some(first) = doc.headings.first().filter(|h| h.level == 1) else { return };
    if crate::text::fold(first.text.trim()) != crate::text::fold(title.trim()) {
        return;
    }
    let mark = format!("{}{}0{}", crate::model::MARK, crate::model::placeholder::HEADING, crate::model::MARK);
    if !doc.html.trim_start().starts_with(&mark) {
        return;
    }
    let Some(end) = doc.html.find("</h1>").map(|e| e + "</h1>".len()) else { return };
    let end = if doc.html[end..].starts_with('\n') { end + 1 } else { end };
    doc.html.replace_range(..end, "");
    doc.title_heading = Some(first.id.clone());
}

/// The output path a `slug:` asks for (Docusaurus): `wifi` beside the file, `/vpn` from
/// the root, each part made a slug. `None` for a slug with nothing usable in it.
fn slug_url(rel: &str, slug: &str) -> Option<String> {
    let (base, slug) = match slug.trim().strip_prefix('/') {
        Some(absolute) => (String::new(), absolute),
        None => (rel.rsplit_once('/').map(|(f, _)| format!("{f}/")).unwrap_or_default(), slug.trim()),
    };
    let parts: Vec<String> =
        slug.trim_end_matches('/').split('/').map(crate::text::slugify).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let folder: String =
        base.split('/').filter(|p| !p.is_empty()).map(|p| format!("{}/", crate::text::slugify(p))).collect();
    Some(format!("{folder}{}.html", parts.join("/")))
}

/// The entries of a front-matter list of pages (`related:`, `topics:`) as links,
/// pointing at each entry. An entry may be written as a wikilink (`"[[Naam|label]]"`),
/// as Obsidian's properties do.
fn front_matter_links(meta: &FrontMatter, key: &str, entries: &[String], kind: LinkKind) -> Vec<Link> {
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let entry = entry.trim();
            let entry = match entry.strip_prefix("[[").and_then(|e| e.strip_suffix("]]")) {
                Some(inner) => inner.split_once('|').map_or(inner, |(name, _)| name),
                None => entry,
            };
            let (target, anchor) = match entry.split_once('#') {
                Some((t, a)) => (t.trim().to_string(), Some(a.trim().to_string())),
                None => (entry.trim().to_string(), None),
            };
            Link {
                kind,
                target,
                anchor,
                label: None,
                title: None,
                offset: meta.positions.item(key, i).unwrap_or(0),
                block: None,
            }
        })
        .collect()
}
