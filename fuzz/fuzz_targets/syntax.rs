//! The wikilink and citation scanner, and locator parsing, on arbitrary text: never a
//! panic, tokens in order, inside the text and on character boundaries.
#![no_main]

use dossier::parse::syntax::{scan, Locator, TokenKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut last = 0;
    for token in scan(text) {
        assert!(last <= token.start && token.start < token.end && token.end <= text.len());
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        last = token.end;
        if let TokenKind::Citation(cites) = token.kind {
            for cite in cites {
                assert!(!cite.key.is_empty());
                assert!(text[cite.key_offset..].starts_with('@'));
                if let Some(locator) = cite.locator {
                    // What the model stores is re-parsed by the locator checks.
                    let shown = locator.to_string();
                    let _ = Locator::parse(&shown).to_string();
                }
            }
        }
    }
    let _ = Locator::parse(text).to_string();
});
