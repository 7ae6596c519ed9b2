//! Looks for script in rendered output: what no note may ever produce, whatever it says.
//! Shared by the end-to-end tests (`tests/it/`) and the fuzz targets (`fuzz/`), which
//! include this file with `#[path]`.

/// Every way a rendered HTML file can run script, as found in it: `<script>` elements
/// (other than the default theme's own), `<iframe>`, `<object>`, `<embed>`, `on…=` event
/// handler attributes, and `javascript:`, `vbscript:` or `data:` URLs in any URL
/// attribute. dossier escapes `<` and `>` inside attribute values, so a tag runs from `<`
/// to the next `>`.
pub fn executable(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = Vec::new();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map(|c| open + c + 1).unwrap_or(rest.len());
        let tag = &rest[open..close];
        let after = &rest[close..];
        rest = after;
        let name: String = tag[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name == "script" && !theme_script(tag, after) || matches!(name.as_str(), "iframe" | "object" | "embed") {
            found.push(tag.to_string());
            continue;
        }
        if tag.starts_with("<!") || tag.starts_with("</") {
            continue;
        }
        let attributes = attributes(tag);
        let handler = attributes.iter().any(|(name, _)| {
            name.starts_with("on") && name[2..].chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        });
        let script_url = attributes.iter().any(|(name, value)| {
            let url_attr = matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "background" | "srcset" | "data"
            );
            let v: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
            url_attr && (v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:"))
        });
        let srcdoc = attributes.iter().any(|(name, _)| name == "srcdoc");
        if handler || script_url || srcdoc {
            found.push(tag.to_string());
        }
    }
    found
}

/// The default theme's scripts: its files under `assets/`, the search and graph data
/// it loads, the live-reload script of `serve`, its one inline script (the colour
/// scheme, set before first paint), and the link previews' JSON, a data block that never
/// runs, as long as nothing in it closes it (`<` is written `\u003c` in it).
fn theme_script(tag: &str, after: &str) -> bool {
    ["assets/dossier.js", "assets/graph.js", "assets/search.js", "graph-data.js", "__dossier/live.js"]
        .iter()
        .any(|s| tag.contains(s))
        || after.starts_with("try{var t=localstorage")
        || (tag == "<script type=\"application/json\" id=\"dossier-previews\">"
            && after.find('<').is_some_and(|i| after[i..].starts_with("</script>")))
}

/// `(name, value)` of each attribute of a tag, names lowercase, values unquoted (and
/// not HTML-decoded: dossier writes `&#…;` for quotes, and a browser decodes entities
/// before reading a URL, so decode the few that matter).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut chars = inner.chars().skip_while(|c| !c.is_whitespace()).peekable();
    let mut out = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            break;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|&c| c != q)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        out.push((name, decode(&value)));
    }
    out
}

fn decode(value: &str) -> String {
    value
        .replace("&#58;", ":")
        .replace("&colon;", ":")
        .replace("&#x3a;", ":")
        .replace("&#9;", "")
        .replace("&#10;", "")
        .replace("&tab;", "")
        .replace("&newline;", "")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::executable;

    #[test]
    fn finds_every_kind_of_script() {
        for bad in [
            "<script>x</script>",
            "<h2 id=a onfocus=alert(1) autofocus>",
            "<a href=\" JaVaScript:alert(1)\">",
            "<a href=\"java&#9;script:x\">",
            "<img src=\"data:text/html,x\">",
            "<iframe src=x>",
            "<p ONMOUSEOVER='x'>",
            "<svg><a xlink:href='javascript:x'>",
        ] {
            assert_eq!(executable(bad).len(), 1, "{bad}");
        }
        for fine in [
            "<script src=\"assets/dossier.js\" defer></script>",
            "<a href=\"x.html\" data-online=\"1\">online</a>",
            "<p>onclick=alert(1) in text</p>",
            "<a title=\"javascript:x\" href=\"y.html\">",
        ] {
            assert!(executable(fine).is_empty(), "{fine}");
        }
    }
}
