//! The one data model: a [`Site`] of [`Page`]s, built once by load → parse → resolve
//! and then only read by render, search and write.
//!
//! Pages are kept sorted by path and addressed by [`PageId`] (their index), so every
//! list derived from them is deterministic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::parse::frontmatter::{FrontMatter, Split};

/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// What a page is, which decides its template and the checks it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// `content/index.md`: the home page.
    Home,
    /// Any other page.
    Note,
    /// A page under `content/sources/`: a cited document.
    Source,
}

/// Where a page's title came from (a title not from front matter earns a warning).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleFrom {
    FrontMatter,
    Heading,
    FileName,
}

/// One Markdown file under `content/`. Cheap to clone (the text and the compiled body
/// are shared), so `serve` can keep unchanged pages between rebuilds.
#[derive(Clone, Debug)]
pub struct Page {
    pub id: PageId,
    /// Path from the site root (`content/onderwerpen/x.md`), as shown in diagnostics.
    pub file: PathBuf,
    /// Path from `content/`, `/`-separated (`onderwerpen/x.md`).
    pub rel: String,
    /// File stem as written, one of the names a wikilink can use.
    pub stem: String,
    /// Output path, `/`-separated and relative to the output root (`onderwerpen/x.html`).
    pub url: String,
    pub kind: PageKind,
    /// The whole file; diagnostics quote it.
    pub text: Arc<str>,
    pub split: Split,
    pub meta: FrontMatter,
    pub title: String,
    pub title_from: TitleFrom,
    /// Citation key, for sources.
    pub key: Option<String>,
    pub doc: Arc<Document>,
}

/// What the Markdown pass extracts from a page body.
#[derive(Debug, Default)]
pub struct Document {
    /// Body HTML with placeholders (see [`crate::parse::markdown::placeholder`]) where
    /// links and citation markers go once the whole site is known.
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub citations: Vec<Citation>,
    /// Each block (paragraph, list item, heading, table cell) as plain text; links and
    /// citations point into this for their context.
    pub blocks: Vec<Block>,
    /// Plain text of the first paragraph, a fallback summary.
    pub first_paragraph: Option<String>,
}

impl Document {
    /// All the page's plain text, for the search index.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| !b.text.is_empty()) {
            out.push_str(&b.text);
            out.push('\n');
        }
        out
    }
}

/// A block's plain text (citations left out, links as shown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub kind: BlockKind,
    /// Whether the text has figures (numbers, amounts, percentages, dates), worked out
    /// once at parse time for the "figures without a citation" check.
    pub figures: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// Unique within the page. Its start in [`Document::html`] is marked by a heading
    /// placeholder, for section embeds.
    pub id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// `[[target]]` in the body.
    Wiki,
    /// `![[target]]`: an image or a note included in place.
    Embed,
    /// `[text](other.md#kop)` or `![alt](img.png)`.
    Markdown,
    /// Markdown image `![alt](x.png)`.
    Image,
    /// A `related:` entry in the front matter.
    Related,
}

/// A link as written, before resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// Page part: a name (wikilinks) or a relative path (Markdown links). Empty for
    /// same-page anchors.
    pub target: String,
    pub anchor: Option<String>,
    /// `[[x|label]]`, alt text of images, width of embedded images.
    pub label: Option<String>,
    /// Markdown link title attribute.
    pub title: Option<String>,
    /// Byte offset in the file, for diagnostics.
    pub offset: usize,
    /// Index into [`Document::blocks`] (`None` for front-matter links).
    pub block: Option<usize>,
}

/// `[@a, p. 4; @b]` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub items: Vec<CiteItem>,
    pub offset: usize,
    pub block: usize,
    /// Marker id on the page (`dc-N`), unique.
    pub anchor: String,
    /// The quotation this citation vouches for: `“…” [@key]`, or a block quote that
    /// ends with the citation.
    pub quote: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CiteItem {
    pub key: String,
    pub prefix: Option<String>,
    /// Normalised locator (`p. 4`, `§ Kop`), parse again with `Locator::parse`.
    pub locator: Option<String>,
    /// Byte offset of the `@` in the file.
    pub offset: usize,
}

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
    /// External URL or something left as written.
    External(String),
    /// Did not resolve; an error was reported.
    Broken,
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
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Per page, per link: where it goes.
    pub targets: Vec<Vec<Target>>,
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
    pub names: crate::resolve::links::Names,
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
            page.text = Arc::clone(&empty);
        }
    }
}

/// Resolve's diagnostics: site-wide ones, and per page its link and citation problems
/// and the warnings about it (orphan, uncited, figures without a citation).
#[derive(Clone, Debug, Default)]
pub struct Problems {
    pub global: Vec<crate::diag::Diagnostic>,
    pub links: Vec<Vec<crate::diag::Diagnostic>>,
    pub warnings: Vec<Vec<crate::diag::Diagnostic>>,
}

impl Problems {
    pub fn all(&self) -> impl Iterator<Item = &crate::diag::Diagnostic> {
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

/// The prefix that leads from a page at `from` back to the output root (`../../`).
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// `url` of `to` as seen from a page at `from` (both output paths): relative, so the
/// site works at a domain root, under a sub-path and from disk.
pub fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    if out.is_empty() {
        out.push_str("index.html");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("index.html", "a/b.html"), "a/b.html");
        assert_eq!(relative_url("a/b.html", "c.html"), "../c.html");
        assert_eq!(relative_url("a/b/c.html", "a/d.html"), "../../a/d.html");
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b.html"), "../");
    }
}
