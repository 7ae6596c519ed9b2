//! Links: every way one page points at another (wikilinks, embeds, Markdown links,
//! `related:`) resolved to a [`Target`], with an error for each one that does not
//! resolve, and the backlinks that follow.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::names::Found;
use crate::model::outline::{Outline, OutlineItem};
use crate::model::{is_external, is_image, Names};
use crate::model::{Asset, Backlink, Link, LinkKind, Page, PageId, Target};
use crate::text::{closest, fold, slugify};

/// Resolves every link of every page: the targets per page and per link, and each
/// page's link problems, reported at `severity` (`broken_links`).
pub fn resolve(
    pages: &[Arc<Page>],
    assets: &[Asset],
    names: &Names,
    severity: Severity,
) -> (Vec<Vec<Target>>, Vec<Vec<Diagnostic>>) {
    pages.par_iter().map(|page| resolve_page(pages, assets, names, severity, page)).unzip()
}

/// One page's links.
pub fn resolve_page(
    pages: &[Arc<Page>],
    assets: &[Asset],
    names: &Names,
    severity: Severity,
    page: &Page,
) -> (Vec<Target>, Vec<Diagnostic>) {
    let mut linker = Linker {
        pages,
        assets,
        names,
        page,
        severity,
        file: FileText::new(&page.text),
        hints: HashMap::new(),
        diagnostics: Vec::new(),
    };
    let targets = page.doc.links.iter().map(|link| linker.resolve(link)).collect();
    (targets, linker.diagnostics)
}

/// A page with more broken links than this is a rename or an import gone wrong; hints
/// for the first ones show what happened.
const MAX_HINTS: usize = 50;

/// Resolves the links of one page, with what is worked out once for all of them (a
/// note may have 100,000 broken ones).
struct Linker<'a> {
    pages: &'a [Arc<Page>],
    assets: &'a [Asset],
    names: &'a Names,
    /// The page whose links these are.
    page: &'a Page,
    /// How bad a link that does not resolve is.
    severity: Severity,
    /// Its text, indexed for placing diagnostics.
    file: FileText<'a>,
    /// "Did you mean" hints by link target. Each compares the target with every title
    /// (35 ms on a 1,500-page site in a debug build), so a page gets at most
    /// [`MAX_HINTS`] different ones.
    hints: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

