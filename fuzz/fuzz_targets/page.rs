//! A whole page through parse: load's reading (UTF-8 check, control characters), then
//! `parse::page` (front matter, Markdown compile with wikilinks, citations, callouts and
//! highlighting). Never a panic; every recorded offset lies inside the file. (The
//! `pipeline` target goes on through resolve and render, at a fraction of the speed.)
#![no_main]

use dossier::parse::html::RawHtml;
use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let (root, file) = scratch::scratch("page");
    std::fs::write(file, data).unwrap();
    let source = match dossier::load::read(root, "notes/fuzz.md".to_string(), file) {
        Ok(f) => f,
        Err(d) => {
            let _ = d.render();
            return;
        }
    };
    // The first input byte picks the raw-HTML mode, so all three get exercised.
    let mode = match data.first().map(|b| b % 3) {
        Some(1) => RawHtml::Allow,
        Some(2) => RawHtml::Escape,
        _ => RawHtml::Sanitize,
    };
    let len = source.text.len();
    let mut diagnostics = Vec::new();
    let page = dossier::parse::page(source, mode, &mut diagnostics);
    for d in &diagnostics {
        let _ = d.render();
    }
    assert!(page.split.body <= len);
    for link in &page.doc.links {
        assert!(link.offset <= len, "link offset {} past {len}", link.offset);
        assert!(link.block.is_none_or(|b| b < page.doc.blocks.len()));
    }
    for citation in &page.doc.citations {
        assert!(citation.offset <= len && citation.block < page.doc.blocks.len());
        for item in &citation.items {
            assert!(item.offset <= len, "{item:?}");
        }
    }
    // The placeholder mark never comes from the text itself.
    let marks = page.doc.html.matches('\u{1A}').count();
    assert!(marks % 2 == 0, "unbalanced placeholders");
});
