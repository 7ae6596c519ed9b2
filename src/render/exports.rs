//! Data files beside the pages, for the theme's scripts and for other tools:
//!
//! - `graph.json`: `{ "nodes": [{id, kind, title, url}], "edges": [{source, target, kind}] }`
//!   with node kinds `note`, `source`, `tag` and edge kinds `link`, `related`, `topic`, `cites`,
//!   `tagged`. Ids are page URLs, or `tag:<slug>`.
//! - `graph-data.js`: the same graph, compact ([`graph_script`]), as a script that the
//!   graph page loads with a `<script>` element: browsers refuse `fetch()` in a page
//!   opened from disk (`file://`) but run its scripts.
//! - `sources.json`: the sources in CSL-JSON, importable by Zotero and other reference
//!   managers.
//! - `timeline.json`: sources by date (`[{key, title, url, date, date_note}]`, undated last).
//! - `commitments.json` and `commitments.csv` (sites with commitments): see
//!   [`commitments`] for the fields.
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
    Commitments,
    CommitmentsCsv,
    Robots,
    Sitemap,
    Feed,
}

impl Export {
    pub const ALL: [Export; 9] = [
        Export::Graph,
        Export::GraphScript,
        Export::Sources,
        Export::Timeline,
        Export::Commitments,
        Export::CommitmentsCsv,
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
            Export::Commitments => "commitments.json",
            Export::CommitmentsCsv => "commitments.csv",
            Export::Robots => "robots.txt",
            Export::Sitemap => "sitemap.xml",
            Export::Feed => "feed.xml",
        }
    }

    /// Whether the site has this file (a sitemap needs `base_url`, and a private site
    /// has none; the commitment files need commitments).
    pub fn wanted(self, site: &Site) -> bool {
        match self {
            Export::Sitemap => site.config.base_url.is_some() && !site.config.private,
            Export::Commitments | Export::CommitmentsCsv => !site.commitments.is_empty(),
            _ => true,
        }
    }

    pub fn render(self, site: &Site) -> Result<Vec<u8>, Error> {
        let json = |v: Value| Ok(html_safe_json(&v).into_bytes());
        match self {
            Export::Graph => Ok(graph(site).into_bytes()),
            Export::GraphScript => Ok(graph_script(site).into_bytes()),
            Export::Sources => json(csl(site)),
            Export::Timeline => json(timeline(site)),
            Export::Commitments => json(commitments(site)),
            Export::CommitmentsCsv => Ok(commitments_csv(site).into_bytes()),
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

/// The graph once, for both files: nodes are the pages (by id) then the tags (in
/// `site.tags` order); edges are (from, to, kind) as node indices: links and citations
/// sorted and unique, then each tag's pages.
struct GraphData<'a> {
    tags: Vec<(String, &'a str)>,
    edges: Vec<(usize, usize, &'static str)>,
}

/// The edge kinds, in the order `graph-data.js` numbers them.
const EDGE_KINDS: [&str; 5] = ["link", "related", "topic", "cites", "tagged"];
/// The node kinds, in the order `graph-data.js` numbers them.
const NODE_KINDS: [&str; 3] = ["note", "source", "tag"];

impl<'a> GraphData<'a> {
    fn new(site: &'a Site) -> Self {
        let mut edges = BTreeSet::new();
        for page in &site.pages {
            for (link, target) in page.doc.links.iter().zip(site.targets[page.id].iter()) {
                if let Target::Page { page: to, .. } = target {
                    if *to != page.id {
                        let kind = match link.kind {
                            LinkKind::Related => "related",
                            LinkKind::Topic => "topic",
                            _ => "link",
                        };
                        edges.insert((page.id, *to, kind));
                    }
                }
            }
            for c in &page.doc.citations {
                for item in &c.items {
                    if let Some(&s) = site.sources.get(&item.key) {
                        edges.insert((page.id, s, "cites"));
                    }
                }
            }
        }
        let mut edges: Vec<_> = edges.into_iter().collect();
        let mut tags = Vec::with_capacity(site.tags.len());
        for (slug, (name, pages)) in &site.tags {
            let node = site.pages.len() + tags.len();
            tags.push((slug.clone(), name.as_str()));
            edges.extend(pages.iter().map(|&p| (p, node, "tagged")));
        }
        GraphData { tags, edges }
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
    target: &'a str,
}

#[derive(Serialize)]
struct Graph<'a, 'b> {
    edges: Vec<Edge<'b>>,
    nodes: &'b [Node<'a>],
}

/// `graph.json`: nodes and edges spelled out, for other tools.
pub fn graph(site: &Site) -> String {
    let data = GraphData::new(site);
    let mut nodes: Vec<Node> = site
        .pages
        .iter()
        .map(|p| Node { id: p.url.as_str().into(), kind: kind(p.kind), title: &p.title, url: p.url.as_str().into() })
        .collect();
    for (slug, name) in &data.tags {
        nodes.push(Node {
            id: format!("tag:{slug}").into(),
            kind: "tag",
            title: name,
            url: super::nav::tag_url(name).into(),
        });
    }
    let edges =
        data.edges.iter().map(|&(from, to, kind)| Edge { kind, source: &nodes[from].id, target: &nodes[to].id });
    html_safe(serde_json::to_string(&Graph { edges: edges.collect(), nodes: &nodes }).unwrap_or_default())
}

/// `graph-data.js`, what the graph page draws, in the fewest bytes that keep it plain
/// JSON: `dossierGraph({"nodes":[[url, title, kind], …], "edges":[from, to, kind, …]})`,
/// node kinds numbered as [`NODE_KINDS`], edge kinds as [`EDGE_KINDS`], edges as node
/// indices, three numbers each. A tenth of `graph.json`'s size.
pub fn graph_script(site: &Site) -> String {
    let data = GraphData::new(site);
    let number = |kinds: &[&str], k: &str| kinds.iter().position(|&x| x == k).unwrap_or(0);
    let mut nodes: Vec<(&str, &str, usize)> =
        site.pages.iter().map(|p| (p.url.as_str(), p.title.as_str(), number(&NODE_KINDS, kind(p.kind)))).collect();
    let tag_urls: Vec<String> = data.tags.iter().map(|(_, name)| super::nav::tag_url(name)).collect();
    nodes.extend(data.tags.iter().zip(&tag_urls).map(|((_, name), url)| (url.as_str(), *name, 2)));
    let edges: Vec<usize> =
        data.edges.iter().flat_map(|&(from, to, kind)| [from, to, number(&EDGE_KINDS, kind)]).collect();
    // One node a line: readable, and no `[[` or `]]` that a check for leftover
    // wikilinks in the output would trip over.
    let mut json = String::from("{\"nodes\":[\n");
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            json.push_str(",\n");
        }
        json.push_str(&serde_json::to_string(node).unwrap_or_default());
    }
    json.push_str("\n],\"edges\":");
    json.push_str(&serde_json::to_string(&edges).unwrap_or_default());
    json.push('}');
    format!("dossierGraph({});\n", html_safe(json))
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
                if let Some(year) = &k.vergaderjaar {
                    item["collection-title"] = json!(format!("Kamerstukken II {year}"));
                }
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

/// `commitments.json`: `{ "as_of": "YYYY-MM-DD", "commitments": [ … ] }`, the day
/// "overdue" was judged on, and per commitment, in page order:
/// `title`, `url` (from the site root), `type` (`motion`, `commitment`, `request`),
/// `status` (`open`, `in-progress`, `done`, `dropped`, `unknown`), `date`, `due` (EDTF
/// or null), `overdue`, `submitters`, `kamerstuk` (`Kamerstuk 25 424, nr. 514`), `topics`
/// (`[{title, url}]`), `origin` (the key of the letter it came from), `first_mentioned`
/// and `last_mentioned` (`{key, date}` of the earliest and latest dated letter citing
/// it), and `sources` (every cited key, in date order).
pub fn commitments(site: &Site) -> Value {
    let (y, m, d) = site.today;
    let key = |p: usize| site.pages[p].key.clone();
    let mention = |m: Option<crate::model::commitment::Mention>| {
        m.map(|m| json!({ "key": key(m.source), "date": m.date.to_string() }))
    };
    let list: Vec<Value> = site
        .commitments
        .iter()
        .map(|c| {
            let page = &site.pages[c.page];
            json!({
                "title": page.title,
                "url": page.url,
                "type": c.kind.name(),
                "status": c.status.name(),
                "date": c.date.map(|d| d.to_string()),
                "due": c.due.map(|d| d.to_string()),
                "overdue": c.overdue,
                "submitters": page.meta.submitters,
                "kamerstuk": page.meta.kamerstuk.as_ref().map(official_citation),
                "topics": c.topics.iter().map(|&t| json!({ "title": site.pages[t].title, "url": site.pages[t].url })).collect::<Vec<_>>(),
                "origin": c.origin().and_then(key),
                "first_mentioned": mention(c.first),
                "last_mentioned": mention(c.last),
                "sources": c.sources.iter().filter_map(|&s| key(s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "as_of": format!("{y:04}-{m:02}-{d:02}"), "commitments": list })
}

/// `commitments.csv`: the same as `commitments.json`, one row per commitment, for a
/// spreadsheet: semicolon-separated (Excel in a Dutch locale splits on it), UTF-8 with
/// a byte-order mark (or Excel misreads the accents), CRLF line ends, every field
/// quoted; lists joined with ` | `. A field starting with `=`, `+`, `-` or `@` gets a
/// leading `'`, so a spreadsheet never runs a title as a formula.
pub fn commitments_csv(site: &Site) -> String {
    const HEADER: [&str; 13] = [
        "title",
        "type",
        "status",
        "date",
        "due",
        "overdue",
        "submitters",
        "kamerstuk",
        "topics",
        "origin",
        "first_mentioned",
        "last_mentioned",
        "url",
    ];
    let field = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
        format!("\"{}\"", text.replace('"', "\"\""))
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.iter().map(|h| field(h)).collect::<Vec<_>>().join(";"));
    out.push_str("\r\n");
    let data = commitments(site);
    for c in data["commitments"].as_array().into_iter().flatten() {
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
            Value::Object(o) => {
                let mut parts: Vec<String> =
                    o.get("key").and_then(Value::as_str).map(str::to_string).into_iter().collect();
                parts.extend(o.get("date").and_then(Value::as_str).map(str::to_string));
                parts.join(" ")
            }
            other => other.to_string(),
        };
        let list = |v: &Value| {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|x| x.get("title").map_or_else(|| text(x), text))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let row = [
            text(&c["title"]),
            text(&c["type"]),
            text(&c["status"]),
            text(&c["date"]),
            text(&c["due"]),
            text(&c["overdue"]),
            list(&c["submitters"]),
            text(&c["kamerstuk"]),
            list(&c["topics"]),
            text(&c["origin"]),
            text(&c["first_mentioned"]),
            text(&c["last_mentioned"]),
            text(&c["url"]),
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}
