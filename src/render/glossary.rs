//! Glossary markup: the first use of each glossary abbreviation on a page becomes
//! `<a class="gloss" href="…#term"><abbr title="expansion">IZA</abbr></a>`.
//!
//! Runs over the rendered body HTML: text inside tags, links, code, headings and
//! existing `<abbr>`s is left alone.

use std::collections::HashMap;

use crate::model::{relative_url, GlossaryEntry, Page, Site};
use crate::text::escape_html;

/// Elements whose text is never marked up.
const SKIP: &[&str] =
    &["a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "script", "style", "kbd"];

/// Whether a glossary term is an abbreviation (one token, short or with inner capitals).
fn is_abbreviation(term: &str) -> bool {
    !term.contains(char::is_whitespace)
        && (term.chars().count() <= 5 || term.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

/// Where a glossary entry is, seen from a page at `at`.
pub fn href(site: &Site, at: &str, entry: &GlossaryEntry) -> String {
    let mut href = relative_url(at, &site.pages[entry.page].url);
    if let Some(a) = &entry.anchor {
        href.push('#');
        href.push_str(&crate::model::url::fragment(a));
    }
    href
}

/// Marks the first use of each abbreviation in `html`, the body of `page`, linking it
/// to `link(entry)`. Returns the marked HTML and the entries used, in order.
pub fn mark<'s>(
    site: &'s Site,
    page: &Page,
    html: &str,
    link: &dyn Fn(&GlossaryEntry) -> String,
) -> (String, Vec<&'s GlossaryEntry>) {
    if site.glossary.is_empty() || !page.meta.glossary.is_empty() {
        return (html.to_string(), Vec::new());
    }
    let terms: HashMap<&str, &GlossaryEntry> =
        site.glossary.values().filter(|e| is_abbreviation(&e.term)).map(|e| (e.term.as_str(), e)).collect();
    let mut marker = Marker { terms, used: Vec::new(), link, out: String::with_capacity(html.len() + 512) };
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map(|i| i + 1).unwrap_or(rest.len());
            let tag = &rest[..end];
            let closing = tag.starts_with("</");
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if SKIP.contains(&name.as_str()) && !tag.ends_with("/>") {
                if closing {
                    skip_depth = skip_depth.saturating_sub(1);
                } else {
                    skip_depth += 1;
                }
            }
            marker.out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        if skip_depth > 0 || marker.used.len() == marker.terms.len() {
            marker.out.push_str(text);
            continue;
        }
        marker.text(text);
    }
    (marker.out, marker.used)
}

/// The marking of one page: the terms to look for, those already marked, where they
/// link to, and the HTML so far.
struct Marker<'s, 'l> {
    terms: HashMap<&'s str, &'s GlossaryEntry>,
    used: Vec<&'s GlossaryEntry>,
    link: &'l dyn Fn(&GlossaryEntry) -> String,
    out: String,
}

impl Marker<'_, '_> {
    fn text(&mut self, text: &str) {
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
        let mut last = 0;
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let word_char = c.is_alphanumeric() || c == '+' || c == '&';
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    let word = &text[s..i];
                    let Some(&entry) = self.terms.get(word) else { continue };
                    if self.used.iter().any(|u| std::ptr::eq(*u, entry))
                        || !boundary(text[..s].chars().next_back())
                        || !boundary(Some(c))
                    {
                        continue;
                    }
                    self.used.push(entry);
                    self.out.push_str(&text[last..s]);
                    self.out.push_str(&format!(
                        "<a class=\"gloss\" href=\"{}\"><abbr title=\"{}\">{word}</abbr></a>",
                        escape_html(&(self.link)(entry)),
                        escape_html(&entry.expansion)
                    ));
                    last = i;
                }
                _ => {}
            }
        }
        self.out.push_str(&text[last..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations() {
        assert!(
            is_abbreviation("IZA") && is_abbreviation("ggz") && is_abbreviation("dNggz") && is_abbreviation("HoNOS+")
        );
        assert!(!is_abbreviation("Treeknorm") && !is_abbreviation("Cruciale ggz"));
    }
}
