//! Render: the resolved [`Site`] → HTML pages and data files, handed to an output
//! [`Sink`]. Pages render in parallel; render never touches the disk itself.

pub mod body;
pub mod exports;
pub mod feed;
pub mod glossary;
pub mod nav;
pub mod previews;
pub mod reading;
pub mod sources;
pub mod theme;
pub mod verify;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::model::{relative_url, Page, PageId, PageKind, Site, Target};
use crate::text::truncate;
use crate::Error;
use body::Numbering;
use theme::{tera_error, Theme};
use views::View;

/// Where rendered files go (the write stage, or memory in tests and `serve`).
pub trait Sink: Sync {
    /// Stores `bytes` at `path` (relative to the output root, `/`-separated).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Copies a file from the content tree to `path`.
    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Error>;
}

/// Counts of what was written.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub pages: usize,
    pub assets: usize,
    /// What writing found worth telling (a previous output that could not be removed).
    pub notes: Vec<String>,
}

/// One output file, rendered on demand.
pub enum Output {
    Bytes(Vec<u8>),
    /// A content asset, copied from its source.
    File(std::path::PathBuf),
}

/// What an output path is.
#[derive(Clone, Copy)]
enum Item {
    Page(PageId),
    View(View),
    Static(usize),
    Highlight,
    Asset(usize),
    Export(exports::Export),
    Redirect(usize),
    /// `assets/mermaid.min.js`, where a page has a diagram.
    Mermaid,
    /// The reading view of a source's own text.
    Reading(PageId),
    /// A file of the site's own branding (`Branding::copies`, by index).
    Branding(usize),
}

/// Everything the site's output consists of, each file rendered on demand. `build`
/// renders every path into the output folder; `serve` renders the ones a browser asks
/// for. One code path for both.
pub struct Renderer {
    site: Arc<Site>,
    theme: Arc<Theme>,
    layout: Arc<Layout>,
    /// Built on first use: `serve` asks for it only when the search box does.
    search: std::sync::OnceLock<crate::search::Index>,
}

/// What the output paths and the navigation are, worked out from the pages' paths,
/// titles and front matter (not their bodies).
struct Layout {
    nav: nav::Nav,
    lists: Vec<nav::ListPage>,
    items: BTreeMap<String, Item>,
}

impl Renderer {
    pub fn new(site: Arc<Site>, theme: Arc<Theme>) -> Renderer {
        let layout = Arc::new(Layout::new(&site, &theme));
        Renderer { site, theme, layout, search: Default::default() }
    }

    /// A renderer for `site`, an update of this renderer's site in which only page
    /// bodies changed (same paths, titles and front matter; see
    /// [`crate::resolve::incremental`]): the navigation and output paths are reused.
    pub fn with_new_bodies(&self, site: Arc<Site>) -> Renderer {
        // The sidebar lists the missing pages only when there are some.
        if has_missing(&site) != has_missing(&self.site) {
            return Renderer::new(site, Arc::clone(&self.theme));
        }
        Renderer { site, theme: Arc::clone(&self.theme), layout: Arc::clone(&self.layout), search: Default::default() }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Every output path: pages and data files sorted, then the search index's.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.layout.items.keys().map(String::as_str).chain(self.search().paths())
    }

    /// Builds the search index now rather than on the first request for it: `serve`
    /// does this in the background after each rebuild, so that the first search after
    /// an edit does not wait for it.
    pub fn prepare_search(&self) {
        self.search();
    }

    fn search(&self) -> &crate::search::Index {
        self.search.get_or_init(|| crate::search::Index::build(&self.site))
    }

