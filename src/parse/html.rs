//! Raw HTML written in Markdown, governed by `raw_html` in `dossier.yaml`: `sanitize`
//! (default) keeps safe markup and drops scripts, event handlers, other attributes and
//! script URLs; `escape` shows it as text; `allow` passes it through untouched.
//!
//! Sanitizing works tag by tag, over the whole page: a `<details>` opened in one HTML
//! block and closed in another, with Markdown between them, stays one element (as
//! CommonMark means it), a closing tag nothing opened is dropped, and whatever is still
//! open at the end of the page is closed there, so a note can never break the theme's
//! markup around it. Every tag is written anew from an allow-list, never copied, and
//! every attribute value escaped. Links and images to relative addresses come back as
//! [`Piece::Link`] and [`Piece::Image`], so they are resolved, checked and reported like
//! Markdown links.

pub use crate::config::RawHtml;
use crate::text::escape_html;

/// Elements kept by `sanitize`.
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements without content or closing tag.
const VOID: &[&str] = &["br", "col", "hr", "img", "wbr"];

/// Elements dropped with everything in them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "noscript", "template", "textarea", "title", "xmp", "object", "noembed", "svg", "math",
];

/// Whether an id or class name from note text is safe to write into an attribute as
/// it is: ASCII letters, digits, `-`, `_`, `.` and `:`, starting with a letter or digit.
pub fn safe_token(s: &str) -> bool {
    s.len() <= 200
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
}

/// What sanitized raw HTML becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Html(String),
    /// `<a href="relative">`: a link to resolve (its closing tag is [`Piece::LinkEnd`]).
    Link {
        dest: String,
        title: Option<String>,
    },
    LinkEnd,
    /// `<img src="relative">`: an image to resolve.
    Image {
        src: String,
        alt: String,
        title: Option<String>,
    },
}

/// Raw HTML of one page, tag by tag, with what is still open.
#[derive(Debug, Default)]
pub struct Sanitizer {
    open: Vec<String>,
    /// Per open `<a>`, whether it became a [`Piece::Link`].
    links: Vec<bool>,
    /// Inside an element dropped with its content, until its closing tag.
    dropping: Option<String>,
}

impl Sanitizer {
    /// Raw HTML (a block, or one inline tag) in `mode`. A block ends with a newline.
    pub fn clean(&mut self, html: &str, mode: RawHtml, block: bool) -> Vec<Piece> {
        match mode {
            RawHtml::Allow => vec![Piece::Html(html.to_string())],
            RawHtml::Escape if block => vec![Piece::Html(format!("<p>{}</p>\n", escape_html(html.trim_end())))],
            RawHtml::Escape => vec![Piece::Html(escape_html(html))],
            RawHtml::Sanitize => {
                let mut out = Vec::new();
                self.sanitize(html, &mut out);
                if block {
                    push_html(&mut out, "\n");
                }
                out
            }
        }
    }

    /// What closes the elements still open at the end of the page.
    pub fn finish(&mut self) -> Vec<Piece> {
        let mut out = Vec::new();
        while let Some(name) = self.open.pop() {
            self.close(&name, &mut out);
        }
        out
    }

