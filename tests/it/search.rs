//! The search index under `output/search/`, read as the theme's search.js reads it:
//! meta, term shards, tag lists and per-document files, each a script that hands its
//! JSON to `dossierSearch(name, data)`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{search_data, site_with, Site};

/// A small site: notes with Dutch inflections and diacritics, one with markup in its
/// title and text, a tag, and two sources.
fn small_site() -> Site {
    let site = site_with(&[
        ("content/index.md", "---\ntitle: Start\n---\nWelkom. Zie [[Plafond]].\n".as_bytes()),
        (
            "content/notes/financien.md",
            "---\ntitle: Financiële zorgplafonds\ntags: [bekostiging]\n---\nDe verzekeraars spreken zorgplafonds af. Zie [[Plafond]].\n"
                .as_bytes(),
        ),
        (
            "content/notes/plafond.md",
            "---\ntitle: Plafond\ntags: [bekostiging]\n---\nEen zorgplafond per aanbieder; de financiele kant.\n".as_bytes(),
        ),
        (
            "content/notes/markup.md",
            "---\ntitle: \"<script>alert(1)</script> & co\"\n---\nTekst met `<script>` & <b>vet</b> erin.\n".as_bytes(),
        ),
        ("content/sources/kst-1.md", "---\ntitle: Brief over wachtlijsten\n---\nDe wachtlijst groeit.\n".as_bytes()),
        ("content/sources/kst-2.md", "---\ntitle: Tweede brief\n---\nOver crisisdiensten.\n".as_bytes()),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The data of index file `name` (`meta`, `t/0`, `d/3`, …).
fn index(site: &Site, name: &str) -> Value {
    search_data(&site.output(&format!("search/{name}.js")), name)
}

/// The shard entries of the whole index: term → (df, doc ids).
fn all_terms(site: &Site) -> BTreeMap<String, (u64, Vec<u64>)> {
    let meta = index(site, "meta");
    let mut out = BTreeMap::new();
    for n in 0..meta["shards"].as_array().unwrap().len() {
        let shard = index(site, &format!("t/{n}"));
        assert_eq!(shard[0][0], meta["shards"][n], "meta names the first term of shard {n}");
        for e in shard.as_array().unwrap() {
            let postings = e[2].as_array().unwrap();
            let mut id = 0;
            let ids = postings
                .chunks(2)
                .map(|p| {
                    id += p[0].as_u64().unwrap();
                    let impact = p[1].as_u64().unwrap();
                    assert!((1..=255).contains(&impact), "{e}");
                    id
                })
                .collect();
            let term = e[0].as_str().unwrap().to_string();
            if let Some((last, _)) = out.last_key_value() {
                assert!(*last < term, "terms are sorted: {last} before {term}");
            }
            out.insert(term, (e[1].as_u64().unwrap(), ids));
        }
    }
    out
}

/// Doc id → page URL.
fn urls(site: &Site) -> Vec<String> {
    let n = index(site, "meta")["docs"].as_u64().unwrap();
    (0..n).map(|i| index(site, &format!("d/{i}"))["url"].as_str().unwrap().to_string()).collect()
}

fn pages_with(site: &Site, term: &str) -> Vec<String> {
    let terms = all_terms(site);
    let urls = urls(site);
    let Some((_, ids)) = terms.get(term) else { panic!("no term {term}") };
    ids.iter().map(|&i| urls[i as usize].clone()).collect()
}

#[test]
fn words_are_found_folded_and_stemmed() {
    let site = small_site();
    // `Financiële` in a title and `financiele` in a text are one term.
    assert_eq!(pages_with(&site, "financiel"), ["notes/financien.html", "notes/plafond.html"]);
    // Plural and singular stem to the same term, and only that one is indexed.
    assert_eq!(pages_with(&site, "zorgplafond"), ["notes/financien.html", "notes/plafond.html"]);
    assert!(!all_terms(&site).contains_key("zorgplafonds"));
    assert_eq!(pages_with(&site, "wachtlijst"), ["sources/kst-1.html"]);
    assert!(!std::path::Path::new(&site.path("output/search.json")).exists(), "the old whole-index file is gone");
}

#[test]
fn titles_outrank_body_text() {
    let site = small_site();
    let meta = index(&site, "meta");
    let terms = all_terms(&site);
    assert!(meta["shards"].as_array().unwrap().len() == 1);
    let shard = index(&site, "t/0");
    let entry = shard.as_array().unwrap().iter().find(|e| e[0] == "zorgplafond").unwrap();
    let urls = urls(&site);
    let (_, ids) = &terms["zorgplafond"];
    let impact =
        |url: &str| entry[2][ids.iter().position(|&i| urls[i as usize] == url).unwrap() * 2 + 1].as_u64().unwrap();
    assert!(impact("notes/financien.html") > impact("notes/plafond.html"), "{entry}");
}

#[test]
fn kinds_are_ranges_and_tags_list_their_documents() {
    let site = small_site();
    let meta = index(&site, "meta");
    assert_eq!(meta["version"], 4);
    assert_eq!(meta["docs"], 6);
    assert_eq!(meta["kinds"]["note"], serde_json::json!([0, 4]));
    assert_eq!(meta["kinds"]["source"], serde_json::json!([4, 6]));
    for i in 0..6 {
        let doc = index(&site, &format!("d/{i}"));
        assert_eq!(doc["kind"], if i < 4 { "note" } else { "source" }, "{doc}");
    }
    // The tag list is a file of its own, fetched when the tag filter is first used.
    assert_eq!(meta["tag_count"], 1);
    assert!(meta.get("tags").is_none());
    assert_eq!(index(&site, "tags"), serde_json::json!([["bekostiging", "bekostiging", 2]]));
    let ids: Vec<u64> = serde_json::from_value(index(&site, "tags/bekostiging")).unwrap();
    let urls = urls(&site);
    let tagged: Vec<&str> = ids.iter().map(|&i| urls[i as usize].as_str()).collect();
    assert_eq!(tagged, ["notes/financien.html", "notes/plafond.html"]);
}

#[test]
fn document_files_are_inert_json() {
    let site = small_site();
    let urls = urls(&site);
    let id = urls.iter().position(|u| u == "notes/markup.html").unwrap();
    let raw = site.output(&format!("search/d/{id}.js"));
    assert!(!raw.contains('<') && !raw.contains('>') && !raw.contains('&'), "{raw}");
    assert!(raw.contains("\\u003cscript\\u003e"), "{raw}");
    let doc = index(&site, &format!("d/{id}"));
    assert_eq!(doc["title"], "<script>alert(1)</script> & co");
    assert!(doc["text"].as_str().unwrap().contains("<script>"), "{doc}");
    assert_eq!(doc["url"], "notes/markup.html");
}

#[test]
fn shards_stay_under_the_size_cap() {
    // 80 notes of 400 made-up words each: far more terms than one shard holds.
    let mut files: Vec<(String, Vec<u8>)> = vec![("content/index.md".into(), b"# Start\n".to_vec())];
    let mut seed = 7u64;
    for n in 0..80 {
        let mut text = format!("---\ntitle: Notitie {n}\n---\n");
        for _ in 0..400 {
            let mut word = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                word.push((b'a' + (seed >> 33) as u8 % 26) as char);
            }
            text.push_str(&word);
            text.push(' ');
        }
        files.push((format!("content/n{n}.md"), text.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    let site = site_with(&refs);
    assert_eq!(site.build().code, 0);
    let meta = index(&site, "meta");
    let shards = meta["shards"].as_array().unwrap().len();
    assert!(shards > 10, "{shards} shards");
    for n in 0..shards {
        // The cap is on the JSON; the `dossierSearch("t/N",…);` around it adds a few bytes.
        let bytes = site.output(&format!("search/t/{n}.js")).len();
        assert!(bytes <= dossier::search::SHARD_BYTES + 32, "shard {n}: {bytes} bytes");
    }
    assert!(!site.path(&format!("output/search/t/{shards}.js")).exists());
    assert!(all_terms(&site).len() > 30_000, "every made-up word is a term");
}