impl Linker<'_> {
    fn resolve(&mut self, link: &Link) -> Target {
        if link.target.is_empty() {
            return self.same_page(link);
        }
        match link.kind {
            LinkKind::Markdown | LinkKind::Image => self.by_path(link),
            LinkKind::Wiki | LinkKind::Embed | LinkKind::Related | LinkKind::Topic => self.by_name(link),
        }
    }

    /// A problem with `link`, at the link.
    fn report(&mut self, severity: Severity, link: &Link, message: String, hint: Option<String>) {
        let mut d = Diagnostic::in_file(severity, &self.page.file, &self.file, link.offset, message);
        if let Some(hint) = hint.filter(|h| !h.is_empty()) {
            d = d.with_hint(hint);
        }
        self.diagnostics.push(d);
    }

    /// A link that does not resolve: reported (an error, or a warning under
    /// `broken_links: warn`), and a broken target that says why.
    fn broken(&mut self, link: &Link, message: String, hint: Option<String>) -> Target {
        self.report(self.severity, link, message.clone(), hint);
        Target::Broken(message)
    }

    /// `[[#Kop]]` or `[x](#kop)`; `[x]()` and `[x](#)` are valid CommonMark (a link to
    /// the page itself) and stay as written, with a warning.
    fn same_page(&mut self, link: &Link) -> Target {
        let anchor = link.anchor.clone().unwrap_or_default();
        if anchor.is_empty() && link.kind == LinkKind::Markdown {
            let written = if link.anchor.is_some() { "#" } else { "" };
            let message = format!("empty link `({written})` leads nowhere but this page");
            self.report(Severity::Warning, link, message, Some("give it a target, or drop the link".into()));
            return Target::External(written.to_string());
        }
        match check_anchor(self.page, &anchor) {
            Ok(id) => Target::Page { page: self.page.id, anchor: Some(id) },
            Err(hint) => self.broken(link, format!("no heading `{anchor}` on this page"), Some(hint)),
        }
    }

    /// A Markdown link or image: a path relative to the linking page, as written
    /// (`../map/notitie.md`), without its extension (`../gids`), as a folder (`./map/`),
    /// as the page's output (`notitie.html`), or, like Obsidian and Quartz, a file name
    /// found anywhere (`![](schema.png)`, `[x](Andere notitie.md)`).
    fn by_path(&mut self, link: &Link) -> Target {
        if is_external(&link.target) {
            return Target::External(link.target.clone());
        }
        let Some(rel) = join(&self.page.rel, &link.target) else {
            return self.broken(link, format!("link `{}` points outside content/", link.target), None);
        };
        let names = self.names;
        let bare = rel.trim_end_matches('/');
        let page = [bare.to_string(), format!("{bare}.md"), format!("{bare}/index.md"), format!("{bare}/README.md")]
            .iter()
            .find_map(|r| names.pages_by_rel.get(r).copied())
            .or_else(|| bare.strip_suffix(".html").and_then(|_| names.page_by_url(bare)));
        if let Some(id) = page {
            return self.page_target(id, link);
        }
        if let Some(&a) = names.assets_by_rel.get(bare) {
            return Target::Asset { asset: a };
        }
        if let Found::Generated(url) = names.lookup(&format!("{bare}/"), "") {
            return Target::Generated { url, anchor: None };
        }
        if let Some(url) = names.generated_file(bare) {
            return Target::Generated { url: url.to_string(), anchor: link.anchor.clone() };
        }
        if !link.target.contains('/') {
            let name = link.target.trim_end_matches(".md");
            if names.assets_by_name.contains_key(&fold(&link.target)) {
                return self.asset_target(link);
            }
            match names.lookup(name, &self.page.rel) {
                Found::Page(id) => return self.page_target(id, link),
                Found::Hidden => return Target::Hidden,
                _ => {}
            }
        }
        let hint = format!("looked for content/{bare}");
        self.broken(link, format!("link to missing file `{}`", link.target), Some(hint))
    }

    /// A wikilink, embed, `related:` or `topics:` entry: a page's name, a folder (`map/`), a tag
    /// (`tags/x`), or an asset's file name.
    fn by_name(&mut self, link: &Link) -> Target {
        let asset_like = is_image(&link.target) || self.names.assets_by_name.contains_key(&fold(&link.target));
        if !matches!(link.kind, LinkKind::Related | LinkKind::Topic) && asset_like {
            return self.asset_target(link);
        }
        match self.names.lookup(&link.target, &self.page.rel) {
            Found::Page(id) => {
                let page = &self.pages[id];
                if !exact_name(page, &link.target) {
                    let message =
                        format!("`{}` matches `{}` only when case and accents are ignored", link.target, page.title);
                    self.report(Severity::Warning, link, message, Some(format!("write [[{}]]", page.title)));
                }
                self.page_target(id, link)
            }
            Found::Generated(url) => Target::Generated { url, anchor: None },
            Found::Hidden => Target::Hidden,
            Found::Nothing => {
                let hint = self.hint(&link.target);
                self.broken(link, format!("link target `{}` not found", link.target), Some(hint))
            }
            Found::Ambiguous(many) => {
                let list: Vec<String> = many.iter().map(|&id| format!("content/{}", self.pages[id].rel)).collect();
                let message = format!("link target `{}` is ambiguous: it matches {}", link.target, list.join(", "));
                self.broken(link, message, Some("use the path form, e.g. [[folder/slug]]".into()))
            }
        }
    }

    /// "Did you mean …?" for a name no page has: the nearest titles.
    fn hint(&mut self, target: &str) -> String {
        let budget = self.hints.len() < MAX_HINTS;
        let pages = self.pages;
        self.hints
            .entry(target.to_string())
            .or_insert_with(|| {
                if !budget {
                    return String::new();
                }
                match closest(target, pages.iter().map(|p| p.title.as_str())).as_slice() {
                    [] => String::new(),
                    near => format!(
                        "did you mean {}?",
                        near.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    ),
                }
            })
            .clone()
    }

    /// Page `id`, at the link's anchor if it has one.
    fn page_target(&mut self, id: PageId, link: &Link) -> Target {
        let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
            return Target::Page { page: id, anchor: None };
        };
        match check_anchor(&self.pages[id], anchor) {
            Ok(a) => Target::Page { page: id, anchor: Some(a) },
            Err(hint) => {
                let message = format!("no heading `{anchor}` in `{}`", self.pages[id].title);
                self.broken(link, message, Some(hint))
            }
        }
    }

    /// An asset by path or file name.
    fn asset_target(&mut self, link: &Link) -> Target {
        let folded = fold(&link.target);
        let suffix = format!("/{folded}");
        let by_path = self.assets.iter().position(|a| {
            let rel = fold(&a.rel);
            rel == folded || rel.ends_with(&suffix)
        });
        match (by_path, self.names.assets_by_name.get(&folded).map(Vec::as_slice)) {
            (_, Some([a])) => Target::Asset { asset: *a },
            (Some(a), _) => Target::Asset { asset: a },
            (None, Some(many)) if many.len() > 1 => {
                let list: Vec<String> = many.iter().map(|&a| format!("content/{}", self.assets[a].rel)).collect();
                let message = format!("`{}` is ambiguous: {}", link.target, list.join(", "));
                self.broken(link, message, Some("give the path, e.g. ![[img/diagram.png]]".into()))
            }
            _ => self.broken(link, format!("file `{}` not found in content/", link.target), None),
        }
    }
}

