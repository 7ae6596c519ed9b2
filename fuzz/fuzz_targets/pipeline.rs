//! A page through the whole pipeline: load's reading (UTF-8 check, control characters),
//! parse (front matter, Markdown compile), resolve against a small fixed site, and
//! render of the page itself. Never a panic; diagnostics point inside the file. Slow
//! (tens of inputs a second); `page` fuzzes load and parse alone, much faster.
#![no_main]

#[path = "../../tests/shared/fuzz.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pipeline(data));
