//! A letter saved as HTML, as plain text: tags stripped, a paragraph per line with blank
//! lines between them (the shape of a web rendering in plain text), entities decoded,
//! scripts, styles and navigation dropped. `<h1>`–`<h4>` are kept as headings: the
//! lines they end up on are listed, so the importer takes them as they are instead of
//! guessing headings from the text's shape.

/// The text of an HTML page and what its markup says about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Html {
    pub text: String,
    /// Headings: line in `text` and level (1–4).
    pub headings: Vec<(usize, u8)>,
    /// The `<title>` element's text.
    pub title: Option<String>,
}

/// Whether `text` is HTML rather than plain text: it opens with a tag, a doctype or a
/// comment. (A plain-text letter starts with words.)
pub fn is_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = start.chars().take(20).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<div", "<p>", "<p ", "<h1", "<article", "<section"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Elements whose content is not text of the letter.
const SKIPPED: &[&str] =
    &["script", "style", "noscript", "template", "svg", "nav", "button", "select", "iframe", "object"];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "figure",
    "figcaption",
    "address",
    "pre",
    "body",
    "html",
    "form",
    "fieldset",
    "details",
    "summary",
    "caption",
];

/// Converts an HTML page to text (see the module documentation).
pub fn to_text(html: &str) -> Html {
    let mut out = Writer::default();
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut heading: Option<u8> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if in_title {
            title.get_or_insert_with(String::new).push_str(&decode(text));
        } else {
            out.text(&decode(text));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some((tag, after)) = tag(rest) else {
            // A lone `<` in text.
            out.text("<");
            rest = &rest[1..];
            continue;
        };
        rest = after;
        let name = tag.name.as_str();
        if !tag.closing && SKIPPED.contains(&name) && !tag.self_closing {
            rest = skip_element(rest, name);
            continue;
        }
        match (name, tag.closing) {
            ("title", false) => in_title = true,
            ("title", true) => in_title = false,
            ("br", _) => out.line_break(),
            (h @ ("h1" | "h2" | "h3" | "h4"), false) => {
                out.paragraph();
                heading = h[1..].parse().ok();
            }
            ("h1" | "h2" | "h3" | "h4", true) => {
                if let Some(level) = heading.take() {
                    out.heading(level);
                }
            }
            ("li", false) => {
                out.paragraph();
                out.text("• ");
            }
            (name, _) if BLOCKS.contains(&name) => out.paragraph(),
            _ => {}
        }
    }
    out.text(&decode(rest));
    out.paragraph();
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    Html { text: out.lines.join("\n"), headings: out.headings, title }
}

/// Collects paragraphs as lines, whitespace collapsed as a browser does.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    current: String,
    space: bool,
    headings: Vec<(usize, u8)>,
}

impl Writer {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = !self.current.is_empty();
            } else {
                if self.space {
                    self.current.push(' ');
                    self.space = false;
                }
                self.current.push(c);
            }
        }
    }

    /// Ends the current line (a `<br>`).
    fn line_break(&mut self) {
        if !self.current.is_empty() {
            self.lines.push(std::mem::take(&mut self.current));
        }
        self.space = false;
    }

    /// Ends the current paragraph: its line, then a blank line.
    fn paragraph(&mut self) {
        self.line_break();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Ends a heading: its text becomes a paragraph of its own, and is listed.
    fn heading(&mut self, level: u8) {
        if !self.current.trim().is_empty() {
            self.headings.push((self.lines.len(), level));
        }
        self.paragraph();
    }
}

/// A tag at the start of `s`: its lowercased name, whether it closes or closes itself,
/// and the text after it. Attributes are skipped (quoted values may hold `>`).
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
}

fn tag(s: &str) -> Option<(Tag, &str)> {
    let inner = s.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    let special = inner.starts_with(['!', '?']);
    let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    if name.is_empty() && !special {
        return None;
    }
    let mut quote = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if !special => quote = Some(c),
            (None, '>') => {
                let self_closing = inner[..i].ends_with('/');
                return Some((Tag { name, closing, self_closing }, &inner[i + 1..]));
            }
            _ => {}
        }
    }
    Some((Tag { name, closing, self_closing: false }, ""))
}

/// The text after the element `name` that has just been opened (its closing tag found
/// case-insensitively), or nothing when it is never closed.
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(at) => s[at..].find('>').map_or("", |e| &s[at + e + 1..]),
        None => "",
    }
}

/// Decodes character references: numeric ones, and the named ones Dutch text uses.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference names (`None` inside: a soft hyphen, dropped).
fn entity(name: &str) -> Option<Option<char>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(Some(char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}')));
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => return Some(None),
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "euml" => 'ë',
        "iuml" => 'ï',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "agrave" => 'à',
        "aacute" => 'á',
        "oacute" => 'ó',
        "ccedil" => 'ç',
        "ecirc" => 'ê',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "euro" => '€',
        "middot" => '·',
        "bull" => '•',
        "sect" => '§',
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_stripped_headings_kept() {
        let html = "<!DOCTYPE html><html><head><title>Een brief</title><style>p { color: red }</style>\
                    <script>var x = '<h2>nee</h2>';</script></head><body><nav><a href=\"/\">Home</a></nav>\
                    <h1>De titel</h1><p>Eerste <b>alinea</b>\n  met   witruimte.</p><h2 class=\"kop\">Een &amp; twee</h2>\
                    <p>Tekst<br>op twee regels.</p><ul><li>punt</li></ul><!-- <h3>weg</h3> --><h5>Geen kop</h5></body></html>";
        let out = to_text(html);
        assert_eq!(out.title.as_deref(), Some("Een brief"));
        let lines: Vec<&str> = out.text.lines().collect();
        assert_eq!(
            lines,
            [
                "De titel",
                "",
                "Eerste alinea met witruimte.",
                "",
                "Een & twee",
                "",
                "Tekst",
                "op twee regels.",
                "",
                "• punt",
                "",
                "Geen kop"
            ]
        );
        assert_eq!(out.headings, [(0, 1), (4, 2)]);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode("co&ouml;rdinatie &ndash; &#233;&#xE9; &amp;amp; &onbekend; a & b"),
            "coördinatie – éé &amp; &onbekend; a & b"
        );
        assert_eq!(decode("ver&shy;zekeraar"), "verzekeraar");
    }

    #[test]
    fn attributes_may_hold_angle_brackets() {
        let out = to_text("<p title=\"a > b\">tekst</p>");
        assert_eq!(out.text.lines().next(), Some("tekst"));
    }

    #[test]
    fn html_is_recognised() {
        assert!(is_html("<!DOCTYPE html>\n<html>"));
        assert!(is_html("\u{feff}  <html lang=\"nl\">"));
        assert!(!is_html("Den Haag, 9 april 2025\n\n<geen tag>"));
    }
}
