//! Hostile input: nothing a note says may turn into running script, in pages or data.

use crate::support::scan::executable;
use crate::support::{fixture, tree};

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = fixture("escape");
    // A script URL as a source's address is refused outright.
    let run = site.check(&[]);
    assert!(
        run.stderr.contains(
            "content/sources/bron.md:4:1: error: source url `javascript:alert('url')` is not an http(s) address"
        ),
        "{}",
        run.stderr
    );
    let bron = std::fs::read_to_string(site.path("content/sources/bron.md")).unwrap();
    site.write("content/sources/bron.md", &bron.replace("javascript:alert('url')", "https://example.org/bron"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in tree(&site.path("output")) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            let bad = executable(&text);
            assert!(bad.is_empty(), "{path}: {bad:?}");
            checked += 1;
        }
        if path.ends_with(".json") {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            let _: serde_json::Value = serde_json::from_str(&text).unwrap();
            checked += 1;
        }
        // Data written as scripts (search index, graph) must be one call with a JSON
        // literal and nothing else, so no text can break out into code.
        if let Some(name) = path.strip_prefix("search/").and_then(|p| p.strip_suffix(".js")) {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            crate::support::search_data(&text, name);
            checked += 1;
        }
        if path == "graph-data.js" {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            let json = text.strip_prefix("dossierGraph(").and_then(|t| t.strip_suffix(");\n")).expect("one call");
            let _: serde_json::Value = serde_json::from_str(json).unwrap();
            checked += 1;
        }
    }
    assert!(checked > 12, "only {checked} files checked");
    let index = site.output("index.html");
    assert!(index.contains("&lt;script&gt;alert(&#x27;titel&#x27;)&lt;&#x2F;script&gt;"), "title not escaped");
    assert!(index.contains("<kbd>toets</kbd>"), "safe inline markup was lost");
    let graph = site.output("graph.json");
    assert!(graph.contains("\\u003cscript\\u003e"));
}

#[test]
fn raw_html_can_be_allowed_or_escaped() {
    let site = fixture("escape");
    let bron = std::fs::read_to_string(site.path("content/sources/bron.md")).unwrap();
    site.write("content/sources/bron.md", &bron.replace("javascript:alert('url')", "https://example.org/bron"));
    site.write("dossier.yaml", "raw_html: escape\n");
    assert_eq!(site.build().code, 0);
    let index = site.output("index.html");
    assert!(index.contains("&lt;div onclick="), "escape mode shows the HTML as text");
    assert!(executable(&index).is_empty());

    site.write("dossier.yaml", "raw_html: allow\n");
    assert_eq!(site.build().code, 0);
    assert!(site.output("index.html").contains("<div onclick=\"alert('div')\">"), "allow passes HTML through");

    site.write("dossier.yaml", "raw_html: loose\n");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("dossier.yaml:1:11: error: raw_html: unknown variant `loose`, expected one of `sanitize`, `allow`, `escape`"), "{}", run.stderr);
}