    fn sanitize(&mut self, html: &str, out: &mut Vec<Piece>) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(rest, out);
                break;
            };
            self.text(&rest[..lt], out);
            rest = &rest[lt..];
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |e| &after[e + 3..]);
                continue;
            }
            let Some(tag) = Tag::parse(rest) else {
                self.text("<", out);
                rest = &rest[1..];
                continue;
            };
            rest = &rest[tag.len..];
            self.tag(tag, out);
        }
    }

    fn text(&mut self, text: &str, out: &mut Vec<Piece>) {
        if self.dropping.is_none() && !text.is_empty() {
            // Entities stay as written; a stray `<` or `>` is escaped.
            push_html(out, &text.replace('<', "&lt;").replace('>', "&gt;"));
        }
    }

    fn tag(&mut self, tag: Tag, out: &mut Vec<Piece>) {
        if let Some(dropping) = &self.dropping {
            if tag.closing && &tag.name == dropping {
                self.dropping = None;
            }
            return;
        }
        if DROPPED_WITH_CONTENT.contains(&tag.name.as_str()) {
            if !tag.closing && !tag.self_closing {
                self.dropping = Some(tag.name);
            }
            return;
        }
        let Some(&name) = ALLOWED.iter().find(|&&a| a == tag.name) else { return };
        if tag.closing {
            if let Some(at) = self.open.iter().rposition(|o| o == name) {
                while self.open.len() > at {
                    let open = self.open.pop().unwrap_or_default();
                    self.close(&open, out);
                }
            }
            return;
        }
        let attr = |key: &str| tag.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        if name == "a" {
            if let Some(href) = attr("href").map(str::trim) {
                match url(href) {
                    Url::Relative => {
                        let title = attr("title").map(str::to_string);
                        out.push(Piece::Link { dest: href.to_string(), title });
                        self.open.push("a".into());
                        self.links.push(true);
                        return;
                    }
                    Url::Bad => {}
                    Url::Web => {}
                }
            }
            self.links.push(false);
        }
        if name == "img" {
            let src = attr("src").map(str::trim).unwrap_or_default();
            let alt = attr("alt").unwrap_or_default().to_string();
            let title = attr("title").map(str::to_string);
            match url(src) {
                Url::Relative if !src.is_empty() => out.push(Piece::Image { src: src.to_string(), alt, title }),
                Url::Web => push_html(out, &format!("<img{}>", attributes(name, &tag.attrs))),
                _ => {}
            }
            return;
        }
        push_html(out, &format!("<{name}{}>", attributes(name, &tag.attrs)));
        if !VOID.contains(&name) && !tag.self_closing {
            self.open.push(name.to_string());
        }
    }

    fn close(&mut self, name: &str, out: &mut Vec<Piece>) {
        if name == "a" && self.links.pop() == Some(true) {
            out.push(Piece::LinkEnd);
        } else {
            push_html(out, &format!("</{name}>"));
        }
    }
}

fn push_html(out: &mut Vec<Piece>, html: &str) {
    match out.last_mut() {
        Some(Piece::Html(last)) => last.push_str(html),
        _ => out.push(Piece::Html(html.to_string())),
    }
}

/// The attributes `sanitize` keeps on `name`, written anew and escaped.
fn attributes(name: &str, attrs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (key, value) in attrs {
        let kept = match key.as_str() {
            "id" => safe_token(value).then(|| value.clone()),
            "class" => {
                let classes: Vec<&str> = value.split_whitespace().filter(|c| safe_token(c)).collect();
                (!classes.is_empty()).then(|| classes.join(" "))
            }
            "title" | "lang" | "dir" => Some(value.clone()),
            "href" if name == "a" => (url(value.trim()) == Url::Web).then(|| value.trim().to_string()),
            "src" if name == "img" => (url(value.trim()) == Url::Web).then(|| value.trim().to_string()),
            "alt" if name == "img" => Some(value.clone()),
            "width" | "height" if name == "img" => value.bytes().all(|b| b.is_ascii_digit()).then(|| value.clone()),
            "colspan" | "rowspan" if matches!(name, "td" | "th") => {
                value.bytes().all(|b| b.is_ascii_digit()).then(|| value.clone())
            }
            "start" if name == "ol" => value.bytes().all(|b| b.is_ascii_digit()).then(|| value.clone()),
            "reversed" if name == "ol" => Some(String::new()),
            "open" if name == "details" => Some(String::new()),
            "datetime" if matches!(name, "time" | "del" | "ins") => Some(value.clone()),
            _ => None,
        };
        match kept {
            Some(v) if v.is_empty() && matches!(key.as_str(), "open" | "reversed") => {
                out.push(' ');
                out.push_str(key);
            }
            Some(v) => out.push_str(&format!(" {key}=\"{}\"", escape_html(&v))),
            None => {}
        }
        if name == "a" && key == "href" && url(value.trim()) == Url::Web {
            out.push_str(" rel=\"noopener noreferrer\"");
        }
    }
    out
}

#[derive(Debug, PartialEq, Eq)]
enum Url {
    /// `http(s):` or `mailto:`: kept as written.
    Web,
    /// No scheme: an address in the site, resolved like a Markdown link.
    Relative,
    /// Any other scheme (`javascript:`, `data:`): dropped.
    Bad,
}

fn url(value: &str) -> Url {
    // Browsers ignore whitespace and control characters inside a scheme.
    let cleaned: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return Url::Web;
    }
    if lower.starts_with("//") || crate::model::is_external(&lower) || lower.contains("&#") || lower.contains("&colon")
    {
        return Url::Bad;
    }
    Url::Relative
}

/// One tag: `<name attr="value" …>` or `</name>`.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    closing: bool,
    self_closing: bool,
    /// Its length in the text.
    len: usize,
}