    /// Renders one output file; `None` if the site has no such path.
    pub fn render(&self, path: &str) -> Result<Option<Output>, Error> {
        let Some(&item) = self.layout.items.get(path) else {
            let search = path.starts_with(crate::search::DIR).then(|| self.search().file(&self.site, path));
            return Ok(search.flatten().map(Output::Bytes));
        };
        let (site, theme, nav) = (&*self.site, &*self.theme, &self.layout.nav);
        let bytes = match item {
            Item::Page(id) => page_html(site, theme, nav, &site.pages[id])?.into_bytes(),
            Item::View(view) => self.view_html(view, path)?.into_bytes(),
            Item::Static(i) => theme.statics[i].1.clone(),
            Item::Highlight => crate::parse::highlight::stylesheet().into_bytes(),
            Item::Mermaid => theme::mermaid(),
            Item::Asset(i) => return Ok(Some(Output::File(site.assets[i].source.clone()))),
            Item::Branding(i) => {
                let file = site.config.branding.copies().nth(i).and_then(|f| f.copy.clone());
                return Ok(file.map(Output::File));
            }
            Item::Export(e) => e.render(site)?,
            Item::Redirect(i) => {
                let (from, to) = &self.site.redirects[i];
                redirect_html(site, from, &site.pages[*to]).into_bytes()
            }
            Item::Reading(source) => reading_html(site, theme, nav, &site.pages[source])?.into_bytes(),
        };
        Ok(Some(Output::Bytes(bytes)))
    }

    /// Renders everything into `sink`, in parallel, and checks that no internal link in
    /// it is dead ([`verify`]): a dead one is an error, reported before anything is
    /// committed.
    pub fn render_all(&self, sink: &dyn Sink) -> Result<Rendered, Error> {
        let paths: Vec<&str> = self.paths().collect();
        crate::progress::PROGRESS.stage("render", paths.len());
        let base = self.site.config.base_url().as_deref().and_then(url_path).map(str::to_string);
        let all = verify::path_set(paths.iter().copied());
        let facts: Vec<Option<(String, verify::Facts)>> = paths
            .par_iter()
            .map(|path| match crate::progress::PROGRESS.step_then(|| self.render(path))? {
                Some(Output::Bytes(bytes)) => {
                    let facts =
                        path.ends_with(".html").then(|| verify::scan(path, &utf8(&bytes), base.as_deref(), &all));
                    sink.put(path, &bytes)?;
                    Ok(facts.map(|f| (path.to_string(), f)))
                }
                Some(Output::File(from)) => sink.copy(path, &from).map(|_| None),
                None => Ok(None),
            })
            .collect::<Result<_, Error>>()?;
        let files: std::collections::HashMap<String, verify::Facts> = facts.into_iter().flatten().collect();
        let dead = verify::dead(&files);
        if !dead.is_empty() {
            let mut lines = Vec::new();
            for file in dead.iter().take(20) {
                if let Ok(Some(Output::Bytes(bytes))) = self.render(file) {
                    let html = utf8(&bytes);
                    for link in verify::explain(file, &html, base.as_deref(), &files, &all).iter().take(5) {
                        lines.push(format!("  {file}: {link}"));
                    }
                }
            }
            return Err(Error::msg(format!(
                "the rendered site has dead internal links in {} file{} (a bug in dossier or the theme's templates; nothing was written):\n{}",
                dead.len(),
                if dead.len() == 1 { "" } else { "s" },
                lines.join("\n")
            )));
        }
        let pages = self.site.pages.len() + self.layout.lists.len() + 1;
        let mut notes = Vec::new();
        let left_out = &self.layout.nav.prints_left_out;
        if !left_out.is_empty() {
            let mut views: Vec<String> = left_out.iter().take(5).map(|(url, n)| format!("{url} ({n} notes)")).collect();
            if left_out.len() > 5 {
                views.push(format!("and {} more", left_out.len() - 5));
            }
            notes.push(format!(
                "print views of more than {} notes are left out: {}",
                views::print::PRINT_LIMIT,
                views.join(", ")
            ));
        }
        Ok(Rendered { pages, assets: self.site.assets.len(), notes })
    }
}

/// Rendered bytes as text: checked with `from_utf8` (a word at a time) first, since
/// render writes UTF-8; the lossy decoder's byte-at-a-time loop was 2% of a build.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

