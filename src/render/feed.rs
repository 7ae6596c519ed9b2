//! `feed.xml`: an Atom feed (RFC 4287) of changed notes and new sources, for readers
//! who follow the dossier in a feed reader.
//!
//! A note is an entry at its last change, a source at the day it was added (its first
//! commit; without git history, its `updated:`), the latest [`RECENT`] of them. Each
//! page is one entry whose id stays the same, so a reader updates it rather than adding
//! it again when the page changes.
//!
//! With `base_url`, every id and link is absolute. Without it, links are relative to the
//! feed, which sits at the site's root: RFC 4287 resolves them against the feed's own
//! address, so they work wherever the site is published. Ids must be absolute IRIs, so
//! they are then `urn:uuid:` names derived from the site's title and the page's path
//! (stable while the title stays the same). The feed's `<updated>` is its newest
//! entry's; a feed without entries says 1970: output never depends on the clock.

use std::fmt::Write as _;

use super::views::{recent, RECENT};
use crate::model::{Change, Page, PageKind, Site};

/// The feed, as XML.
pub fn atom(site: &Site) -> String {
    let base = site.config.base_url();
    let href = |path: &str| xml(&format!("{}{path}", base.as_deref().unwrap_or("")));
    let id = |path: &str| match &base {
        Some(b) => xml(&format!("{b}{path}")),
        None => uuid_urn(&site.config.title, path),
    };
    let entries = entries(site);
    let updated = entries.first().map_or("1970-01-01T00:00:00Z", |(_, c)| c.stamp.as_str());
    let title = xml(&site.config.title);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", xml(&site.config.language));
    let _ = writeln!(out, "  <title>{title}</title>");
    let _ = writeln!(out, "  <id>{}</id>", id("feed.xml"));
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", href("feed.xml"));
    let _ = writeln!(out, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", href("changes.html"));
    let _ = writeln!(out, "  <author><name>{title}</name></author>");
    out.push_str("  <generator>dossier</generator>\n");
    for (page, change) in entries {
        let kind = if page.kind == PageKind::Source { "source" } else { "note" };
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>{}</id>", id(&page.url));
        let _ = writeln!(out, "    <title>{}</title>", xml(&page.title));
        let _ = writeln!(out, "    <updated>{}</updated>", change.stamp);
        if let Some(added) = site.changes[page.id].added.as_ref().filter(|a| a.at <= change.at) {
            let _ = writeln!(out, "    <published>{}</published>", added.stamp);
        }
        let _ = writeln!(out, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", href(&page.url));
        let _ = writeln!(out, "    <category term=\"{kind}\"/>");
        if let Some(summary) = super::description(page) {
            let _ = writeln!(out, "    <summary>{}</summary>", xml(&summary));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The entries, newest first: notes at their last change, sources when added.
fn entries(site: &Site) -> Vec<(&Page, &Change)> {
    let mut out: Vec<(&Page, &Change)> = recent(site)
        .into_iter()
        .map(|(page, changed)| match page.kind {
            PageKind::Source => (page, site.changes[page.id].added.as_ref().unwrap_or(changed)),
            _ => (page, changed),
        })
        .collect();
    out.sort_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.title.cmp(&b.0.title)).then_with(|| a.0.rel.cmp(&b.0.rel)));
    out.truncate(RECENT);
    out
}

/// Text for XML: escaped, and characters XML 1.0 cannot hold replaced.
fn xml(s: &str) -> String {
    let allowed =
        |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    let clean: String = s.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect();
    crate::text::escape_html(&clean)
}

/// `urn:uuid:` for `path` on a site titled `title`: 128 bits of FNV-1a (stable across
/// platforms and versions, unlike std's hasher), marked as a version 8 UUID.
fn uuid_urn(title: &str, path: &str) -> String {
    let fnv = |seed: &str| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes().chain([0]).chain(title.bytes()).chain([0]).chain(path.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    };
    let (hi, lo) = (fnv("dossier-feed-a"), fnv("dossier-feed-b"));
    let hi = (hi & !0xf000) | 0x8000;
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = uuid_urn("Dossier", "notes/a.html");
        assert_eq!(a, uuid_urn("Dossier", "notes/a.html"));
        assert_ne!(a, uuid_urn("Dossier", "notes/b.html"));
        assert_ne!(a, uuid_urn("Ander", "notes/a.html"));
        let hex = a.strip_prefix("urn:uuid:").unwrap();
        let parts: Vec<&str> = hex.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('8') && "89ab".contains(&parts[3][..1]), "{a}");
    }

    #[test]
    fn text_is_escaped_and_xml_safe() {
        assert_eq!(xml("a < b & \"c\"\u{FFFF}"), "a &lt; b &amp; &quot;c&quot;\u{FFFD}");
    }
}