impl Tag {
    /// The tag at the start of `text` (which starts with `<`), if it is one.
    fn parse(text: &str) -> Option<Tag> {
        let bytes = text.as_bytes();
        let mut i = 1;
        let closing = bytes.get(1) == Some(&b'/');
        if closing {
            i += 1;
        }
        if !bytes.get(i)?.is_ascii_alphabetic() {
            return None;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        let name = text[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return None,
                Some(b'>') => {
                    let self_closing = text[..i].ends_with('/');
                    return Some(Tag { name, attrs, closing, self_closing, len: i + 1 });
                }
                _ => {}
            }
            let key_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let key = text[key_start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = text[i + 1..].find(q as char)? + i + 1;
                        value = decode(&text[i + 1..end]);
                        i = end + 1;
                    }
                    _ => {
                        let end =
                            text[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(text.len(), |e| i + e);
                        value = decode(&text[i..end]);
                        i = end;
                    }
                }
            }
            if !key.is_empty() {
                attrs.push((key, value));
            }
        }
    }
}

/// The few entities that matter in an attribute value before it is checked (a script
/// URL hidden as `java&#115;cript:` is seen as what the browser sees).
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where an include (`head_include`, `footer_include` in `dossier.yaml`) goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Include {
    Head,
    Footer,
}

/// An include under the site's `raw_html` policy, as it is written into every page. The
/// include is the site author's own, but a site that sanitizes its notes' HTML gets the
/// same allow-list in its footer, and in its `<head>` only `<meta>` (name or property
/// and content) and `<link>` (stylesheets, icons, alternates) with http(s) or relative
/// addresses: no scripts, no styles, no refresh. `allow` writes it as it is; `escape`
/// is refused when `dossier.yaml` is loaded (markup shown as text has no place there).
pub fn include(html: &str, mode: RawHtml, place: Include) -> String {
    match (mode, place) {
        (RawHtml::Allow, _) => html.to_string(),
        (RawHtml::Escape, Include::Footer) => escape_html(html),
        (RawHtml::Escape, Include::Head) => String::new(),
        (RawHtml::Sanitize, Include::Footer) => {
            let mut sanitizer = Sanitizer::default();
            let mut pieces = sanitizer.clean(html, RawHtml::Sanitize, true);
            pieces.extend(sanitizer.finish());
            let mut out = String::new();
            for piece in pieces {
                match piece {
                    Piece::Html(h) => out.push_str(&h),
                    Piece::Link { dest, title } => {
                        out.push_str(&format!("<a href=\"{}\"", escape_html(&dest)));
                        if let Some(t) = title {
                            out.push_str(&format!(" title=\"{}\"", escape_html(&t)));
                        }
                        out.push('>');
                    }
                    Piece::LinkEnd => out.push_str("</a>"),
                    Piece::Image { src, alt, title } => {
                        out.push_str(&format!("<img src=\"{}\" alt=\"{}\"", escape_html(&src), escape_html(&alt)));
                        if let Some(t) = title {
                            out.push_str(&format!(" title=\"{}\"", escape_html(&t)));
                        }
                        out.push('>');
                    }
                }
            }
            out
        }
        (RawHtml::Sanitize, Include::Head) => head_tags(html),
    }
}

