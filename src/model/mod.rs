//! The one data model: a [`Site`] of [`Page`]s, built once by load → parse → resolve
//! and then only read by render, search and write. The bottom layer: every stage
//! imports it, it imports no stage.
//!
//! Pages are kept sorted by path and addressed by [`PageId`] (their index), so every
//! list derived from them is deterministic.

pub mod change;
pub mod commitment;
pub mod date;
pub mod frontmatter;
pub mod letter;
pub mod locator;
pub mod names;
pub mod outline;
pub mod page;
pub mod url;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diag::Diagnostic;

pub use change::{Change, ChangeFrom, FileHistory, Freshness};
pub use date::{Date, DateWords};
pub use frontmatter::{FrontMatter, Kamerstuk, Positions, Split};
pub use locator::Locator;
pub use names::Names;
pub use page::{
    placeholder, Block, BlockKind, Citation, CiteItem, Document, Heading, Link, LinkKind, Page, PageId, PageKind,
    TitleFrom, MARK,
};
pub use url::{asset_url, is_external, is_image, page_url, reading_url, relative_url, root_prefix, tag_url};

/// A non-Markdown file under `content/`, copied as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// Path from `content/`, `/`-separated, as written.
    pub rel: String,
    /// Output path.
    pub url: String,
    pub source: PathBuf,
}

/// Where a link resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Page {
        page: PageId,
        anchor: Option<String>,
    },
    Asset {
        asset: usize,
    },
    /// A page dossier generates (a folder's list, a tag's page), by output path.
    Generated {
        url: String,
        anchor: Option<String>,
    },
    /// External URL or something left as written.
    External(String),
    /// A page that exists but is left out of the site (a draft, `publish: false`):
    /// shown as plain text, without a diagnostic.
    Hidden,
    /// Did not resolve: reported (an error, or a warning with `broken_links: warn`), and
    /// shown as visibly unresolved text saying why.
    Broken(String),
}

/// A link into a page from elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backlink {
    pub from: PageId,
    /// Index into the linking page's [`Document::links`].
    pub link: usize,
}

/// A use of a source: page, citation, and item within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CitedBy {
    pub page: PageId,
    pub citation: usize,
    pub item: usize,
}

/// The whole site after resolving: what render, search and write read.
#[derive(Clone, Debug, Default)]
pub struct Site {
    pub config: Config,
    /// Shared so that `serve` can copy the site for an edit without copying every page.
    pub pages: Vec<Arc<Page>>,
    pub assets: Vec<Asset>,
    /// Per page, per link: where it goes.
    pub targets: Vec<Arc<Vec<Target>>>,
    pub backlinks: Vec<Vec<Backlink>>,
    /// Source key → page.
    pub sources: BTreeMap<String, PageId>,
    /// Per source page: its uses.
    pub cited_by: Vec<Vec<CitedBy>>,
    /// Tag slug → (tag as first written, pages).
    pub tags: BTreeMap<String, (String, Vec<PageId>)>,
    /// Declared and inferred related pages, per page.
    pub related: Vec<Vec<PageId>>,
    /// Glossary: folded term → (term, expansion, page, heading id).
    pub glossary: BTreeMap<String, GlossaryEntry>,
    /// The name table links resolve through (kept for incremental updates).
    pub names: Arc<Names>,
    /// Redirect pages: output path → the page it sends to (aliases).
    pub redirects: Vec<(String, PageId)>,
    /// Folders that describe themselves (`_category_.json`), by path from `content/`.
    pub categories: BTreeMap<String, outline::Category>,
    /// The table of contents, when the site has one (`SUMMARY.md`).
    pub outline: Option<outline::Outline>,
    /// Sources' own texts, for their reading views (`source_texts`, `text:`).
    pub letters: BTreeMap<PageId, Arc<letter::Letter>>,
    /// Commitment pages (motions, promises, requests), in page order.
    pub commitments: Vec<commitment::Commitment>,
    /// The day the site was resolved (`SOURCE_DATE_EPOCH` when set): what "overdue" is
    /// measured against.
    pub today: date::Day,
    /// Per page: when it last changed and when it was added (git history, `updated:`).
    pub changes: Vec<Freshness>,
    /// What resolve found wrong, kept per page so an update can replace one page's.
    pub problems: Problems,
}

impl Site {
    /// Frees each page's source text, kept to quote in diagnostics. Render never reads
    /// it, so `build` lets it go once the diagnostics are out (a third of the memory a
    /// page takes); `serve` keeps it for the next rebuild's diagnostics.
    pub fn release_texts(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for page in &mut self.pages {
            Arc::make_mut(page).text = Arc::clone(&empty);
        }
    }
}

/// Resolve's diagnostics: site-wide ones, and per page its link and citation problems
/// and the warnings about it (orphan, uncited, figures without a citation).
#[derive(Clone, Debug, Default)]
pub struct Problems {
    pub global: Vec<Diagnostic>,
    pub links: Vec<Vec<Diagnostic>>,
    pub warnings: Vec<Vec<Diagnostic>>,
}

impl Problems {
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.global.iter().chain(self.links.iter().flatten()).chain(self.warnings.iter().flatten())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlossaryEntry {
    pub term: String,
    pub expansion: String,
    pub page: PageId,
    pub anchor: Option<String>,
}
