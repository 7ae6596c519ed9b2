//! Link previews: each page carries one JSON block with the title, summary and first
//! lines of every page its text links to (each once), and the definition of every
//! glossary term it marks, for dossier.js to show on hover and focus (from `file://`
//! too, so in the page and never fetched).

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::support::{fixture, site_with};

const OPEN: &str = "<script type=\"application/json\" id=\"dossier-previews\">";

/// The previews a page carries, or `None` without the block.
fn previews(html: &str) -> Option<Map<String, Value>> {
    let start = html.find(OPEN)? + OPEN.len();
    let end = start + html[start..].find("</script>").expect("the block is closed");
    assert_eq!(html.matches(OPEN).count(), 1, "one block per page");
    match serde_json::from_str(&html[start..end]).expect("the block is JSON") {
        Value::Object(map) => Some(map),
        other => panic!("not an object: {other}"),
    }
}

/// The site paths (with `#anchor`) the body's internal links of the page at `at` lead to.
fn internal_links(html: &str, at: &str) -> BTreeSet<String> {
    let body = &html[html.find("<div class=\"body\">").unwrap()..html.find(OPEN).unwrap_or(html.len())];
    let folder = at.rsplit_once('/').map_or("", |(f, _)| f);
    let mut out = BTreeSet::new();
    for part in body.split("<a href=\"").skip(1) {
        let (href, rest) = part.split_once('"').unwrap();
        if !rest.starts_with(" class=\"internal\"") || href.starts_with('#') {
            continue;
        }
        let mut path: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        for seg in href.split('/') {
            match seg {
                ".." => drop(path.pop()),
                s => path.push(s),
            }
        }
        let path = path.join("/");
        if path.split('#').next() != Some(at) {
            out.insert(path);
        }
    }
    out
}

#[test]
fn a_page_previews_every_page_it_links_to_once() {
    let site = fixture("site");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let alfa = site.output("notes/alfa.html");
    let p = previews(&alfa).expect("alfa links to other pages");
    let keys: BTreeSet<String> = p.keys().cloned().collect();
    // Every link in the text has its preview (the page, or the heading's section), and
    // nothing else is there: not the page itself (`[[#Tabellen]]`, `[[eerste notitie]]`).
    assert_eq!(keys, internal_links(&alfa, "notes/alfa.html"));
    assert_eq!(
        keys,
        ["map/delta.html", "map/delta.html#kop-in-delta", "notes/beta.html", "notes/beta.html#tweede-kop"]
            .map(String::from)
            .into()
    );
    // Title, summary, first lines (citations left out, headings skipped).
    let beta = &p["notes/beta.html"];
    assert_eq!(beta[0], "Beta");
    assert_eq!(beta[1], "De tweede notitie.");
    assert!(
        beta[2].as_str().unwrap().starts_with("Beta verwijst terug naar Alfa. Tekst onder de tweede kop."),
        "{beta}"
    );
    // A link to a heading previews that section, up to the next heading.
    assert_eq!(p["notes/beta.html#tweede-kop"], json!(["Beta › Tweede kop", null, "Tekst onder de tweede kop."]));
    // A page without a summary: its first lines only.
    assert_eq!(p["map/delta.html"], json!(["delta", null, "Delta zonder titel, naar Alfa. Tekst."]));
    // Linked three times, written once.
    assert_eq!(alfa.matches("\"notes/beta.html\":").count(), 1);
}

#[test]
fn a_glossary_term_previews_its_definition() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let beta = site.output("notes/beta.html");
    assert!(beta.contains(
        "<a class=\"gloss\" href=\"../begrippen.html#iza\"><abbr title=\"Integraal Zorgakkoord\">IZA</abbr></a>"
    ));
    let p = previews(&beta).unwrap();
    assert_eq!(p["begrippen.html#iza"], json!(["IZA", "Integraal Zorgakkoord", "Het Integraal Zorgakkoord."]));
    assert_eq!(p["notes/alfa.html"][0], "Alfa");
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn a_page_that_links_nowhere_has_no_previews() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    assert!(previews(&site.output("sources/bron.html")).is_none());
}

#[test]
fn preview_text_cannot_close_its_script() {
    let site = site_with(&[
        ("content/index.md", b"---\ntitle: Start\n---\nZie [[doel]].\n"),
        (
            "content/doel.md",
            b"---\ntitle: \"</script><script>alert(1)</script>\"\nsummary: \"<!-- en </SCRIPT \"\n---\nTekst </script> & <b>meer</b>.\n",
        ),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = site.output("index.html");
    let start = index.find(OPEN).unwrap() + OPEN.len();
    let block = &index[start..start + index[start..].find("</script>").unwrap()];
    assert!(!block.contains('<') && !block.contains('>'), "{block}");
    let p = previews(&index).unwrap();
    assert_eq!(p["doel.html"][0], "</script><script>alert(1)</script>");
}
