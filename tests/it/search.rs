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
    // The near lists are cut too, and hold every made-up word.
    for list in ["f", "r"] {
        let files = index(&site, "meta")["near"][list].as_array().unwrap().len();
        assert!(files > 10, "{files} {list} files");
        for n in 0..files {
            let bytes = site.output(&format!("search/{list}/{n}.js")).len();
            assert!(bytes <= dossier::search::NEAR_BYTES + 32, "{list}/{n}: {bytes} bytes");
        }
        let listed = all_terms(&site).into_keys().filter(|t| t.len() >= 4 && t.bytes().all(|b| b.is_ascii_lowercase()));
        assert_eq!(near_list(&site, list).len(), listed.count(), "{list}");
    }
}

/// A site for forgiving search: compounds whose parts are words of the site, inflected
/// forms, and a word that only looks like a compound.
fn forgiving_site() -> Site {
    let site = site_with(&[
        ("content/index.md", "---\ntitle: Start\n---\nWelkom.\n".as_bytes()),
        (
            "content/notes/omzetplafonds.md",
            "---\ntitle: Omzetplafonds\n---\nVerzekeraars spreken omzetplafonds en zorgplafonds af.\n".as_bytes(),
        ),
        (
            "content/notes/plafond.md",
            "---\ntitle: Het plafond\n---\nEen plafond is een grens aan de omzet. Over zorg en de wachtlijst.\n"
                .as_bytes(),
        ),
        (
            "content/notes/bemiddeling.md",
            "---\ntitle: Hulp\n---\nWachtlijstbemiddeling helpt; de arbeidsmarkt ook.\n".as_bytes(),
        ),
        (
            "content/notes/wachttijden.md",
            "---\ntitle: Wachttijden\n---\nDe wachtlijsten groeien. Wie wacht, krijgt bemiddeling. Arbeid in een lijst.\n"
                .as_bytes(),
        ),
        ("content/notes/geld.md", "---\ntitle: Geld\n---\nDe aanbieder is financieel gezond.\n".as_bytes()),
        (
            "content/notes/positie.md",
            "---\ntitle: Positie\n---\nDe financiële positie. De regering draagt een ring op de markt.\n".as_bytes(),
        ),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// Term → (exact doc URLs, compound-only doc URLs with their impacts).
fn entry_urls(site: &Site, term: &str) -> (Vec<String>, Vec<(String, u64)>) {
    let (exact, parts) = entry_impacts(site, term);
    (exact.into_iter().map(|(u, _)| u).collect(), parts)
}

/// Term → (exact doc URLs, compound-only doc URLs), each with its impacts.
#[allow(clippy::type_complexity)]
fn entry_impacts(site: &Site, term: &str) -> (Vec<(String, u64)>, Vec<(String, u64)>) {
    let meta = index(site, "meta");
    let urls = urls(site);
    let decode = |p: &Value| -> Vec<(String, u64)> {
        let mut id = 0;
        p.as_array()
            .unwrap()
            .chunks(2)
            .map(|c| {
                id += c[0].as_u64().unwrap();
                (urls[id as usize].clone(), c[1].as_u64().unwrap())
            })
            .collect()
    };
    for n in 0..meta["shards"].as_array().unwrap().len() {
        for e in index(site, &format!("t/{n}")).as_array().unwrap() {
            if e[0] == term {
                let exact = decode(&e[2]);
                let parts = if e.as_array().unwrap().len() > 3 {
                    assert_eq!(e[3].as_u64().unwrap() as usize * 2, e[4].as_array().unwrap().len(), "{e}");
                    decode(&e[4])
                } else {
                    vec![]
                };
                return (exact, parts);
            }
        }
    }
    panic!("no term {term}")
}

#[test]
fn compounds_are_found_under_their_parts() {
    let site = forgiving_site();
    // `plafond` is a word of the site, and so are `omzet` and `zorg`: the note that only
    // says omzetplafonds and zorgplafonds is filed under plafond, omzet and zorg, apart
    // from the documents that have the term itself.
    let (exact, parts) = entry_urls(&site, "plafond");
    assert_eq!(exact, ["notes/plafond.html"]);
    assert_eq!(parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["notes/omzetplafonds.html"]);
    for part in ["omzet", "zorg"] {
        let (exact, parts) = entry_urls(&site, part);
        assert_eq!(exact, ["notes/plafond.html"], "{part}");
        assert_eq!(parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["notes/omzetplafonds.html"], "{part}");
    }
    // The head of a three-part compound, its modifier, and the modifier's own parts.
    for part in ["bemiddel", "wachtlijst", "wacht", "lijst"] {
        let (_, parts) = entry_urls(&site, part);
        assert!(parts.iter().any(|p| p.0 == "notes/bemiddeling.html"), "{part}: {parts:?}");
    }
    // A linking s: arbeidsmarkt is arbeid + markt.
    for part in ["arbeid", "markt"] {
        assert_eq!(
            entry_urls(&site, part).1.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["notes/bemiddeling.html"]
        );
    }
    // The compound itself stays a term of its own.
    assert_eq!(entry_urls(&site, "omzetplafond").0, ["notes/omzetplafonds.html"]);
    // regering ends in the word ring, but rege is no word of the site: not a compound.
    assert_eq!(entry_urls(&site, "ring").1, []);
    assert!(!all_terms(&site).contains_key("rege"));
}

#[test]
fn a_compound_hit_weighs_less_than_the_word_itself() {
    let site = forgiving_site();
    // wachtlijst once in each of two short notes, and once inside wachtlijstbemiddeling
    // in a third: that one scores below both.
    let (exact, parts) = entry_impacts(&site, "wachtlijst");
    assert_eq!(exact.len(), 2);
    let part = parts.iter().find(|p| p.0 == "notes/bemiddeling.html").unwrap().1;
    for (url, impact) in &exact {
        assert!(part < *impact, "{url}: {impact}, compound-only {part}");
    }
}

#[test]
fn inflected_forms_share_a_term() {
    let site = forgiving_site();
    // financieel (Snowball alone left it financieel) and financiële.
    assert_eq!(pages_with(&site, "financiel"), ["notes/geld.html", "notes/positie.html"]);
    assert_eq!(pages_with(&site, "wachtlijst"), ["notes/plafond.html", "notes/wachttijden.html"]);
    let terms = all_terms(&site);
    assert!(!terms.contains_key("financieel") && !terms.contains_key("wachtlijsten"));
}

fn shared_len(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The terms of a near list (`f` or `r`) as search.js decodes them: (term, df class).
fn near_list(site: &Site, list: &str) -> Vec<(String, u32)> {
    let meta = index(site, "meta");
    let firsts = meta["near"][list].as_array().unwrap();
    let mut out = Vec::new();
    for (n, first) in firsts.iter().enumerate() {
        let text = index(site, &format!("{list}/{n}"));
        let mut prev = String::new();
        for (i, e) in text.as_str().unwrap().split(' ').enumerate() {
            let shared = e[..1].parse::<usize>().or_else(|_| usize::from_str_radix(&e[..1], 36)).unwrap();
            let class = u32::from_str_radix(&e[1..2], 36).unwrap();
            if i == 0 {
                assert_eq!(shared, 0, "the first entry of {list}/{n} stands alone");
            }
            let t = format!("{}{}", &prev[..shared], &e[2..]);
            if i == 0 {
                // meta names the file by the start of its first term, enough to sort after
                // the last term of the file before.
                let name = first.as_str().unwrap();
                assert!(t.starts_with(name), "{list}/{n}: {name} for {t}");
                if let Some(before) = out.last().map(|(t, _): &(String, u32)| t) {
                    let before: String = if list == "r" { before.chars().rev().collect() } else { before.clone() };
                    assert!(before.as_str() < name && name.len() <= shared_len(&before, &t) + 1, "{list}/{n}: {name}");
                }
            }
            prev = t.clone();
            out.push((if list == "r" { t.chars().rev().collect() } else { t }, class));
        }
    }
    out
}

#[test]
fn near_lists_hold_the_terms_for_typos_both_ways() {
    let site = forgiving_site();
    let terms = all_terms(&site);
    let forward = near_list(&site, "f");
    // Every term of letters a–z of four or more, in order, with ⌊log2 df⌋.
    let want: Vec<(String, u32)> = terms
        .iter()
        .filter(|(t, _)| t.len() >= 4 && t.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(t, (df, _))| (t.clone(), df.ilog2()))
        .collect();
    assert_eq!(forward, want);
    assert!(forward.iter().any(|(t, _)| t == "wachtlijst"));
    assert!(!forward.iter().any(|(t, _)| t == "een" || t.contains(char::is_numeric)));
    // The reversed list: the same terms, in the order of their reversed spelling.
    let reversed = near_list(&site, "r");
    let mut by_end = want.clone();
    by_end.sort_by_key(|(t, _)| t.chars().rev().collect::<String>());
    assert_eq!(reversed, by_end);
}