impl Layout {
    fn new(site: &Site, theme: &Theme) -> Layout {
        let nav = nav::Nav::new(site, theme);
        let lists = nav.list_pages(site);
        let mut items = BTreeMap::new();
        for (i, (from, _)) in site.redirects.iter().enumerate() {
            items.insert(from.clone(), Item::Redirect(i));
        }
        for (i, a) in site.assets.iter().enumerate() {
            items.insert(a.url.clone(), Item::Asset(i));
        }
        for (i, list) in lists.iter().enumerate() {
            items.insert(list.url.clone(), Item::View(View::List(i)));
        }
        for page in &site.pages {
            items.insert(page.url.clone(), Item::Page(page.id));
        }
        for &source in site.letters.keys() {
            items.insert(crate::model::reading_url(&site.pages[source].url), Item::Reading(source));
        }
        for (i, set) in nav.prints.iter().enumerate() {
            items.insert(set.url.clone(), Item::View(View::Print(i)));
        }
        for view in View::pages(site).chain([View::NotFound, View::Missing]) {
            items.extend(view.path().map(|path| (path, Item::View(view))));
        }
        // A folder of notes without `content/index.md` still gets a home page.
        items.entry("index.html".to_string()).or_insert(Item::View(View::Home));
        for (i, (name, _)) in theme.statics.iter().enumerate() {
            items.insert(format!("assets/{name}"), Item::Static(i));
        }
        items.insert("assets/highlight.css".into(), Item::Highlight);
        for (i, file) in site.config.branding.copies().enumerate() {
            items.insert(file.url.clone(), Item::Branding(i));
        }
        if site.pages.iter().any(|p| has_diagram(&p.doc.html)) {
            items.insert("assets/mermaid.min.js".into(), Item::Mermaid);
        }
        for export in exports::Export::ALL {
            if export.wanted(site) {
                items.insert(export.path().into(), Item::Export(export));
            }
        }
        Layout { nav, lists, items }
    }
}

/// A page's own summary (`summary:`, else `description:`) as text, if it has one.
pub fn own_summary(page: &Page) -> Option<String> {
    page.meta.summary.as_deref().or(page.meta.description.as_deref()).map(plain_summary)
}

/// A summary from front matter as text: `[[wikilinks]]` as their labels (a summary is
/// shown where links are not, in lists, search results and link previews).
pub fn plain_summary(summary: &str) -> String {
    let mut out = String::with_capacity(summary.len());
    let mut last = 0;
    for token in crate::parse::syntax::scan(summary) {
        out.push_str(&summary[last..token.start]);
        match token.kind {
            crate::parse::syntax::TokenKind::WikiLink(l) => out.push_str(l.label.unwrap_or(l.target)),
            crate::parse::syntax::TokenKind::MarkdownLink { label, .. } => out.push_str(label),
            crate::parse::syntax::TokenKind::Citation(_) => {}
        }
        last = token.end;
    }
    out.push_str(&summary[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What describes a page to search engines, link previews and feeds: its own summary,
/// else the start of its first paragraph.
pub fn description(page: &Page) -> Option<String> {
    let own = own_summary(page);
    own.or_else(|| page.doc.first_paragraph.as_deref().map(|p| truncate(p, 200)))
}

/// Whether a page's HTML has a Mermaid diagram.
fn has_diagram(html: &str) -> bool {
    html.contains("<pre class=\"mermaid\">")
}

/// Whether any link of the site does not resolve (the missing-pages view has entries).
pub fn has_missing(site: &Site) -> bool {
    site.targets.iter().flat_map(|t| t.iter()).any(|t| matches!(t, Target::Broken(_)))
}

/// The path part of an absolute URL: `https://x.org/wiki/` → `/wiki/`.
fn url_path(url: &str) -> Option<&str> {
    let after_scheme = url.split_once("://")?.1;
    after_scheme.find('/').map(|i| &after_scheme[i..])
}

fn redirect_html(site: &Site, from: &str, to: &Page) -> String {
    let href = crate::text::escape_html(&relative_url(from, &to.url));
    let title = crate::text::escape_html(&to.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<link rel=\"canonical\" href=\"{href}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        crate::text::escape_html(&site.config.language)
    )
}

fn render(theme: &Theme, template: &str, context: &Context) -> Result<String, Error> {
    theme.tera.render(template, context).map_err(|e| Error::msg(format!("template {template}: {}", tera_error(&e))))
}

#[derive(Serialize)]
struct LinkView<'a> {
    title: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<String>,
}

#[derive(Serialize)]
struct Reference {
    number: usize,
    title: String,
    url: String,
    citation: String,
    official: Option<String>,
    uses: Vec<Use>,
}

#[derive(Serialize)]
struct Use {
    anchor: String,
    locator: Option<String>,
}

fn base_context(site: &Site, theme: &Theme, nav: &nav::Nav, at: &str, title: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &serde_json::json!({ "title": site.config.title, "language": site.config.language }));
    ctx.insert("t", &theme.strings);
    ctx.insert("root", &crate::model::root_prefix(at));
    ctx.insert("title", title);
    let views: Vec<_> = View::pages(site)
        .map(|v| serde_json::json!({ "url": v.path(), "title": theme.strings.get(v.name()) }))
        .collect();
    ctx.insert("views", &views);
    put(&mut ctx, "nav", serde_json::Value::String(nav.html(at)));
    ctx.insert("print_all", &nav.print_view(None).is_some());
    sharing(&mut ctx, site, at);
    ctx
}

/// What every page's `<head>`, header and footer need beyond the basics: the site's
/// own icon, logo, stylesheets and includes, `noindex` for a private site, and the
/// canonical and Open Graph URLs (absolute, so only with `base_url`).
fn sharing(ctx: &mut Context, site: &Site, at: &str) {
    let config = &site.config;
    let b = &config.branding;
    let root = crate::model::root_prefix(at);
    let favicon = b.favicon.as_ref().map_or("assets/favicon.svg", |f| f.url.as_str());
    let favicon_type = match favicon.rsplit_once('.').map(|(_, e)| e) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "image/x-icon",
    };
    let include = |html: &Option<String>| html.as_ref().map(|h| h.replace("{root}", &root));
    ctx.insert(
        "brand",
        &serde_json::json!({
            "favicon": favicon,
            "favicon_type": favicon_type,
            "logo": b.logo.as_ref().map(|f| &f.url),
            "css": b.css.iter().map(|f| &f.url).collect::<Vec<_>>(),
            "head": include(&b.head),
            "footer": include(&b.footer),
        }),
    );
    ctx.insert("private", &config.private);
    let base = config.base_url();
    // The 404 page is served at any missing path: it has no address of its own.
    let canonical = base.as_ref().filter(|_| at != "404.html").map(|b| format!("{b}{at}"));
    let canonical = canonical.map(|c| c.strip_suffix("index.html").map(str::to_string).unwrap_or(c));
    ctx.insert("canonical", &canonical);
    let image = b.logo.as_ref().or(b.favicon.as_ref().filter(|f| !f.url.ends_with(".svg")));
    ctx.insert("share_image", &base.as_ref().zip(image).map(|(b, f)| format!("{b}{}", f.url)));
    ctx.insert("og_type", "website");
    ctx.insert("og_locale", if config.language == "nl" { "nl_NL" } else { "en_GB" });
    ctx.insert("description", &Option::<String>::None);
}

