//! The core build: CLI, output, bad input, determinism, atomicity.

use crate::support::{dossier, fixture, headlines, site_with, tree};

#[test]
fn good_site_builds_every_page() {
    let site = fixture("site");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.lines().last().unwrap().starts_with("built "), "{}", run.stderr);
    for page in [
        "index.html",
        "notes/alfa.html",
        "notes/beta.html",
        "notes/gamma-met-komma.html",
        "notes/zonder-voorpagina.html",
        "map/delta.html",
        "sources/bron.html",
        "tags/index.html",
        "tags/beleid.html",
        "404.html",
        "timeline.html",
        "coverage.html",
        "graph.html",
        "assets/style.css",
        "assets/highlight.css",
        "img/schema.png",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(site.path("output").join(page).is_file(), "missing output/{page}");
    }
    let alfa = site.output("notes/alfa.html");
    assert!(alfa.contains("<title>Alfa · Testwiki</title>"));
    // Tables, strikethrough, task lists, footnotes, callouts, highlighting.
    assert!(alfa.contains("<td><del>2</del></td>"));
    assert!(alfa.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"));
    assert!(alfa.contains("class=\"footnote-reference\""));
    assert!(
        alfa.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Let op</p>")
    );
    assert!(alfa.contains("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-"));
    assert!(
        alfa.contains("<pre class=\"code\" data-lang=\"onbekendetaal\"><code>&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // Heading ids, anchors and the table of contents.
    assert!(alfa.contains("<h2 id=\"tabellen\">Tabellen<a class=\"anchor\" href=\"#tabellen\""));
    assert!(alfa.contains("<li class=\"toc-2\"><a href=\"#tabellen\">Tabellen</a></li>"));
    // Edit link and the updated date from front matter.
    assert!(alfa.contains(
        "href=\"https:&#x2F;&#x2F;git.example.org&#x2F;wiki&#x2F;edit&#x2F;main&#x2F;content&#x2F;notes&#x2F;alfa.md\""
    ));
    assert!(alfa.contains("<time datetime=\"2025-04-09\">9 april 2025</time>"));
    // URLs are relative: the site works under any sub-path and from disk.
    assert!(alfa.contains("href=\"..&#x2F;assets/style.css\""));
    assert!(!alfa.contains("href=\"/"), "absolute link in output");
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/wiki/notes/alfa.html</loc>"));
    assert!(site.output("robots.txt").contains("Sitemap: https://example.org/wiki/sitemap.xml"));
}

#[test]
fn page_without_front_matter_is_titled_by_heading_or_file_name() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    assert!(site.output("notes/zonder-voorpagina.html").contains("<h1 id=\"kop-als-titel\">Kop als titel</h1>"));
    assert!(site.output("map/delta.html").contains("<h1>delta</h1>"));
    let check = site.check(&[]);
    assert!(check
        .stderr
        .contains("content/map/delta.md: warning: no `title` in front matter; titled `delta` from its file name"));
    assert!(check.stderr.contains(
        "content/notes/zonder-voorpagina.md: warning: no `title` in front matter; titled `Kop als titel` from its first heading"
    ));
}

#[test]
fn broken_yaml_names_file_line_and_column_and_keeps_output() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let before = tree(&site.path("output"));
    site.write("content/notes/beta.md", "---\ntitle: Beta\ntags: [a, b\n---\nTekst.\n");
    let run = site.build();
    assert_eq!(run.code, 1);
    let lines = headlines(&run.stderr);
    assert!(lines.iter().any(|l| l.starts_with("content/notes/beta.md:4:1: error: invalid front matter")), "{lines:?}");
    assert!(run.stderr.contains("4 | ---\n  | ^\n"), "{}", run.stderr);
    assert!(run.stderr.contains("left as it was"));
    assert_eq!(tree(&site.path("output")), before, "a failed build changed output/");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".dossier-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

#[test]
fn bad_input_classes_report_their_place() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("wrong-type", b"---\ntitle: A\ntags: {a: 5}\n---\n", "content/a.md:3:7: error: invalid front matter: tags: invalid type: map, expected a list of text, or one text"),
        ("unterminated", b"---\ntitle: A\n\nTekst zonder einde.\n", "content/a.md:1:1: error: front matter is not closed: add a line `---` after it"),
        ("non-utf8", b"---\ntitle: A\n---\ncaf\xe9\n", "content/a.md:4:4: error: not valid UTF-8 (byte 0xe9 at line 4, column 4)"),
        ("tabs", b"---\ntags:\n\t- a\n---\n", "content/a.md:3:1: error: tab used for indentation in front matter"),
        ("bad-date", b"---\ndate: 2025-4-9\n---\n", "content/a.md:2:1: error: invalid front matter: date: invalid date `2025-4-9`: expected YYYY-MM-DD, YYYY-MM or YYYY (a real date, years 1000–9999), maybe with ? or ~, or an interval A/B, A/.., ../B"),
    ];
    for (name, bytes, expected) in cases {
        let site = site_with(&[("content/a.md", bytes), ("content/b.md", b"---\ntitle: B\n---\n[[A]]\n")]);
        let run = site.build();
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(headlines(&run.stderr).contains(expected), "{name}: expected `{expected}` in\n{}", run.stderr);
        assert!(!site.path("output").exists(), "{name}: output written despite errors");
    }
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let site = site_with(&[
        ("content/a.md", b"---\ntitle: [\n---\n"),
        ("content/b.md", b"---\ntags: {a: 5}\n---\n"),
        ("content/c.md", b"[[Nergens]]\n"),
    ]);
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    let errors: Vec<_> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(run.stderr.contains("checked 3 pages"));
}

