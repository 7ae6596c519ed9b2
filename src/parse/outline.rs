//! Reads the files that order a folder of notes: mdBook's `SUMMARY.md` and Docusaurus's
//! `_category_.json` (see [`crate::model::outline`]).

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::model::outline::{Category, Outline, OutlineItem};

/// `SUMMARY.md`: its first `# heading` is the book's title (left out); later ones are
/// part titles; a link alone in a paragraph is a prefix or suffix chapter, a link in a
/// list item a numbered chapter at that depth; `---` a separator.
pub fn summary(file: SourceFile) -> Outline {
    let path = PathBuf::from("content").join(&file.rel);
    let text = file.text;
    let mut items = Vec::new();
    let mut headings = 0;
    let mut lists = 0usize;
    let mut heading: Option<String> = None;
    let mut link: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                headings += 1;
                if let Some(title) = heading.take().filter(|_| headings > 1) {
                    items.push(OutlineItem::Part(title.trim().to_string()));
                }
            }
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Rule => items.push(OutlineItem::Separator),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), range.start, String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((dest, offset, title)) = link.take() {
                    let target = Some(dest).filter(|d| !d.trim().is_empty());
                    let depth = lists.saturating_sub(1);
                    items.push(OutlineItem::Chapter {
                        title: title.trim().to_string(),
                        target,
                        depth,
                        offset,
                        page: None,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = link.as_mut() {
                    title.push_str(&t);
                } else if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    Outline { file: path, text: text.into(), items }
}

/// A `_category_.json`: `label`, `position` and `link.description`; other keys are
/// Docusaurus's own and left alone.
pub fn category(folder: &str, text: &str) -> Result<Category, Diagnostic> {
    let path = Path::new("content").join(folder).join("_category_.json");
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let offset = crate::diag::LineIndex::new(text).line_start(text, e.line());
        Diagnostic::at(
            Severity::Warning,
            &path,
            text,
            offset + e.column().saturating_sub(1),
            format!("not valid JSON: {e}"),
        )
    })?;
    let text_of = |v: &serde_json::Value| v.as_str().map(str::to_string);
    Ok(Category {
        label: value.get("label").and_then(text_of),
        position: value.get("position").and_then(serde_json::Value::as_f64),
        description: value
            .get("link")
            .and_then(|l| l.get("description"))
            .and_then(text_of)
            .or_else(|| value.get("description").and_then(text_of)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_items() {
        let text = "# Summary\n\n[Intro](README.md)\n\n# Guide\n\n- [A](a.md)\n    - [B](b/b.md)\n- [Later]()\n\n---\n\n[End](end.md)\n";
        let outline = summary(SourceFile { rel: "SUMMARY.md".into(), text: text.into() });
        let shown: Vec<String> = outline
            .items
            .iter()
            .map(|i| match i {
                OutlineItem::Part(t) => format!("part {t}"),
                OutlineItem::Chapter { title, target, depth, .. } => format!("{depth} {title} {target:?}"),
                OutlineItem::Separator => "---".into(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "0 Intro Some(\"README.md\")",
                "part Guide",
                "0 A Some(\"a.md\")",
                "1 B Some(\"b/b.md\")",
                "0 Later None",
                "---",
                "0 End Some(\"end.md\")"
            ]
        );
    }

    #[test]
    fn categories() {
        let c = category(
            "x",
            r#"{"label": "Eerste dag", "position": 2, "link": {"type": "generated-index", "description": "Alles."}}"#,
        )
        .unwrap();
        assert_eq!(
            c,
            Category { label: Some("Eerste dag".into()), position: Some(2.0), description: Some("Alles.".into()) }
        );
        assert!(category("x", "{kapot").is_err());
    }
}
