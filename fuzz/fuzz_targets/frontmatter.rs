//! The front-matter splitter and parser on arbitrary text: never a panic, and every
//! diagnostic points inside the file.
#![no_main]

#[path = "../../tests/shared/fuzz.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::frontmatter(data));