/// Moves `value` into the context. `Context::insert` serialises its argument again, a
/// deep copy: for a page's body and sidebar that was a tenth of the render time.
fn put(ctx: &mut Context, key: &str, value: serde_json::Value) {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    if let Ok(moved) = Context::from_value(serde_json::Value::Object(map)) {
        ctx.extend(moved);
    }
}

fn page_html(site: &Site, theme: &Theme, nav: &nav::Nav, page: &Page) -> Result<String, Error> {
    let at = page.url.as_str();
    let numbering = Numbering::new(site, page);
    let (body, linked) = body::render_linked(site, page, &numbering);
    let (mut body, glossed) = glossary::mark(site, page, &body, &|e| glossary::href(site, at, e));
    body.extend(previews::script(site, page, &linked, &glossed));
    let mut ctx = base_context(site, theme, nav, at, &page.title);
    if page.kind != PageKind::Home {
        ctx.insert("og_type", "article");
    }

    let toc: Vec<_> = if page.meta.toc == Some(false) {
        Vec::new()
    } else {
        page.doc
            .headings
            .iter()
            .filter(|h| h.level >= 2 && h.level <= 3)
            .map(|h| serde_json::json!({ "level": h.level, "id": h.id, "text": h.text }))
            .collect()
    };
    let tags: Vec<_> = page
        .meta
        .tags
        .iter()
        .filter(|t| !crate::text::slugify(t).is_empty())
        .map(|t| serde_json::json!({ "name": t, "url": relative_url(at, &nav::tag_url(t)) }))
        .collect();
    let backlinks: Vec<LinkView> = site.backlinks[page.id]
        .iter()
        .map(|b| {
            let from = &site.pages[b.from];
            let link = &from.doc.links[b.link];
            let context = link.block.map(|i| truncate(&from.doc.blocks[i].text, 280));
            LinkView { title: &from.title, url: relative_url(at, &from.url), context }
        })
        .collect();
    let related: Vec<LinkView> = site.related[page.id]
        .iter()
        .map(|&p| LinkView { title: &site.pages[p].title, url: relative_url(at, &site.pages[p].url), context: None })
        .collect();
    let references = references(site, page, &numbering);
    // The summary the note gives itself is shown under its title; one taken from the
    // first paragraph only describes the page to search engines and previews (shown,
    // it would repeat the paragraph right below it).
    let own_summary = self::own_summary(page);
    let description = description(page);
    let classes: Vec<&str> =
        page.meta.cssclasses.iter().map(String::as_str).filter(|c| crate::parse::html::safe_token(c)).collect();
    let edit_url =
        site.config.edit_url.as_ref().map(|u| u.replace("{path}", &page.file.to_string_lossy().replace('\\', "/")));
    // Pages with code (their own or embedded) link the highlighting stylesheet.
    let has_code = body.contains("<pre class=\"code\"");
    let has_diagram = has_diagram(&body);
    let outgoing = site.targets[page.id].iter().filter(|t| matches!(t, Target::Page { .. })).count();

    put(
        &mut ctx,
        "page",
        serde_json::json!({
            "title": page.title,
            "summary": own_summary,
            "description": description,
            "title_id": page.doc.title_heading,
            "classes": classes.join(" "),
            "kind": match page.kind { PageKind::Home => "home", PageKind::Note => "note", PageKind::Source => "source" },
            "url": page.url,
            "body": body,
            "has_code": has_code,
            "has_diagram": has_diagram,
            "toc": toc,
            "tags": tags,
            "date": page.meta.date.map(|d| d.to_string()),
            "updated": site.changes.get(page.id).and_then(|f| f.changed.as_ref()).map(|c| c.date.to_string()),
            "edit_url": edit_url,
            "backlinks": backlinks,
            "related": related,
            "references": references,
            "outgoing": outgoing,
            "commitment": site
                .commitments
                .binary_search_by_key(&page.id, |c| c.page)
                .ok()
                .map(|i| views::commitments_row(site, at, &site.commitments[i])),
            "commitments": views::on_topic(site, at, page.id),
            "print": nav.print_view(Some(at)).map(|p| relative_url(at, &p.url)),
        }),
    );
    ctx.insert("description", &description);
    ctx.insert("breadcrumbs", &nav.breadcrumbs(page));
    let template = if page.kind == PageKind::Source {
        put(&mut ctx, "source", source_view(site, page));
        "source.html"
    } else {
        "page.html"
    };
    render(theme, template, &ctx)
}

