//! The reading view of a source's own text (`sources/<key>/text.html`): the letter in
//! its sections, each with an anchor, numbered paragraphs, footnotes, the quoted
//! passages highlighted, and beside each section the notes that cite it. Citations
//! link here: `§ Kop` to its section, a quotation to its passage.

use serde::Serialize;

use crate::model::letter::{Letter, Passage};
use crate::model::{reading_url, relative_url, CiteItem, Locator, Page, PageId, Site};
use crate::text::escape_html;

/// Where a citation item points in its source's text, if the source has one and the
/// item names a place in it: the passage it quotes, else the section it names. Returns
/// the link from `at` and the opening words of that place, for the preview.
pub fn target(site: &Site, at: &str, source: PageId, item: &CiteItem, quote: Option<&str>) -> Option<(String, String)> {
    let letter = site.letters.get(&source)?;
    let url = reading_url(&site.pages[source].url);
    if let Some(passage) = quote.and_then(|q| letter.find(q)) {
        let paragraph = &letter.sections[passage.section].paragraphs[passage.paragraph];
        let words = crate::text::truncate(&paragraph.text[passage.range.start..], 220);
        return Some((format!("{}#{}", relative_url(at, &url), passage.id(letter)), words));
    }
    let heading = match &item.locator {
        Some(Locator::Section(s)) => s,
        _ => return None,
    };
    let section = letter.section(heading)?;
    Some((format!("{}#{}", relative_url(at, &url), section.id), Letter::opening(section, 220)))
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    heading: Option<String>,
    paragraphs: Vec<ParagraphView>,
    cited_by: Vec<Citing>,
}

#[derive(Serialize)]
struct ParagraphView {
    number: usize,
    html: String,
}

#[derive(Serialize)]
struct Citing {
    title: String,
    url: String,
}

/// What the reading view's template gets: the letter, seen from its own path.
pub fn context(site: &Site, source: &Page, letter: &Letter) -> serde_json::Value {
    let at = reading_url(&source.url);
    let passages = passages(site, source.id, letter);
    let mut sections: Vec<SectionView> = letter
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| SectionView {
            id: section.id.clone(),
            heading: section.heading.clone(),
            paragraphs: section
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, paragraph)| {
                    let here: Vec<&Passage> = passages
                        .iter()
                        .map(|(passage, _)| passage)
                        .filter(|x| x.section == s && x.paragraph == p)
                        .collect();
                    ParagraphView {
                        number: paragraph.number,
                        html: paragraph_html(letter, &paragraph.text, &paragraph.notes, &here),
                    }
                })
                .collect(),
            cited_by: Vec::new(),
        })
        .collect();
    // Beside each section, the notes that cite it: by `§ Kop`, or by quoting from it.
    for used in &site.cited_by[source.id] {
        let page = &site.pages[used.page];
        let citation = &page.doc.citations[used.citation];
        let item = &citation.items[used.item];
        let section = match (&citation.quote, &item.locator) {
            (Some(q), _) if letter.find(q).is_some() => letter.find(q).map(|p| p.section),
            (_, Some(Locator::Section(h))) => {
                letter.section(h).and_then(|x| letter.sections.iter().position(|y| y.id == x.id))
            }
            _ => None,
        };
        let Some(s) = section else { continue };
        let url = format!("{}#{}-{}", relative_url(&at, &page.url), citation.anchor, used.item + 1);
        if !sections[s].cited_by.iter().any(|c| c.title == page.title) {
            sections[s].cited_by.push(Citing { title: page.title.clone(), url });
        }
    }
    serde_json::json!({
        "title": source.title,
        "source_url": relative_url(&at, &source.url),
        "key": source.key,
        "file": letter.file,
        "sections": sections,
        "footnotes": letter.footnotes.iter().map(|f| serde_json::json!({ "number": f.number, "text": f.text })).collect::<Vec<_>>(),
    })
}

/// The passages of `letter` that notes quote, each once (by where it starts).
fn passages(site: &Site, source: PageId, letter: &Letter) -> Vec<(Passage, String)> {
    let mut out: Vec<(Passage, String)> = Vec::new();
    for used in &site.cited_by[source] {
        let citation = &site.pages[used.page].doc.citations[used.citation];
        let Some(passage) = citation.quote.as_deref().and_then(|q| letter.find(q)) else { continue };
        let id = passage.id(letter);
        if !out.iter().any(|(_, i)| *i == id) {
            out.push((passage, id));
        }
    }
    out
}

/// A paragraph's text as HTML: footnote marks linked, quoted passages in `<mark>`. A
/// passage overlapping one already marked gets an empty anchor at its start instead
/// (marks cannot overlap), so every link to a passage lands.
fn paragraph_html(letter: &Letter, text: &str, notes: &[(usize, u32)], passages: &[&Passage]) -> String {
    let mut sorted: Vec<&Passage> = passages.to_vec();
    sorted.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    // (offset, order at that offset, html): closing marks first, then openings, then notes.
    let mut inserts: Vec<(usize, u8, String)> = Vec::new();
    let mut marked_until = 0;
    for p in sorted {
        let id = escape_html(&p.id(letter));
        if p.range.start >= marked_until {
            inserts.push((p.range.start, 1, format!("<mark id=\"{id}\">")));
            inserts.push((p.range.end, 0, "</mark>".into()));
            marked_until = p.range.end;
        } else {
            inserts.push((p.range.start, 2, format!("<span id=\"{id}\"></span>")));
        }
    }
    for &(at, n) in notes {
        inserts.push((at, 3, format!("<sup class=\"fn-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\">{n}</a></sup>")));
    }
    inserts.sort_by_key(|(at, order, _)| (*at, *order));
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for (at, _, html) in inserts {
        let at = at.min(text.len());
        if at < last || !text.is_char_boundary(at) {
            continue;
        }
        out.push_str(&escape_html(&text[last..at]));
        out.push_str(&html);
        last = at;
    }
    out.push_str(&escape_html(&text[last..]));
    out
}
