//! A page as parse leaves it: its front matter, title, and the [`Document`] the
//! Markdown pass extracted from its body. Nothing here depends on other pages.

use std::path::PathBuf;
use std::sync::Arc;

use super::frontmatter::{FrontMatter, Split};
use super::locator::Locator;

/// Index of a page in [`Site::pages`](super::Site::pages).
pub type PageId = usize;

/// The separator around placeholders in [`Document::html`]. Load replaces control
/// characters in input, so the mark never occurs in text.
pub const MARK: char = '\u{1A}';

/// Kinds of placeholder `\x1A<kind><n>\x1A` in [`Document::html`]: parse leaves them
/// where the output depends on other pages, render substitutes them.
pub mod placeholder {
    /// `<a href=…>` opening tag of link N.
    pub const LINK: char = 'L';
    /// Its closing tag (`</a>`, or `</span>` for a link that does not resolve).
    pub const LINK_END: char = 'l';
    /// A whole `<img>` for link N (Markdown image or image embed).
    pub const IMAGE: char = 'I';
    /// An embedded note or section, link N.
    pub const EMBED: char = 'E';
    /// The marker of citation N.
    pub const CITATION: char = 'C';
    /// Start of heading N (substituted by nothing; marks sections for embeds).
    pub const HEADING: char = 'H';
    /// Start and end of block N that has a block id (`^id`; substituted by nothing).
    pub const BLOCK: char = 'B';
    pub const BLOCK_END: char = 'b';
}

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
    /// Body HTML with placeholders (see [`placeholder`]) where
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
    /// The id of the `# Title` heading the body opened with, taken out of the body
    /// because it repeated the page's title (which now carries the id).
    pub title_heading: Option<String>,
    /// Block ids (`^id`, without the `^`), by the number of their block marks.
    pub block_ids: Vec<String>,
    /// What the Markdown pass found worth a warning: (file offset, message).
    pub warnings: Vec<(usize, String)>,
}

/// Embeds nest at most this deep, and a page's embedded text adds up to at most this
/// many bytes of HTML: resolve reports more as errors (a note embedding the next one
/// twice, 24 notes deep, made a page of 2.4 GB), render stops there.
pub const MAX_EMBED_DEPTH: usize = 16;
pub const MAX_EMBED_BYTES: usize = 8_000_000;

impl Document {
    /// The part of the body HTML under heading `anchor` (up to the next heading of the
    /// same or a higher level), or all of it for `None` or an unknown anchor.
    pub fn section(&self, anchor: Option<&str>) -> &str {
        let html = &self.html;
        let Some(anchor) = anchor else { return html };
        if let Some(block) = anchor.strip_prefix('^') {
            // A block: between its marks.
            let Some(n) = self.block_ids.iter().position(|b| b == block) else { return html };
            let start = html.find(&format!("{MARK}{}{n}{MARK}", placeholder::BLOCK)).unwrap_or(0);
            let end = html.find(&format!("{MARK}{}{n}{MARK}", placeholder::BLOCK_END)).unwrap_or(html.len());
            return &html[start..end.max(start)];
        }
        let Some(i) = self.headings.iter().position(|h| h.id == anchor) else {
            return html;
        };
        let level = self.headings[i].level;
        let start = html.find(&format!("{MARK}{}{i}{MARK}", placeholder::HEADING)).unwrap_or(0);
        let end = self.headings[i + 1..]
            .iter()
            .enumerate()
            .find(|(_, h)| h.level <= level)
            .and_then(|(j, _)| html.find(&format!("{MARK}{}{}{MARK}", placeholder::HEADING, i + 1 + j)))
            .unwrap_or(html.len());
        &html[start..end]
    }

    /// The links embedded in `fragment` (a part of [`Document::html`]), by index.
    pub fn embeds_in<'a>(&'a self, fragment: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mark = format!("{MARK}{}", placeholder::EMBED);
        fragment
            .match_indices(mark.as_str())
            .filter_map(move |(i, m)| {
                let rest = &fragment[i + m.len()..];
                rest[..rest.find(MARK)?].parse().ok()
            })
            .collect::<Vec<usize>>()
            .into_iter()
    }

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
    /// A commitment's `topics:` entry.
    Topic,
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
    pub locator: Option<Locator>,
    /// Byte offset of the `@` in the file.
    pub offset: usize,
}