/// The chapters of a table of contents (`SUMMARY.md`), each to its page; a chapter
/// whose file is not there is reported like a broken link. A draft chapter (`[Later]()`)
/// has no file and is fine.
pub fn outline(outline: &mut Outline, names: &Names, severity: Severity) -> Vec<Diagnostic> {
    let file = FileText::new(&outline.text);
    let mut out = Vec::new();
    for item in &mut outline.items {
        let OutlineItem::Chapter { target: Some(target), offset, page, .. } = item else { continue };
        let found = join("SUMMARY.md", target.split('#').next().unwrap_or(target))
            .and_then(|rel| names.pages_by_rel.get(&rel).copied());
        match found {
            Some(id) => *page = Some(id),
            None => out.push(Diagnostic::in_file(
                severity,
                &outline.file,
                &file,
                *offset,
                format!("chapter file `{target}` not found"),
            )),
        }
    }
    out
}

/// Whether `name` is one of the page's names exactly (as opposed to only folded).
fn exact_name(page: &Page, name: &str) -> bool {
    let name = name.trim();
    // `[[Note.md]]` names the file `Note.md` exactly.
    let name = name.strip_suffix(".md").unwrap_or(name);
    name.eq_ignore_ascii_case(&page.stem)
        || name == page.title
        || page.meta.aliases.iter().any(|a| a == name)
        || page.key.as_deref() == Some(name)
        || name.contains('/')
}

/// The id an anchor names: a heading by id or text (case and accents ignored), a
/// heading under a heading (`Zomer#Zaterdag`, Obsidian's nested path), or a block id
/// (`^id`).
pub fn check_anchor(page: &Page, anchor: &str) -> Result<String, String> {
    if let Some(block) = anchor.strip_prefix('^') {
        return match page.doc.block_ids.iter().find(|b| b.as_str() == block) {
            Some(b) => Ok(format!("^{b}")),
            None => Err(format!("`{}` has no block `^{block}`", page.title)),
        };
    }
    let headings = &page.doc.headings;
    let mut within = 0..headings.len();
    let mut found = None;
    for part in anchor.split('#').map(str::trim).filter(|p| !p.is_empty()) {
        let wanted = slugify(part);
        let folded = fold(part);
        // Ids are slugs of the heading text, so this almost always finds it without folding.
        // Other tools drop an apostrophe where dossier makes it a hyphen (`#whats-new`
        // for `## What's new?`, here `what-s-new`): compare without hyphens last.
        let bare = |s: &str| s.replace('-', "");
        let i = within
            .clone()
            .find(|&i| headings[i].id == part || headings[i].id == wanted)
            .or_else(|| within.clone().find(|&i| fold(&headings[i].text) == folded))
            .or_else(|| within.clone().find(|&i| !wanted.is_empty() && bare(&headings[i].id) == bare(&wanted)));
        let Some(i) = i else {
            found = None;
            break;
        };
        // The next part is looked for under this heading only.
        let level = headings[i].level;
        let end = (i + 1..within.end).find(|&j| headings[j].level <= level).unwrap_or(within.end);
        within = i + 1..end;
        found = Some(i);
    }
    match found {
        Some(i) => Ok(headings[i].id.clone()),
        None => {
            let last = anchor.rsplit('#').next().unwrap_or(anchor);
            let near = closest(last, headings.iter().map(|h| h.text.as_str()));
            Err(if near.is_empty() {
                format!("`{}` has {} headings", page.title, headings.len())
            } else {
                format!("did you mean {}?", near.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "))
            })
        }
    }
}

/// `target` relative to the folder of `from` (both `/`-separated from content/);
/// `None` if it climbs out of content/.
pub fn join(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if target.starts_with('/') {
        parts.clear();
    }
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Backlinks per page, one per (linking page, block), in page order.
pub fn backlinks(pages: &[Arc<Page>], targets: &[Arc<Vec<Target>>]) -> Vec<Vec<Backlink>> {
    let mut seen: HashSet<(PageId, PageId, Option<usize>)> = HashSet::new();
    let mut out = vec![Vec::new(); pages.len()];
    for page in pages {
        for (i, target) in targets[page.id].iter().enumerate() {
            if let Target::Page { page: to, .. } = *target {
                let block = page.doc.links[i].block;
                if to != page.id && seen.insert((to, page.id, block)) {
                    out[to].push(Backlink { from: page.id, link: i });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("a/b.md", "c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a/b.md", "../map/n.md").as_deref(), Some("map/n.md"));
        assert_eq!(join("b.md", "../x.md"), None);
        assert_eq!(join("a/b.md", "/x.md").as_deref(), Some("x.md"));
    }
}
