//! Print views (issue 18): `print.html` holds every published note in sidebar order as
//! sections of one document, with a table of contents and one reference list; each
//! top-level folder has its own `<folder>/print.html`; links print their address.

use std::collections::BTreeSet;

use crate::support::site_with;

const ALFA: &[u8] = b"---
title: Wachttijden in de ggz
---
Wachttijden lopen op [@brief, p. 2]. Zie [[#Achtergrond]] en [[Budget]].

## Achtergrond

Eerder al gemeld [@rapport] [@brief].[^1]

[^1]: Een voetnoot.
";

const BETA: &[u8] = b"---
title: Budget
---
Het budget stijgt [@brief, p. 3]. Meer op [de site](https://www.rijksoverheid.nl/ggz).

## Achtergrond

Dezelfde kop als in de andere notitie.
";

const GAMMA: &[u8] = b"---
title: Regio's
---
Regionale verschillen [@rapport]; zie [[Wachttijden in de ggz#Achtergrond]].
";

const SECRET: &[u8] = b"---
title: Geheim voorstel Zwaluwstaart
publish: false
---
Niet voor buiten [@brief].
";

fn site() -> crate::support::Site {
    site_with(&[
        ("dossier.yaml", b"title: Testdossier\nlanguage: nl\nbase_url: https://example.org/wiki\n"),
        ("content/index.md", b"---\ntitle: Start\n---\nNaar [[Wachttijden in de ggz]].\n"),
        ("content/ggz/wachttijden.md", ALFA),
        ("content/ggz/budget.md", BETA),
        ("content/regio/regios.md", GAMMA),
        ("content/ggz/geheim.md", SECRET),
        ("content/sources/brief.md", b"---\nid: brief\ntitle: Een brief\ndate: 2024-02-03\npages: 4\n---\nDe brief.\n"),
        ("content/sources/rapport.md", b"---\nid: rapport\ntitle: Een rapport\ndate: 2022\n---\nHet rapport.\n"),
    ])
}

/// The values of attribute `name` in `html`.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!(" {name}=\"");
    html.split(open.as_str()).skip(1).map(|p| p.split('"').next().unwrap()).collect()
}

/// Every `href="#…"` in `html` lands on an id of `html`, and no id repeats.
fn fragments_land(html: &str) {
    let ids: Vec<&str> = attrs(html, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an id repeats");
    for href in attrs(html, "href").into_iter().filter_map(|h| h.strip_prefix('#')) {
        assert!(unique.contains(href), "#{href} lands nowhere");
    }
}

#[test]
fn print_html_holds_every_note_one_reference_list_and_no_dead_fragment() {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let print = site.output("print.html");
    let main = &print[print.find("<main").unwrap()..print.find("</main>").unwrap()];
    fragments_land(&print);
    // A table of contents entry and a heading per note, in sidebar order.
    let toc = &main[main.find("class=\"print-toc\"").unwrap()..main.find("</nav>").unwrap()];
    let mut at = 0;
    for title in ["Start", "Budget", "Wachttijden in de ggz", "Regio&#x27;s"] {
        let found =
            toc[at..].find(&format!(">{title}</a>")).unwrap_or_else(|| panic!("{title} not in order in the toc"));
        at += found;
        let id = toc[..at].rsplit("href=\"#").next().unwrap().split('"').next().unwrap();
        assert!(main.contains(&format!(" id=\"{id}\">{title}</h")), "no heading for {title}");
    }
    // Headings of the notes moved below their titles, ids prefixed per note.
    assert_eq!(main.matches(">Achtergrond<a class=\"anchor\"").count(), 2);
    assert!(!main.contains("<h2 id=\"achtergrond\""));
    // One reference list, each cited source once, with the notes citing it.
    assert_eq!(main.matches("class=\"references print-references\"").count(), 1);
    let refs = &main[main.find("print-references\"").unwrap()..];
    assert_eq!(refs.matches(">Een brief</a>").count(), 1);
    assert_eq!(refs.matches(">Een rapport</a>").count(), 1);
    let brief = &refs[refs.find("id=\"dr-1\"").unwrap()..refs.find("id=\"dr-2\"").unwrap()];
    assert!(brief.contains(">Wachttijden in de ggz</a>") && brief.contains(">Budget</a>"), "{brief}");
    // Citation markers lead to that list.
    let markers: BTreeSet<&str> =
        main.split("class=\"cite\"><a href=\"").skip(1).map(|p| p.split('"').next().unwrap()).collect();
    assert_eq!(markers, ["#dr-1", "#dr-2"].into());
    // Links into the site print their absolute address; in-page ones do not.
    assert!(main.contains("data-print-url=\"https://example.org/wiki/ggz/budget.html\""));
    assert!(main.contains("<a href=\"#n3-achtergrond\" class=\"internal\""), "a note's link to its own heading");
    // Nothing of the unpublished note.
    assert!(!print.contains("Zwaluwstaart") && !print.contains("geheim"));
    // The footer of every page links to it.
    assert!(site.output("ggz/budget.html").contains("print.html\">Afdrukken</a>"));
}

#[test]
fn each_folder_has_a_print_view_linked_from_its_list_page() {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ggz = site.output("ggz/print.html");
    fragments_land(&ggz);
    let ggz = &ggz[ggz.find("<main").unwrap()..ggz.find("</main>").unwrap()];
    assert!(ggz.contains(">Budget</h2>") && ggz.contains(">Wachttijden in de ggz</h2>"));
    assert!(!ggz.contains("Regio"), "only the folder's notes");
    assert!(!ggz.contains("Zwaluwstaart"));
    assert!(site.output("ggz/index.html").contains("ggz&#x2F;print.html\">Afdrukken</a>"));
    assert!(site.output("regio/print.html").contains(">Regio&#x27;s</h2>"));
    // Sources are the reference list, not a topic.
    assert!(!site.path("output/sources/print.html").exists());
}

#[test]
fn a_note_prints_the_address_of_its_links() {
    let site = site();
    assert_eq!(site.build().code, 0);
    let alfa = site.output("ggz/wachttijden.html");
    assert!(alfa.contains(
        "<a href=\"../ggz/budget.html\" class=\"internal\" data-page=\"ggz/budget.html\" data-print-url=\"https://example.org/wiki/ggz/budget.html\">"
    ));
    // In-page links print nothing.
    assert!(alfa.contains("<a href=\"#achtergrond\" class=\"internal\""));
    // Without base_url, the path from the site's root.
    site.write("dossier.yaml", "title: Testdossier\nlanguage: nl\n");
    assert_eq!(site.build().code, 0);
    assert!(site.output("ggz/wachttijden.html").contains("data-print-url=\"ggz/budget.html\""));
}

#[test]
fn print_views_over_the_limit_are_left_out_and_the_build_says_which() {
    // Two folders under the limit (more than it together) and one over it.
    let limit = crate_limit();
    let mut files: Vec<(String, Vec<u8>)> = vec![("dossier.yaml".into(), b"title: Groot\n".to_vec())];
    for (folder, n) in [("klein", limit / 2 + 1), ("ook-klein", limit / 2 + 1), ("groot", limit + 1)] {
        for i in 0..n {
            files.push((format!("content/{folder}/n{i}.md"), format!("# Notitie {i}\n\nTekst.\n").into_bytes()));
        }
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    let site = site_with(&borrowed);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("output/klein/print.html").exists());
    assert!(site.path("output/ook-klein/print.html").exists());
    assert!(!site.path("output/print.html").exists());
    assert!(!site.path("output/groot/print.html").exists());
    let total = 2 * (limit / 2 + 1) + limit + 1;
    assert!(
        run.stderr.contains(&format!(
            "note: print views of more than {limit} notes are left out: print.html ({total} notes), groot/print.html ({} notes)",
            limit + 1
        )),
        "{}",
        run.stderr
    );
    // No link leads to a view that is not there.
    assert!(!site.output("klein/n1.html").contains("print.html\">Afdrukken"));
    assert!(!site.output("groot/index.html").contains("print.html"));
    assert!(site.output("klein/index.html").contains("print.html"));
}

/// `PRINT_LIMIT` in `src/model/url.rs`.
fn crate_limit() -> usize {
    300
}
