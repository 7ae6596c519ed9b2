//! Link previews: for each page, the title, summary and first lines of every page its
//! links lead to, and the definition of every glossary term it marks, as one small JSON
//! object at the end of its body:
//!
//! ```html
//! <script type="application/json" id="dossier-previews">{"onderwerpen/iza.html":["Integraal Zorgakkoord","Het akkoord …","De eerste regels …"],"begrippen.html#iza":["IZA","Integraal Zorgakkoord","Akkoord voor vier jaar …"]}</script>
//! ```
//!
//! Keys are output paths from the site root, with `#anchor` for a link to a heading
//! (whose preview is that section); values are `[title, summary or null, first lines]`.
//! `dossier.js` shows them when a link is hovered or focused.
//!
//! In the page rather than in a data file: a page opened from disk (`file://`) cannot
//! fetch one. Each page holds only the targets it links to, each once, so a page grows
//! with its own links and never with the size of the site.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::exports::html_safe_json;
use super::sources::full_citation;
use crate::model::{BlockKind, GlossaryEntry, Page, PageId, PageKind, Site};
use crate::text::truncate;

/// Longest summary and first lines a preview shows, in characters.
const SUMMARY_CHARS: usize = 200;
const EXCERPT_CHARS: usize = 240;

/// The previews for `page`, which links to `linked` (page, anchor) and marks the
/// glossary terms `glossed`, as a `<script>` element; `None` when it links nowhere.
pub fn script(
    site: &Site,
    page: &Page,
    linked: &[(PageId, Option<String>)],
    glossed: &[&GlossaryEntry],
) -> Option<String> {
    let mut previews: BTreeMap<String, Value> = BTreeMap::new();
    for (to, anchor) in linked {
        let target = &site.pages[*to];
        if *to == page.id {
            continue;
        }
        // A block (`^id`) or the title previews as the page.
        let anchor =
            anchor.as_deref().filter(|a| !a.starts_with('^') && target.doc.title_heading.as_deref() != Some(*a));
        let key = match anchor {
            Some(a) => format!("{}#{a}", target.url),
            None => target.url.clone(),
        };
        previews.entry(key).or_insert_with(|| preview(target, anchor));
    }
    for entry in glossed {
        let target = &site.pages[entry.page];
        let key = match &entry.anchor {
            Some(a) => format!("{}#{a}", target.url),
            None => target.url.clone(),
        };
        let (_, definition) = excerpt(target, entry.anchor.as_deref());
        previews.insert(key, json!([entry.term, truncate(&entry.expansion, SUMMARY_CHARS), definition]));
    }
    if previews.is_empty() {
        return None;
    }
    let json = html_safe_json(&Value::Object(previews.into_iter().collect()));
    Some(format!("<script type=\"application/json\" id=\"dossier-previews\">{json}</script>\n"))
}

/// `[title, summary, first lines]` of `page`, or of its section `anchor`.
fn preview(page: &Page, anchor: Option<&str>) -> Value {
    let (heading, text) = excerpt(page, anchor);
    match heading {
        Some(h) => json!([format!("{} › {h}", page.title), Value::Null, text]),
        None => {
            let summary = super::own_summary(page);
            let summary = summary.or_else(|| (page.kind == PageKind::Source).then(|| full_citation(page)));
            json!([page.title, summary.map(|s| truncate(&s, SUMMARY_CHARS)), text])
        }
    }
}

/// The first lines of `page` (its text blocks, headings left out), or of the section
/// under heading `anchor` with that heading's text. A block id or an unknown anchor
/// gives the page's first lines.
fn excerpt<'p>(page: &'p Page, anchor: Option<&str>) -> (Option<&'p str>, String) {
    let doc = &page.doc;
    let section = anchor.and_then(|a| doc.headings.iter().position(|h| h.id == a)).and_then(|n| {
        // Every heading is a block, in order: heading n is the n-th heading block.
        let at = doc.blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Heading).nth(n)?.0;
        (doc.blocks[at].text == doc.headings[n].text).then_some((n, at + 1))
    });
    let (heading, start) = match section {
        Some((n, start)) => (Some(doc.headings[n].text.as_str()), start),
        None => (None, 0),
    };
    let mut text = String::new();
    for block in &doc.blocks[start.min(doc.blocks.len())..] {
        if block.kind == BlockKind::Heading {
            if heading.is_some() {
                break;
            }
            continue;
        }
        if block.text.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&block.text);
        if text.chars().count() > EXCERPT_CHARS {
            break;
        }
    }
    (heading, truncate(&tidy(&text), EXCERPT_CHARS))
}

/// Text without the space a left-out citation leaves before punctuation
/// (`Zie Alfa [@bron].` is `Zie Alfa .` in a block's text).
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek().is_some_and(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')')) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn tidy_drops_the_space_before_punctuation() {
        assert_eq!(super::tidy("Zie Alfa . En nog een , ja ; (x ) : nee"), "Zie Alfa. En nog een, ja; (x): nee");
    }
}