/// The `<meta>` and `<link>` tags of a head include, written anew from what is safe.
fn head_tags(html: &str) -> String {
    const RELS: &[&str] = &["stylesheet", "icon", "apple-touch-icon", "alternate", "license", "author", "me"];
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let Some(tag) = Tag::parse(rest) else {
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        let attr = |key: &str| tag.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim());
        let keep = |keys: &[&str]| {
            let mut kept = String::new();
            for key in keys {
                if let Some(v) = attr(key) {
                    kept.push_str(&format!(" {key}=\"{}\"", escape_html(v)));
                }
            }
            kept
        };
        if tag.closing {
            continue;
        }
        match tag.name.as_str() {
            "meta" if (attr("name").is_some() || attr("property").is_some()) && attr("content").is_some() => {
                out.push_str(&format!("<meta{}>\n", keep(&["name", "property", "content"])));
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                let href = attr("href").unwrap_or_default();
                let rel_ok = !rel.is_empty() && rel.split_whitespace().all(|r| RELS.contains(&r));
                if rel_ok && !href.is_empty() && url(href) != Url::Bad {
                    out.push_str(&format!(
                        "<link{}>\n",
                        keep(&["rel", "href", "type", "media", "sizes", "title", "hreflang"])
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(pieces: Vec<Piece>) -> String {
        pieces
            .into_iter()
            .map(|p| match p {
                Piece::Html(h) => h,
                Piece::Link { dest, .. } => format!("[link {dest}]"),
                Piece::LinkEnd => "[/link]".into(),
                Piece::Image { src, alt, .. } => format!("[img {src} {alt}]"),
            })
            .collect()
    }

    fn clean(text: &str) -> String {
        let mut s = Sanitizer::default();
        let mut out = html(s.clean(text, RawHtml::Sanitize, true));
        out.push_str(&html(s.finish()));
        out
    }

    #[test]
    fn sanitize_keeps_markup_and_drops_script() {
        let out = clean("<div class=\"x\" onclick=\"alert(1)\"><script>alert(1)</script><a href=\"javascript:alert(1)\">a</a></div>");
        assert_eq!(out, "<div class=\"x\"><a>a</a></div>\n");
        assert_eq!(clean("<kbd onmouseover=\"x()\">k</kbd>"), "<kbd>k</kbd>\n");
        assert_eq!(clean("<img src=x onerror=alert(1)>"), "[img x ]\n");
        assert_eq!(clean("<img src=\"data:image/svg+xml,x\">"), "\n");
        assert_eq!(clean("<!-- note -->a < b"), "a &lt; b\n");
        assert_eq!(clean("<a href=\"java&#115;cript:alert(1)\">x</a>"), "<a>x</a>\n");
        assert_eq!(clean("<a href=\" JAVASCRIPT:x\">x</a>"), "<a>x</a>\n");
        assert_eq!(clean("<svg><script>x</script></svg>after"), "after\n");
        assert_eq!(clean("<style>p{}</style><p>ok</p>"), "<p>ok</p>\n");
        assert_eq!(
            clean("<a href=\"https://x.org/\" target=_blank>x</a>"),
            "<a href=\"https://x.org/\" rel=\"noopener noreferrer\">x</a>\n"
        );
    }

    #[test]
    fn elements_stay_balanced_across_blocks() {
        let mut s = Sanitizer::default();
        let open = html(s.clean("<details>\n<summary>Waarom?</summary>\n", RawHtml::Sanitize, true));
        assert_eq!(open, "<details>\n<summary>Waarom?</summary>\n\n");
        assert_eq!(html(s.clean("</details>\n", RawHtml::Sanitize, true)), "</details>\n\n");
        assert_eq!(html(s.clean("</div>", RawHtml::Sanitize, false)), "", "nothing opened it");
        html(s.clean("<div><p>", RawHtml::Sanitize, false));
        assert_eq!(html(s.finish()), "</p></div>", "closed at the end of the page");
    }

    #[test]
    fn relative_links_and_images_are_resolved_like_markdown() {
        assert_eq!(clean("<a href=\"andere.md\" title=\"t\">x</a>"), "[link andere.md]x[/link]\n");
        assert_eq!(clean("<img src=\"img/a.png\" alt=\"A\">"), "[img img/a.png A]\n");
    }

    #[test]
    fn escape_and_allow() {
        let mut s = Sanitizer::default();
        assert_eq!(html(s.clean("<b>", RawHtml::Escape, false)), "&lt;b&gt;");
        assert_eq!(html(s.clean("<b onclick=x>", RawHtml::Allow, false)), "<b onclick=x>");
    }

    #[test]
    fn includes_follow_the_raw_html_policy() {
        use super::{include, Include};
        let head = "<meta name=\"author\" content=\"Team\"><script>alert(1)</script><meta http-equiv=\"refresh\" content=\"0;url=x\">\n<link rel=\"stylesheet\" href=\"https://cdn.example/h.css\"><link rel=\"stylesheet\" href=\"javascript:x\"><style>body{}</style>";
        assert_eq!(
            include(head, RawHtml::Sanitize, Include::Head),
            "<meta name=\"author\" content=\"Team\">\n<link rel=\"stylesheet\" href=\"https://cdn.example/h.css\">\n"
        );
        assert_eq!(include(head, RawHtml::Allow, Include::Head), head);
        let footer = "<p onclick=\"x()\">Afdeling <a href=\"{root}over.html\">Over</a> <a href=\"javascript:x\">y</a><script>z()</script>";
        assert_eq!(
            include(footer, RawHtml::Sanitize, Include::Footer),
            "<p>Afdeling <a href=\"{root}over.html\">Over</a> <a>y</a>\n</p>"
        );
    }
}
