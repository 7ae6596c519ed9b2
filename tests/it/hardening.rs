//! Hostile input: nothing a note says may turn into running script, in pages or data.

use crate::support::{fixture, tree};

/// Every way HTML can run script, looked for in a rendered file: `<script>` elements
/// (other than the theme's own), `<iframe>`s, `on…=` event-handler attributes and
/// `javascript:` URLs in `href`/`src`. Our output escapes `<` and `>` inside attribute
/// values, so a tag runs from `<` to the next `>`.
fn executable(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = Vec::new();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map(|c| open + c + 1).unwrap_or(rest.len());
        let tag = &rest[open..close];
        let after = &rest[close..];
        rest = after;
        let name: String = tag[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let ours = tag.contains("assets/dossier.js") || after.starts_with("try{var t=localstorage");
        if (name == "script" && !ours) || name == "iframe" || name == "object" || name == "embed" {
            found.push(tag.to_string());
            continue;
        }
        // Attribute names outside quoted values, and href/src values.
        let mut outside = String::new();
        let mut values = Vec::new();
        let mut chars = tag.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' || c == '\'' {
                let value: String = chars.by_ref().take_while(|&v| v != c).collect();
                values.push((outside.clone(), value));
                outside.push(' ');
            } else {
                outside.push(c);
            }
        }
        let handler = outside.split(|c: char| c.is_whitespace() || c == '/').any(|a| {
            a.starts_with("on") && a.contains('=') && a[2..].chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        });
        let script_url = values.iter().any(|(before, v)| {
            let attr = before.trim_end().trim_end_matches('=');
            (attr.ends_with("href") || attr.ends_with("src") || attr.ends_with("action"))
                && v.trim().starts_with("javascript:")
        });
        if handler || script_url {
            found.push(tag.to_string());
        }
    }
    found
}

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