fn references(site: &Site, page: &Page, numbering: &Numbering) -> Vec<Reference> {
    numbering
        .order
        .iter()
        .map(|&source| {
            let sp = &site.pages[source];
            let uses = page
                .doc
                .citations
                .iter()
                .flat_map(|c| c.items.iter().enumerate().map(move |(i, item)| (c, i, item)))
                .filter(|(_, _, item)| site.sources.get(&item.key) == Some(&source))
                .map(|(c, i, item)| Use {
                    anchor: format!("{}-{}", c.anchor, i + 1),
                    locator: item.locator.as_ref().map(ToString::to_string),
                })
                .collect();
            Reference {
                number: numbering.numbers[&source],
                title: sp.title.clone(),
                url: relative_url(&page.url, &sp.url),
                citation: sources::full_citation(sp),
                official: sources::link(sp),
                uses,
            }
        })
        .collect()
}

fn source_view(site: &Site, page: &Page) -> serde_json::Value {
    let m = &page.meta;
    let (raised, reports) = views::on_source(site, &page.url, page.id);
    let cited_by: Vec<_> = site.cited_by[page.id]
        .iter()
        .map(|u| {
            let from = &site.pages[u.page];
            let citation = &from.doc.citations[u.citation];
            let item = &citation.items[u.item];
            serde_json::json!({
                "title": from.title,
                "url": format!("{}#{}-{}", relative_url(&page.url, &from.url), citation.anchor, u.item + 1),
                "context": truncate(&from.doc.blocks[citation.block].text, 320),
                "locator": item.locator.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    serde_json::json!({
        "key": page.key,
        "type": m.kind,
        "date": m.date.map(|d| d.to_string()),
        "date_note": m.date_note,
        "author": m.author,
        "role": m.role,
        "official_citation": m.kamerstuk.as_ref().map(sources::official_citation),
        "link": sources::link(page),
        "document_id": m.document_id,
        "pages": m.pages,
        "sections": m.sections,
        "cited_by": cited_by,
        "raised": raised,
        "reports": reports,
        "reading": site.letters.contains_key(&page.id).then(|| relative_url(&page.url, &crate::model::reading_url(&page.url))),
    })
}

/// The reading view of `source`'s own text.
fn reading_html(site: &Site, theme: &Theme, nav: &nav::Nav, source: &Page) -> Result<String, Error> {
    let at = crate::model::reading_url(&source.url);
    let letter = site.letters.get(&source.id).ok_or_else(|| Error::msg("no text for this source"))?;
    let title = theme
        .strings
        .get("reading_title")
        .map_or_else(|| source.title.clone(), |t| t.replace("{title}", &source.title));
    let mut ctx = base_context(site, theme, nav, &at, &title);
    ctx.insert("breadcrumbs", &nav.breadcrumbs_at(source, &at));
    put(&mut ctx, "letter", reading::context(site, source, letter));
    render(theme, "text.html", &ctx)
}

impl Renderer {
    /// A generated page at `at`.
    fn view_html(&self, view: View, at: &str) -> Result<String, Error> {
        let (site, theme, nav) = (&*self.site, &*self.theme, &self.layout.nav);
        let title = match view {
            View::List(i) => self.layout.lists[i].title.clone(),
            View::Print(i) => {
                let what = nav.prints[i].title.as_deref().unwrap_or(&site.config.title);
                theme.strings.get("print_title").map_or_else(|| what.to_string(), |t| t.replace("{title}", what))
            }
            View::NotFound => theme.strings["not_found"].clone(),
            View::Home => site.config.title.clone(),
            v => theme.strings.get(v.name()).cloned().unwrap_or_else(|| v.name().to_string()),
        };
        let mut ctx = base_context(site, theme, nav, at, &title);
        ctx.insert("breadcrumbs", &Vec::<serde_json::Value>::new());
        match view {
            View::List(i) => {
                let list = &self.layout.lists[i];
                let items: Vec<_> = list
                    .items
                    .iter()
                    .map(|i| serde_json::json!({ "title": i.title, "url": relative_url(&list.url, &i.url), "summary": i.summary, "count": i.count }))
                    .collect();
                let print = nav.print_view(Some(&list.url)).map(|p| relative_url(&list.url, &p.url));
                ctx.insert(
                    "list",
                    &serde_json::json!({ "title": list.title, "intro": list.intro, "items": items, "print": print }),
                );
            }
            View::Print(i) => {
                let print = views::print::print(site, &nav.prints[i], &site.config.title);
                put(&mut ctx, "print", serde_json::to_value(print).unwrap_or_default());
            }
            View::NotFound => {
                // Served for missing paths at any depth, so relative URLs would break:
                // anchor it at the site's path when that is known.
                if let Some(path) = site.config.base_url().as_deref().and_then(url_path) {
                    ctx.insert("root", path);
                }
            }
            View::Home => {
                let home = views::home(site, at);
                let sections = nav.sections(at);
                put(
                    &mut ctx,
                    "home",
                    serde_json::json!({ "linked": home.linked, "recent": home.recent, "sections": sections }),
                );
            }
            v => {
                if let Some((key, value)) = v.context(site, at) {
                    put(&mut ctx, key, value);
                }
            }
        }
        render(theme, &view.template(), &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::{exports::Export, View};
    use crate::model::url::generated;

    /// Resolve refuses user files at generated paths from `model::url::GENERATED`; every
    /// view and export must be there, or a note could silently replace it.
    #[test]
    fn every_generated_path_is_reserved() {
        for view in View::PAGES.into_iter().chain([View::NotFound]) {
            let path = view.path().unwrap();
            assert!(generated(&path).is_some(), "{path} is not in model::url::GENERATED");
        }
        for export in Export::ALL {
            assert!(generated(export.path()).is_some(), "{} is not in model::url::GENERATED", export.path());
        }
        assert!(generated("assets/style.css").is_some() && generated("search/meta.js").is_some());
    }
}
