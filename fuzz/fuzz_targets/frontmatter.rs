//! The front-matter splitter and parser on arbitrary text: never a panic, and every
//! diagnostic points inside the file.
#![no_main]

use std::path::Path;

use dossier::parse::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("content/a.md");
    if let Ok(split) = frontmatter::split(text) {
        assert!(split.body <= text.len() && text.is_char_boundary(split.body));
        if let Some((start, end)) = split.yaml {
            assert!(start <= end && end <= split.body);
        }
    }
    match frontmatter::parse(path, text) {
        Ok((meta, split)) => {
            for d in frontmatter::unknown_keys(path, text, split) {
                check(&d, text);
            }
            for entry in &meta.related {
                let at = frontmatter::find_list_entry(text, split, "related", entry);
                assert!(at <= text.len());
            }
        }
        Err(d) => check(&d, text),
    }
});

fn check(d: &dossier::diag::Diagnostic, text: &str) {
    let _ = d.render();
    if let Some(p) = d.position {
        assert!(p.line >= 1 && p.line <= text.lines().count().max(1) + 1, "{}", d.headline());
    }
}
