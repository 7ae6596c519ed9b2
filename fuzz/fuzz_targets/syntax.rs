//! The wikilink and citation scanner, and locator parsing, on arbitrary text: never a
//! panic, tokens in order, inside the text and on character boundaries.
#![no_main]

#[path = "../../tests/shared/fuzz.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::syntax(data));
