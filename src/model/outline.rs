//! The order and labels a folder of notes gives itself, as other tools write them: a
//! Docusaurus folder's `_category_.json`, an mdBook's `SUMMARY.md`. The sidebar and the
//! folder pages follow them when they are there.

use std::path::PathBuf;
use std::sync::Arc;

use super::PageId;

/// How a folder describes itself (Docusaurus `_category_.json`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Category {
    /// The folder's name in the sidebar and on its page.
    pub label: Option<String>,
    /// Its place among the folders; lower first.
    pub position: Option<f64>,
    /// The introduction on its page.
    pub description: Option<String>,
}

/// A book's table of contents (mdBook `SUMMARY.md`), in order.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// `content/SUMMARY.md`, and its text, for diagnostics.
    pub file: PathBuf,
    pub text: Arc<str>,
    pub items: Vec<OutlineItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OutlineItem {
    /// A part's title (`# User guide`), not a link.
    Part(String),
    /// A chapter: its title, its file as written (`None`: a draft, `[Later]()`), how
    /// deep it is nested, where it is written, and (after resolve) its page.
    Chapter { title: String, target: Option<String>, depth: usize, offset: usize, page: Option<PageId> },
    /// `---` between parts.
    Separator,
}
