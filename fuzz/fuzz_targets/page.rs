//! A whole page through parse: load's reading (UTF-8 check, control characters), then
//! `parse::page` (front matter, Markdown compile with wikilinks, citations, callouts and
//! highlighting). Never a panic; every recorded offset lies inside the file. (The
//! `pipeline` target goes on through resolve and render, at a fraction of the speed.)
#![no_main]

#[path = "../../tests/shared/fuzz.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::page(data));
