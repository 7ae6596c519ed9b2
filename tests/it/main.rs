//! End-to-end tests: fixture sites under `tests/fixtures/` built through the real
//! binary, asserting output files, exit codes and diagnostics word for word.

mod atomic;
mod citations;
mod cli;
mod commitments;
mod content;
mod core;
mod feed;
mod fresh;
mod golden;
mod hardening;
mod import;
mod incremental;
mod layers;
mod links;
mod malformed;
mod previews;
mod print;
mod reading;
mod scaffold;
mod search;
mod serve;
mod sharing;
mod support;
mod unpublished;
mod vaults;
