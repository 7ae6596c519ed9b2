//! Cross-links: every link form resolves to the right relative URL; every broken one
//! is an error at its place.

use crate::support::{fixture, headlines};

#[test]
fn every_link_form_resolves() {
    let site = fixture("site");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let alfa = site.output("notes/alfa.html");
    // Links to other pages carry the address they print (`base_url` is set); in-page ones none.
    let internal = |href: &str, page: &str, text: &str| {
        let print = match href.split_once('#') {
            Some(("", _)) => String::new(),
            Some((_, anchor)) => format!(" data-print-url=\"https://example.org/wiki/{page}#{anchor}\""),
            None => format!(" data-print-url=\"https://example.org/wiki/{page}\""),
        };
        format!("<a href=\"{href}\" class=\"internal\" data-page=\"{page}\"{print}>{text}</a>")
    };
    for expected in [
        internal("../notes/beta.html", "notes/beta.html", "Beta"),
        internal("../notes/beta.html", "notes/beta.html", "de tweede"),
        internal("../notes/beta.html#tweede-kop", "notes/beta.html", "Beta › Tweede kop"),
        internal("#tabellen", "notes/alfa.html", "Tabellen"),
        internal("../notes/alfa.html", "notes/alfa.html", "mezelf"),
        internal("../map/delta.html", "map/delta.html", "map/delta"),
        internal("../map/delta.html#kop-in-delta", "map/delta.html", "naar delta"),
        "<a href=\"https://example.org\">extern</a>".to_string(),
        "<code>[[geen link]]</code>".to_string(),
        "<code>[@geen citaat]</code>".to_string(),
        "<img src=\"../img/schema.png\" alt=\"schema.png\" loading=\"lazy\" width=\"120\">".to_string(),
    ] {
        assert!(alfa.contains(&expected), "missing {expected}");
    }
    // A section embed: the section, not the rest of the page, with a link to it.
    let embed_start = alfa.find("<div class=\"embed\">").expect("embed");
    // Up to the link previews' data, which has Beta's first lines.
    let embed_end = alfa.find("id=\"dossier-previews\"").unwrap_or(alfa.len());
    let embed = &alfa[embed_start..embed_end];
    assert!(embed.contains(
        &internal("../notes/beta.html#tweede-kop", "notes/beta.html", "Beta › Tweede kop")
            .replace(" data-page=\"notes/beta.html\"", "")
            .replace(" data-print-url=\"https://example.org/wiki/notes/beta.html#tweede-kop\"", "")
    ));
    assert!(embed.contains("Tekst onder de tweede kop"));
    assert!(!embed.contains("Niet ingesloten"));
    assert!(!embed.contains(" id=\"tweede-kop\""), "embedded ids would clash");
    // Markdown link from a subfolder note back up.
    assert!(site.output("map/delta.html").contains(&internal("../notes/alfa.html", "notes/alfa.html", "Alfa")));
}

#[test]
fn aliases_get_redirect_pages() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let redirect = site.output("notes/eerste-notitie.html");
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../notes/alfa.html\">"), "{redirect}");
    assert!(redirect.contains("<a href=\"../notes/alfa.html\">Alfa</a>"));
}

#[test]
fn backlinks_list_linking_pages_with_context() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let beta = site.output("notes/beta.html");
    let backlinks = &beta[beta.find("id=\"dossier-backlinks\"").unwrap()..];
    assert!(backlinks.contains("<li><a href=\"..&#x2F;notes&#x2F;alfa.html\">Alfa</a><blockquote>Een wikilink naar Beta, een label de tweede"), "{backlinks}");
    let alfa = site.output("notes/alfa.html");
    let backlinks = &alfa[alfa.find("id=\"dossier-backlinks\"").unwrap()..];
    for from in ["Beta", "Gamma, met komma", "Start", "delta"] {
        assert!(backlinks.contains(&format!(">{from}</a>")), "no backlink from {from}");
    }
}

