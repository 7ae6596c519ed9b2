//! Data files beside the pages, for the theme's scripts and for other tools:
//!
//! - `graph.json`: `{ "nodes": [{id, kind, title, url}], "edges": [{source, target, kind}] }`
//!   with node kinds `note`, `source`, `tag` and edge kinds `link`, `related`, `cites`,
//!   `tagged`. Ids are page URLs, or `tag:<slug>`.
//! - `graph-data.js`: the same graph as a script, `dossierGraph(<graph.json>);`, which
//!   the graph page loads with a `<script>` element: browsers refuse `fetch()` in a page
//!   opened from disk (`file://`) but run its scripts.
//! - `sources.json`: the sources in CSL-JSON, importable by Zotero and other reference
//!   managers.
//! - `timeline.json`: sources by date (`[{key, title, url, date, date_note}]`, undated last).
//! - `sitemap.xml` (when `base_url` is set and the site is not `private`) and
//!   `robots.txt` (which shuts every robot out of a `private` site).
//! - `feed.xml`: the Atom feed of changes ([`super::feed`]).
//!
//! The search index, many small files under `search/`, is [`crate::search`]'s.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde::Serialize;

use serde_json::{json, Value};

use super::sources::{link, official_citation};
use crate::model::{LinkKind, PageKind, Site, Target};
use crate::text::escape_html;
use crate::Error;

/// The data files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Graph,
    GraphScript,
    Sources,
    Timeline,
    Robots,
    Sitemap,
    Feed,
}

impl Export {
    pub const ALL: [Export; 7] = [
        Export::Graph,
        Export::GraphScript,
        Export::Sources,
        Export::Timeline,
        Export::Robots,
        Export::Sitemap,
        Export::Feed,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Export::Graph => "graph.json",
            Export::GraphScript => "graph-data.js",
            Export::Sources => "sources.json",
            Export::Timeline => "timeline.json",
            Export::Robots => "robots.txt",
            Export::Sitemap => "sitemap.xml",
            Export::Feed => "feed.xml",
        }
    }

    /// Whether the site has this file (a sitemap needs `base_url`, and a private site
    /// has none).
    pub fn wanted(self, site: &Site) -> bool {
        self != Export::Sitemap || (site.config.base_url.is_some() && !site.config.private)
    }

    pub fn render(self, site: &Site) -> Result<Vec<u8>, Error> {
        let json = |v: Value| Ok(html_safe_json(&v).into_bytes());
        match self {
            Export::Graph => Ok(graph(site).into_bytes()),
            Export::GraphScript => Ok(format!("dossierGraph({});\n", graph(site)).into_bytes()),
            Export::Sources => json(csl(site)),
            Export::Timeline => json(timeline(site)),
            // A private site asks every robot to stay out (the pages say `noindex` too).
            Export::Robots if site.config.private => Ok(b"User-agent: *\nDisallow: /\n".to_vec()),
            Export::Robots => {
                let mut robots = String::from("User-agent: *\nAllow: /\n");
                if let Some(base) = site.config.base_url() {
                    robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
                }
                Ok(robots.into_bytes())
            }
            Export::Sitemap => Ok(sitemap(site, &site.config.base_url().unwrap_or_default()).into_bytes()),
            Export::Feed => Ok(super::feed::atom(site).into_bytes()),
        }
    }
}

/// JSON with `<`, `>` and `&` written as `\u003c` etc.: the same data, but inert if
/// a consumer pastes it into HTML (titles and tags are user text).
pub fn html_safe_json(value: &Value) -> String {
    html_safe(value.to_string())
}

fn html_safe(text: String) -> String {
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

fn kind(k: PageKind) -> &'static str {
    match k {
        PageKind::Source => "source",
        _ => "note",
    }
}

/// A node of `graph.json`, borrowing from the site (the graph of a big site is the
/// biggest export; built as `serde_json::Value`s it took 17 KB a note at peak).
#[derive(Serialize)]
struct Node<'a> {
    id: Cow<'a, str>,
    kind: &'static str,
    title: &'a str,
    url: Cow<'a, str>,
}

/// Fields in alphabetical order, as `graph.json` always had them.
#[derive(Serialize)]
struct Edge<'a> {
    kind: &'static str,
    source: &'a str,
    target: Cow<'a, str>,
}

