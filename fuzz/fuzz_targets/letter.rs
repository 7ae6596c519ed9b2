//! A letter's own text through the reading-view parser: never a panic, paragraphs in
//! order, footnote marks in place, and a paragraph's words found again as a quotation.
#![no_main]

#[path = "../../tests/shared/fuzz.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::letter(data));