#[test]
fn related_tags_and_graph() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let alfa = site.output("notes/alfa.html");
    let related = &alfa[alfa.find("id=\"dossier-related\"").unwrap()..];
    assert!(related.contains(">Beta</a>") && related.contains(">Gamma, met komma</a>"));
    let tag = site.output("tags/beleid.html");
    assert!(tag.contains(">Alfa</a>") && tag.contains(">Beta</a>"));
    assert!(site.output("tags/index.html").contains(">Beleid</a> <span class=\"count\">2</span>"));
    let graph: serde_json::Value = serde_json::from_str(&site.output("graph.json")).unwrap();
    let edges = graph["edges"].as_array().unwrap();
    let has = |s: &str, t: &str, k: &str| edges.iter().any(|e| e["source"] == s && e["target"] == t && e["kind"] == k);
    assert!(has("notes/alfa.html", "notes/beta.html", "link"));
    assert!(has("notes/alfa.html", "notes/gamma-met-komma.html", "related"));
    assert!(has("notes/alfa.html", "sources/bron.html", "cites"));
    assert!(has("notes/alfa.html", "tag:beleid", "tagged"));
    assert!(graph["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "tag:beleid" && n["kind"] == "tag"));
}

#[test]
fn broken_links_are_errors_at_their_place() {
    let site = fixture("links-bad");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "content/a.md:3:11: error: link target `Bestaat niet` not found",
            "content/a.md:5:6: error: link target `Bta` not found",
            "content/a.md:5:17: error: no heading `Geen kop` in `B`",
            "content/a.md:5:35: error: link target `Dubbel` is ambiguous: it matches content/b.md, content/c.md",
            "content/a.md:5:49: error: link to missing file `weg.md`",
            "content/a.md:7:1: error: embed cycle: `C` includes this page again",
            "content/c.md:5:1: error: embed cycle: `A` includes this page again",
        ]
    );
    assert!(run.stderr.contains("= hint: did you mean `A`, `B`?"), "{}", run.stderr);
    assert!(run.stderr.contains("= hint: did you mean `Kop`?"), "{}", run.stderr);
}

#[test]
fn glossary_abbreviations_are_marked_on_first_use() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let beta = site.output("notes/beta.html");
    assert!(beta.contains(
        "Niet ingesloten. Het <a class=\"gloss\" href=\"../begrippen.html#iza\"><abbr title=\"Integraal Zorgakkoord\">IZA</abbr></a>, nog eens IZA, en <code>IZA</code> in code; de Treeknorm."
    ), "{beta}");
}

#[test]
fn markdown_links_reach_the_generated_pages() {
    let site = crate::support::site_with(&[
        (
            "content/index.md",
            b"---\ntitle: Thuis\n---\n[Tijdlijn](timeline.html), [wijzigingen](changes.html) en [[map/a]].\n",
        ),
        ("content/map/a.md", b"---\ntitle: A\n---\n[Netwerk](../graph.html) en [[Thuis]].\n"),
        ("content/map/b.md", b"---\ntitle: B\n---\n[Toezeggingen](../commitments.csv) en [[Thuis]].\n"),
    ]);
    let run = site.build();
    // No commitments, so no commitments.csv: that link is broken; the others land.
    assert_eq!(
        crate::support::headlines(&run.stderr).into_iter().filter(|l| l.contains("error")).collect::<Vec<_>>(),
        ["content/map/b.md:4:1: error: link to missing file `../commitments.csv`"],
        "{}",
        run.stderr
    );
    site.write("content/map/b.md", "---\ntitle: B\n---\nGeen link en [[Thuis]].\n");
    assert_eq!(site.build().code, 0);
    assert!(site.output("index.html").contains("<a href=\"timeline.html\">Tijdlijn</a>"));
    assert!(site.output("map/a.html").contains("<a href=\"../graph.html\">Netwerk</a>"));
}

/// Small things migrated vaults hit (found writing the migration guide).
#[test]
fn what_other_tools_write_resolves_quietly() {
    let site = crate::support::site_with(&[
        (
            "content/index.md",
            b"---\ntitle: Thuis\n---\n## What's new?\n\nZie [nieuw](#whats-new), [[Notitie.md]] en [[Notitie#What's new?]].\n",
        ),
        ("content/Notitie.md", b"---\ntitle: Notitie\n---\n## What's new?\n\n[[Thuis]] en [terug](index.md#whats-new).\n"),
        // Left out of the site: its missing title is no one's concern.
        ("content/concept.md", b"---\ndraft: true\n---\nNog niets. [[Thuis]]\n"),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Only the warning every uncited note gets: no `Notitie.md` "matches only when case is
    // ignored", no missing `#whats-new`, nothing about the draft.
    assert_eq!(
        crate::support::headlines(&run.stderr),
        ["content/Notitie.md: warning: note cites no source"],
        "{}",
        run.stderr
    );
    assert!(site.output("index.html").contains("<a href=\"#what-s-new\""));
    // content/ itself may be a link to a folder kept elsewhere.
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        let vault = elsewhere.path().join("vault");
        std::fs::rename(site.path("content"), &vault).unwrap();
        std::os::unix::fs::symlink(&vault, site.path("content")).unwrap();
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("symbolic link"), "{}", run.stderr);
        assert!(site.output("notitie.html").contains("What"));
    }
}