#[test]
fn crlf_and_bom_build() {
    let site = site_with(&[("content/index.md", b"\xef\xbb\xbf---\r\ntitle: Thuis\r\n---\r\n# Kop\r\n\r\nTekst.\r\n")]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output("index.html").contains("<h1>Thuis</h1>"));
}

#[test]
fn unknown_config_key_is_an_error_with_its_line() {
    let site = site_with(&[("dossier.yaml", b"title: X\nthema: donker\n"), ("content/index.md", b"# X\n")]);
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("dossier.yaml:2:1: error: unknown field `thema`, expected one of"), "{}", run.stderr);
}

#[test]
fn builds_are_deterministic() {
    let site = fixture("site");
    let out_a = site.path("a");
    let out_b = site.path("b");
    let root = site.root().to_str().unwrap();
    assert_eq!(dossier(&["build", "--root", root, "--output", out_a.to_str().unwrap()]).code, 0);
    assert_eq!(dossier(&["build", "--root", root, "--output", out_b.to_str().unwrap()]).code, 0);
    let (a, b) = (tree(&out_a), tree(&out_b));
    assert!(a.len() > 20);
    assert_eq!(a, b);
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = site_with(&[
        ("content/index.md", b"---\ntitle: Thuis\n---\n"),
        ("content/_concept.md", b"---\ntitle: Concept\n---\n"),
        ("content/later.md", b"---\ntitle: Later\ndraft: true\n---\n"),
        ("content/.verborgen.md", b"---\ntitle: Verborgen\n---\n"),
    ]);
    assert_eq!(site.build().code, 0);
    assert!(!site.path("output/_concept.html").exists() && !site.path("output/later.html").exists());
    let root = site.root().to_str().unwrap();
    assert_eq!(dossier(&["build", "--root", root, "--drafts"]).code, 0);
    assert!(site.path("output/_concept.html").exists() && site.path("output/later.html").exists());
    assert!(!site.path("output/verborgen.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = site_with(&[("content/index.md", b"# X\n"), ("elders/belangrijk.txt", b"niet weggooien")]);
    let root = site.root().to_str().unwrap();
    let run = dossier(&["build", "--root", root, "--output", site.path("elders").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("holds files dossier did not write"), "{}", run.stderr);
    assert!(site.path("elders/belangrijk.txt").exists());
    let run = dossier(&["build", "--root", root, "--output", root]);
    assert!(run.stderr.contains("would replace the site itself"), "{}", run.stderr);
}

#[test]
fn cli_usage_errors_exit_2_and_help_teaches() {
    assert_eq!(dossier(&["bouw"]).code, 2);
    assert_eq!(dossier(&["build", "--onbekend"]).code, 2);
    let help = dossier(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Examples:") && help.stdout.contains("Exit codes:"));
    let help = dossier(&["build", "--help"]);
    assert!(help.stdout.contains("--base-url <URL>") && help.stdout.contains("--drafts"));
}

#[test]
fn init_and_new_note_give_a_working_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("wiki");
    let root_s = root.to_str().unwrap();
    assert_eq!(dossier(&["init", root_s]).code, 0);
    let run = dossier(&["new", "note", "onderwerpen/wachttijden", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let note = std::fs::read_to_string(root.join("content/onderwerpen/wachttijden.md")).unwrap();
    assert!(note.starts_with("---\ntitle: Wachttijden\n"));
    assert_eq!(dossier(&["new", "note", "onderwerpen/wachttijden", "--root", root_s]).code, 2);
    assert_eq!(dossier(&["new", "note", "../buiten", "--root", root_s]).code, 2);
    let run = dossier(&["build", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("output/notities/eerste-notitie.html").is_file());
    assert_eq!(dossier(&["init", root_s]).code, 2, "init must not write into a non-empty folder");
}
