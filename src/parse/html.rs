//! Raw HTML written in Markdown, governed by `raw_html` in `dossier.yaml`:
//! `sanitize` (default) keeps safe markup and drops scripts, event handlers and
//! `javascript:` URLs; `escape` shows it as text; `allow` passes it through untouched.

pub use crate::config::RawHtml;
use crate::text::escape_html;

/// Inline tags kept by `sanitize` (attributes are dropped: none of these needs one to
/// be useful, and attributes are where script hides).
const INLINE_TAGS: &[&str] = &[
    "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Whether an id or class name from note text is safe to write into an attribute as
/// it is: ASCII letters, digits, `-`, `_`, `.` and `:`, starting with a letter or digit.
pub fn safe_token(s: &str) -> bool {
    s.len() <= 200
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
}

/// A block of raw HTML (one or more lines), made safe.
pub fn block(html: &str, mode: RawHtml) -> String {
    match mode {
        RawHtml::Allow => html.to_string(),
        RawHtml::Escape => format!("<p>{}</p>\n", escape_html(html.trim_end())),
        RawHtml::Sanitize => {
            let mut clean = ammonia::Builder::default();
            clean.add_generic_attributes(["class", "id", "title", "lang"]).link_rel(Some("noopener noreferrer"));
            let mut out = clean.clean(html).to_string();
            out.push('\n');
            out
        }
    }
}

/// One inline tag (`<kbd>`, `</span>`, `<!-- x -->`), made safe.
pub fn inline(tag: &str, mode: RawHtml) -> String {
    match mode {
        RawHtml::Allow => tag.to_string(),
        RawHtml::Escape => escape_html(tag),
        RawHtml::Sanitize => {
            if tag.starts_with("<!--") {
                return String::new();
            }
            let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
            let (closing, inner) = match inner.strip_prefix('/') {
                Some(rest) => (true, rest),
                None => (false, inner),
            };
            let name: String =
                inner.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            if INLINE_TAGS.contains(&name.as_str()) {
                if closing {
                    format!("</{name}>")
                } else {
                    format!("<{name}>")
                }
            } else {
                escape_html(tag)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_keeps_markup_and_drops_script() {
        let out = block("<div class=\"x\" onclick=\"alert(1)\"><script>alert(1)</script><a href=\"javascript:alert(1)\">a</a></div>", RawHtml::Sanitize);
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("javascript"), "{out}");
        assert!(out.contains("<div class=\"x\">"), "{out}");
        assert_eq!(inline("<kbd onmouseover=\"x()\">", RawHtml::Sanitize), "<kbd>");
        assert_eq!(inline("</KBD>", RawHtml::Sanitize), "</kbd>");
        assert_eq!(inline("<img src=x onerror=alert(1)>", RawHtml::Sanitize), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(inline("<!-- note -->", RawHtml::Sanitize), "");
    }

    #[test]
    fn escape_and_allow() {
        assert_eq!(inline("<b>", RawHtml::Escape), "&lt;b&gt;");
        assert_eq!(inline("<b onclick=x>", RawHtml::Allow), "<b onclick=x>");
    }
}