#[derive(Serialize)]
struct Graph<'a> {
    edges: Vec<Edge<'a>>,
    nodes: Vec<Node<'a>>,
}

pub fn graph(site: &Site) -> String {
    let mut nodes: Vec<Node> = site
        .pages
        .iter()
        .map(|p| Node { id: p.url.as_str().into(), kind: kind(p.kind), title: &p.title, url: p.url.as_str().into() })
        .collect();
    for (slug, (name, _)) in &site.tags {
        nodes.push(Node {
            id: format!("tag:{slug}").into(),
            kind: "tag",
            title: name,
            url: super::nav::tag_url(name).into(),
        });
    }
    let mut edges = BTreeSet::new();
    for page in &site.pages {
        for (link, target) in page.doc.links.iter().zip(&site.targets[page.id]) {
            if let Target::Page { page: to, .. } = target {
                if *to != page.id {
                    let kind = if link.kind == LinkKind::Related { "related" } else { "link" };
                    edges.insert((page.url.as_str(), site.pages[*to].url.as_str(), kind));
                }
            }
        }
        for c in &page.doc.citations {
            for item in &c.items {
                if let Some(&s) = site.sources.get(&item.key) {
                    edges.insert((page.url.as_str(), site.pages[s].url.as_str(), "cites"));
                }
            }
        }
    }
    let mut edges: Vec<Edge> =
        edges.into_iter().map(|(source, target, kind)| Edge { kind, source, target: target.into() }).collect();
    for (slug, (_, pages)) in &site.tags {
        for &p in pages {
            edges.push(Edge { source: &site.pages[p].url, target: format!("tag:{slug}").into(), kind: "tagged" });
        }
    }
    html_safe(serde_json::to_string(&Graph { edges, nodes }).unwrap_or_default())
}

/// CSL-JSON: one item per source.
pub fn csl(site: &Site) -> Value {
    let items: Vec<Value> = site
        .sources
        .iter()
        .map(|(key, &p)| {
            let page = &site.pages[p];
            let m = &page.meta;
            let mut item = json!({
                "id": key,
                "type": if m.kamerstuk.is_some() || m.kind.as_deref() == Some("kamerbrief") { "document" } else { "report" },
                "title": page.title,
            });
            if let Some(a) = &m.author {
                item["author"] = json!([{ "literal": a }]);
            }
            if let Some(d) = &m.date {
                item["issued"] = d.csl();
            }
            if let Some(k) = &m.kamerstuk {
                item["number"] = json!(official_citation(k));
                item["collection-title"] = json!(format!("Kamerstukken II {}", k.vergaderjaar));
                item["publisher"] = json!("Tweede Kamer der Staten-Generaal");
            }
            if let Some(url) = link(page) {
                item["URL"] = json!(url);
            }
            if let Some(id) = &m.document_id {
                item["archive_location"] = json!(id);
            }
            if let Some(role) = &m.role {
                item["note"] = json!(role);
            }
            if let Some(n) = m.pages {
                item["number-of-pages"] = json!(n);
            }
            item
        })
        .collect();
    Value::Array(items)
}

pub fn timeline(site: &Site) -> Value {
    let mut sources: Vec<_> = site.sources.iter().map(|(k, &p)| (k, &site.pages[p])).collect();
    sources.sort_by_key(|(k, p)| (p.meta.date.is_none(), p.meta.date.map(|d| d.sort_key()), (*k).clone()));
    Value::Array(
        sources
            .into_iter()
            .map(|(k, p)| {
                json!({
                    "key": k,
                    "title": p.title,
                    "url": p.url,
                    "date": p.meta.date.map(|d| d.to_string()),
                    "date_note": p.meta.date_note,
                    "cited": site.cited_by[p.id].len(),
                })
            })
            .collect(),
    )
}

fn sitemap(site: &Site, base: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in &site.pages {
        out.push_str("  <url><loc>");
        out.push_str(&escape_html(&format!("{base}{}", p.url)));
        out.push_str("</loc>");
        let changed = site.changes.get(p.id).and_then(|f| f.changed.as_ref()).map(|c| c.date);
        if let Some((y, m, d)) = changed.or(p.meta.date).and_then(|d| d.day()) {
            out.push_str(&format!("<lastmod>{y:04}-{m:02}-{d:02}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
