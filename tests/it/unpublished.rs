//! `publish: false` (issue 18): nothing of such a page reaches any output file, not its
//! title, its text, its file name, its alias, its tag or its headings, whether in
//! pages, the search index, the graph, the feed, the sitemap or the JSON exports; links
//! to it render as plain, unresolved text.

use crate::fresh::git;
use crate::support::{site_with, tree};

const SECRET: &[u8] = b"---
title: Vertrouwelijk voorstel Zwaluwstaart
summary: Samenvatting met het woord sperwerslag.
publish: false
aliases: [Operatie Reiger]
tags: [tagverborgen]
related: [Openbaar]
glossary: {ZWK: Zwaluwkunde}
---
De kraanvogels vertrekken op dinsdag om middernacht [@brief, p. 2].

## Uitwerking ijsvogel

## ZWK

Meer over [[Openbaar]].
";

const PUBLIC: &[u8] = b"---
title: Openbaar
summary: Een openbare notitie.
tags: [beleid]
---
Zie [[geheim-plan-kwartel|een voorstel]], [het andere voorstel](geheim-plan-kwartel.md) en
[[Operatie Reiger|de operatie]]. Ook [[Start]] en [@brief, p. 1].

![[geheim-plan-kwartel|ingesloten stuk]]
";

/// Lower-cased words of the secret page that must appear nowhere in the output.
const NEEDLES: &[&str] = &[
    "zwaluwstaart",
    "kraanvogel",
    "middernacht",
    "kwartel",
    "reiger",
    "tagverborgen",
    "ijsvogel",
    "sperwerslag",
    "zwaluwkunde",
    "zwk",
];

#[test]
fn nothing_of_an_unpublished_page_reaches_any_output_file() {
    let site = site_with(&[
        ("dossier.yaml", b"title: Openbaar dossier\nbase_url: https://example.org/\n"),
        ("content/index.md", b"---\ntitle: Start\n---\nNaar [[Openbaar]].\n"),
        ("content/notes/openbaar.md", PUBLIC),
        ("content/notes/geheim-plan-kwartel.md", SECRET),
        ("content/sources/brief.md", b"---\ntitle: Een brief\ndate: 2024-02-03\npages: 4\n---\nDe brief.\n"),
    ]);
    // In git, so the secret page has a history too (which must not reach the feed).
    git(site.root(), "2025-03-03T12:00:00Z", &["init", "-q"]);
    git(site.root(), "2025-03-03T12:00:00Z", &["add", "."]);
    git(site.root(), "2025-03-03T12:00:00Z", &["commit", "-qm", "alles"]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = tree(&site.path("output"));
    assert!(files.iter().any(|(p, _)| p.starts_with("search/")), "the search index is checked too");
    for must in
        ["graph.json", "graph-data.js", "feed.xml", "sitemap.xml", "sources.json", "timeline.json", "changes.html"]
    {
        assert!(files.iter().any(|(p, _)| p == must), "{must} is not in the output");
    }
    let mut leaks = Vec::new();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for needle in NEEDLES {
            if path.to_lowercase().contains(needle) {
                leaks.push(format!("{path}: its name has `{needle}`"));
            }
            // `zwk` only as a word: it is short.
            let found = if *needle == "zwk" {
                text.split(|c: char| !c.is_alphanumeric()).any(|w| w == "zwk")
            } else {
                text.contains(needle)
            };
            if found {
                let at = text.find(needle).unwrap_or(0);
                let context: String =
                    text.chars().skip(text[..at].chars().count().saturating_sub(60)).take(140).collect();
                leaks.push(format!("{path}: `{needle}` in …{context}…"));
            }
        }
    }
    assert!(leaks.is_empty(), "the unpublished page leaks:\n{}", leaks.join("\n"));

    // Links to it are plain text, not links and not "broken".
    let html = site.output("notes/openbaar.html");
    for label in ["een voorstel", "het andere voorstel", "de operatie"] {
        assert!(html.contains(&format!("<span class=\"unpublished\">{label}</span>")), "{label}: {html}");
    }
    assert!(!html.contains("class=\"unresolved\""), "a link to an unpublished page is not a broken link");
    assert!(!site.path("output/missing.html").exists() || !site.output("missing.html").contains("voorstel"));
}
