//! Malformed input, one test per input class of the hardening issue: each gets a clear
//! diagnostic naming the file (and `line:col` where there is one) and the right exit
//! code, or builds when the input is legitimate, and never panics (`dossier()` fails
//! the test on exit code 101). Generated inputs are built in the test, not stored.

use std::time::{Duration, Instant};

use crate::support::{dossier, fuzz, headlines, site_with, tree, Run, Site};

/// A home page linking to `a`, so the note under test is not an orphan.
const INDEX: (&str, &[u8]) = ("content/index.md", b"---\ntitle: Thuis\n---\n[[a]]\n");

fn build(files: &[(&str, &[u8])]) -> (Site, Run) {
    let site = site_with(files);
    let run = site.build();
    (site, run)
}

/// `line` is one of the run's `path:line:col: severity: message` lines.
#[track_caller]
fn assert_reports(run: &Run, line: &str) {
    assert!(headlines(&run.stderr).contains(&line), "expected `{line}` in\n{}", run.stderr);
}

/// The run failed with content errors and left no output behind.
#[track_caller]
fn assert_fails(site: &Site, run: &Run) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("build failed: "), "{}", run.stderr);
    assert!(!site.path("output").exists(), "output written despite errors");
}

#[track_caller]
fn assert_builds(run: &Run) {
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.lines().last().unwrap_or("").starts_with("built "), "{}", run.stderr);
}

#[test]
fn empty_file_builds_titled_by_its_name() {
    let (site, run) = build(&[INDEX, ("content/a.md", b"")]);
    assert_builds(&run);
    assert_reports(&run, "content/a.md: warning: no `title` in front matter; titled `a` from its file name");
    assert!(site.output("a.html").contains("<h1>a</h1>"));
    // A warning, so `check --deny-warnings` fails.
    assert_eq!(site.check(&["--deny-warnings"]).code, 1);
}

#[test]
fn only_dashes_is_unterminated_front_matter() {
    for text in ["---", "---\n", "---\r\n", "\u{feff}---"] {
        let (site, run) = build(&[INDEX, ("content/a.md", text.as_bytes())]);
        assert_fails(&site, &run);
        assert_reports(&run, "content/a.md:1:1: error: front matter is not closed: add a line `---` after it");
    }
    // Two dashes lines are an empty front matter: fine.
    let (_, run) = build(&[INDEX, ("content/a.md", b"---\n---\n")]);
    assert_builds(&run);
}

#[test]
fn unterminated_front_matter_points_at_its_opening_line() {
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: A\ntags: [a]\n\n# Kop\n\nTekst zonder einde.\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:1:1: error: front matter is not closed: add a line `---` after it");
    assert!(run.stderr.contains("1 | ---\n  | ^\n"), "{}", run.stderr);
}

#[test]
fn byte_order_mark_is_ignored_and_columns_stay_right() {
    let (site, run) = build(&[INDEX, ("content/a.md", "\u{feff}---\ntitle: Met BOM\n---\n# Kop\n".as_bytes())]);
    assert_builds(&run);
    let page = site.output("a.html");
    assert!(page.contains("<h1>Met BOM</h1>"));
    assert!(!page.contains('\u{feff}'), "BOM copied into the page");
    // Without front matter the BOM does not hide the heading.
    let (site, run) = build(&[INDEX, ("content/a.md", "\u{feff}# Kop met BOM\n\nTekst.\n".as_bytes())]);
    assert_builds(&run);
    assert!(site.output("a.html").contains("<h1 id=\"kop-met-bom\">Kop met BOM</h1>"));
    // Errors after a BOM are placed as without it.
    let (site, run) = build(&[INDEX, ("content/a.md", "\u{feff}---\ntitle: A\ntags: {a: 5}\n---\n".as_bytes())]);
    assert_fails(&site, &run);
    assert_reports(
        &run,
        "content/a.md:3:7: error: invalid front matter: tags: invalid type: map, expected a list of text, or one text",
    );
}

#[test]
fn crlf_line_endings_build() {
    let note = "---\r\ntitle: Windows\r\ntags:\r\n  - regels\r\nrelated: [Thuis]\r\n---\r\n# Kop\r\n\r\nZie [[Thuis]] en\r\n[[#Kop]].\r\n\r\n> [!note] Let op\r\n> Tekst.\r\n";
    let (site, run) = build(&[INDEX, ("content/a.md", note.as_bytes())]);
    assert_builds(&run);
    assert!(!run.stderr.contains(": error: "), "{}", run.stderr);
    let page = site.output("a.html");
    assert!(page.contains("<h1>Windows</h1>"));
    assert!(page.contains("href=\"index.html\""), "wikilink across CRLF text not resolved");
    assert!(page.contains("callout-note"));
    assert!(site.output("tags/regels.html").contains("Windows"));
    // Positions in a CRLF file, and no `\r` in the quoted line.
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\r\ntitle: A\r\n---\r\nTekst [[Nergens]].\r\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:4:7: error: link target `Nergens` not found");
    assert!(run.stderr.contains("4 | Tekst [[Nergens]].\n"), "{:?}", run.stderr);
}

#[test]
fn tabs_in_yaml_indentation_are_an_error_at_the_tab() {
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: A\ntags:\n\t- a\n---\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:4:1: error: tab used for indentation in front matter");
    assert!(run.stderr.contains("= hint: YAML indents with spaces only"));
    let (site, run) =
        build(&[INDEX, ("content/a.md", b"---\ntitle: A\nkamerstuk:\n  dossier: x\n \tnummer: 1\n---\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:5:2: error: tab used for indentation in front matter");
    // A tab as separator after the colon is valid YAML.
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle:\tMet tab\n---\n")]);
    assert_builds(&run);
    assert!(site.output("a.html").contains("<h1>Met tab</h1>"));
}

#[test]
fn duplicate_keys_point_at_the_second_one() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"---\ntitle: A\nsummary: s\ntitle: B\n---\n",
            "content/a.md:4:1: error: invalid front matter: duplicate field `title`",
        ),
        (
            b"---\ntitle: A\nkamerstuk:\n  dossier: '25 424'\n  nummer: 1\n  dossier: '1'\n---\n",
            "content/a.md:6:3: error: invalid front matter: kamerstuk: duplicate field `dossier`",
        ),
        (
            b"---\ntitle: A\nglossary:\n  IZA: Integraal Zorgakkoord\n  IZA: iets anders\n---\n## IZA\n",
            "content/a.md:5:3: error: invalid front matter: glossary: duplicate glossary term `IZA`",
        ),
    ];
    for (text, expected) in cases {
        let (site, run) = build(&[INDEX, ("content/a.md", text)]);
        assert_fails(&site, &run);
        assert_reports(&run, expected);
        assert!(run.stderr.contains("= hint: each key may appear once"), "{}", run.stderr);
    }
}

#[test]
fn wrong_types_name_the_key_and_its_place() {
    let cases: &[(&[u8], &str)] = &[
        (b"---\ntitle: [1, 2]\n---\n", "content/a.md:2:8: error: invalid front matter: title: invalid type: sequence, expected a string"),
        (b"---\ntitle: A\ntags: {a: 5}\n---\n", "content/a.md:3:7: error: invalid front matter: tags: invalid type: map, expected a list of text, or one text"),
        (b"---\ntitle: A\ndraft: misschien\n---\n", "content/a.md:3:8: error: invalid front matter: draft: `misschien` is not true or false"),
        (b"---\ntitle: A\npages: -1\n---\n", "content/a.md:3:8: error: invalid front matter: pages: invalid type: integer `-1`, expected u32"),
        (b"---\ntitle: A\ndate: 2025-13-01\n---\n", "content/a.md:3:1: error: invalid front matter: date: invalid date `2025-13-01`: expected YYYY-MM-DD, YYYY-MM or YYYY (a real date, years 1000–9999), maybe with ? or ~, or an interval A/B, A/.., ../B"),
        (b"---\ntitle: A\nglossary: [IZA]\n---\n", "content/a.md:3:11: error: invalid front matter: glossary: invalid type: sequence, expected a map"),
        (b"---\n- title\n- A\n---\n", "content/a.md:2:1: error: invalid front matter: invalid type: sequence, expected struct FrontMatter"),
        (b"---\nzomaar tekst\n---\n", "content/a.md:2:1: error: invalid front matter: invalid type: string \"zomaar tekst\", expected struct FrontMatter"),
        (
            b"---\ntitle: A\nkamerstuk: {dossier: '1', nummer: 2, jaar: 3}\n---\n",
            "content/a.md:3:38: error: invalid front matter: kamerstuk: unknown field `jaar`, expected one of `dossier`, `nummer`, `vergaderjaar`",
        ),
    ];
    for (text, expected) in cases {
        let (site, run) = build(&[INDEX, ("content/a.md", text)]);
        assert_fails(&site, &run);
        assert_reports(&run, expected);
    }
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let text = format!("---\ntitle: A\nextra: {}{}\n---\n", "[".repeat(100_000), "]".repeat(100_000));
    let start = Instant::now();
    let (site, run) = build(&[INDEX, ("content/a.md", text.as_bytes())]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:3:108: error: front matter is nested more than 100 levels deep");
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
}

/// A note of `bytes` bytes: a citation, then paragraphs with a link, emphasis and code
/// each, and a heading every thousand paragraphs.
fn big_note(bytes: usize) -> Vec<u8> {
    let chunk = "Een lange alinea met een [[Thuis|link]], wat *nadruk* en `code`. Daarna volgen nog \
                 meer woorden, zoals in een echte notitie die jaren is bijgehouden, met zinnen over \
                 beleid, uitvoering en de stand van zaken, tot de alinea eindelijk ophoudt.\n\n";
    let mut text = String::with_capacity(bytes + chunk.len());
    text.push_str("---\ntitle: Groot\n---\nVolgens de bron [@bron, p. 1].\n\n");
    let mut n = 0;
    while text.len() < bytes {
        if n % 1000 == 0 {
            text.push_str(&format!("## Deel {}\n\n", n / 1000));
        }
        text.push_str(chunk);
        n += 1;
    }
    text.into_bytes()
}

const SOURCE: (&str, &[u8]) = ("content/sources/bron.md", b"---\ntitle: Bron\npages: 10\n---\n");

#[test]
fn fifty_megabyte_note_is_refused_by_default_and_builds_when_allowed() {
    let note = big_note(50 << 20);
    let (_, run) = build(&[INDEX, SOURCE, ("content/a.md", &note)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/a.md: error: note is 52.4 MB, over the limit of 2.0 MB"), "{}", run.stderr);
    let start = Instant::now();
    let (site, run) = build(&[INDEX, SOURCE, ("content/a.md", &note), ("dossier.yaml", b"max_note_mb: 60\n")]);
    let took = start.elapsed();
    assert_builds(&run);
    eprintln!("50 MB note: built in {took:.1?}");
    let page = std::fs::metadata(site.path("output/a.html")).unwrap().len();
    assert!(page > 50 << 20, "page is only {page} bytes");
    // About a minute in a debug build on an idle machine (and much longer on a busy
    // one); the bound catches hangs, not slowness.
    assert!(took < Duration::from_secs(900), "took {took:?}");
}

#[test]
fn ten_thousand_nested_lists_and_quotes_build() {
    let depth = 10_000;
    let cases = [
        ("bullets", "- ".repeat(depth) + "diep\n", "<ul>"),
        ("numbers", "1. ".repeat(depth) + "diep\n", "<ol>"),
        ("quotes", "> ".repeat(depth) + "diep [[Thuis]] [@bron]\n", "<blockquote>"),
        ("quotes without spaces", ">".repeat(depth) + " diep\n", "<blockquote>"),
        ("callouts", "> [!note] Titel\n".to_string() + &"> ".repeat(depth) + "diep\n", "<blockquote>"),
    ];
    for (name, body, tag) in cases {
        let note = format!("---\ntitle: Diep\n---\n{body}");
        let start = Instant::now();
        let (site, run) = build(&[INDEX, SOURCE, ("content/a.md", note.as_bytes())]);
        assert_builds(&run);
        let page = site.output("a.html");
        assert!(page.matches(tag).count() >= depth - 1, "{name}: nesting lost");
        assert!(page.contains("diep"), "{name}");
        assert!(start.elapsed() < Duration::from_secs(60), "{name} took {:?}", start.elapsed());
    }
    // Nested by indentation (quadratic in size, so 1,000 levels: 1 MB).
    let nested: String = (0..1_000).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect();
    let (site, run) = build(&[INDEX, ("content/a.md", format!("---\ntitle: Diep\n---\n{nested}").as_bytes())]);
    assert_builds(&run);
    assert!(site.output("a.html").contains("niveau 999"));
}

#[test]
fn unclosed_brackets_do_not_hang_the_scanner() {
    let note = format!(
        "---\ntitle: A\n---\n{}\n\n{}\n\n{}\n",
        "[".repeat(100_000),
        "[[a ".repeat(50_000),
        "[@a ".repeat(50_000)
    );
    let start = Instant::now();
    let (_, run) = build(&[INDEX, ("content/a.md", note.as_bytes())]);
    assert_builds(&run);
    assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
}

#[test]
fn non_utf8_file_is_an_error_at_the_first_bad_byte() {
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\nEen caf\xe9 en nog \xff.\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:4:8: error: not valid UTF-8 (byte 0xe9 at line 4, column 8)");
    assert!(run.stderr.contains("4 | Een caf\n  |        ^\n  = hint: save the file as UTF-8"), "{}", run.stderr);
    // In the front matter, and a UTF-16 file.
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: Caf\xe9\n---\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:2:11: error: not valid UTF-8 (byte 0xe9 at line 2, column 11)");
    let (site, run) = build(&[INDEX, ("content/a.md", b"\xff\xfe-\x00-\x00-\x00")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:1:1: error: not valid UTF-8 (byte 0xff at line 1, column 1)");
}

#[test]
fn non_utf8_file_names_are_errors() {
    use std::os::unix::ffi::OsStrExt;
    let site = site_with(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]]\n")]);
    let content = site.path("content");
    std::fs::write(content.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md")), "# Caf\u{e9}\n").unwrap();
    std::fs::create_dir(content.join(std::ffi::OsStr::from_bytes(b"map\xff"))).unwrap();
    std::fs::write(content.join(std::ffi::OsStr::from_bytes(b"map\xff")).join("b.md"), "# B\n").unwrap();
    let run = site.build();
    assert_fails(&site, &run);
    assert_reports(&run, "content/caf\u{fffd}.md: error: file name is not valid UTF-8");
    assert_reports(&run, "content/map\u{fffd}: error: file name is not valid UTF-8");
    assert!(!run.stderr.contains("content/map\u{fffd}/b.md"), "files inside a bad folder are not reported one by one");
}

#[test]
fn symbolic_link_loops_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let site = site_with(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]]\n")]);
    let content = site.path("content");
    symlink("lus2", content.join("lus1")).unwrap();
    symlink("lus1", content.join("lus2")).unwrap();
    symlink("zelf.md", content.join("zelf.md")).unwrap();
    std::fs::create_dir(content.join("map")).unwrap();
    symlink("..", content.join("map/omhoog")).unwrap();
    symlink("/etc/passwd", content.join("wachtwoorden.md")).unwrap();
    let start = Instant::now();
    let run = site.build();
    assert_builds(&run);
    assert!(start.elapsed() < Duration::from_secs(20));
    for link in ["lus1", "lus2", "zelf.md", "map/omhoog", "wachtwoorden.md"] {
        assert_reports(
            &run,
            &format!("content/{link}: warning: symbolic link skipped (dossier does not follow links)"),
        );
    }
    let files: Vec<String> = tree(&site.path("output")).into_iter().map(|(p, _)| p).collect();
    assert!(!files.iter().any(|p| p.contains("zelf") || p.contains("wachtwoord") || p.contains("omhoog")), "{files:?}");
    assert_eq!(site.check(&["--deny-warnings"]).code, 1);
}

#[test]
fn file_names_with_spaces_unicode_and_a_leading_dash() {
    let files: &[(&str, &[u8])] = &[
        (
            "content/index.md",
            "---\ntitle: Thuis\n---\n[[met spatie]] [[Ünïcødé notitie]] [[-streepje]] [[日本語]] [[-x y]] [[!!!]]\n"
                .as_bytes(),
        ),
        ("content/met spatie.md", b"---\ntitle: Met spatie\n---\n[[Thuis]]\n"),
        ("content/Ünïcødé notitie.md", "---\ntitle: Ünïcødé\n---\n[[Thuis]]\n".as_bytes()),
        ("content/-streepje.md", b"---\ntitle: Streepje\n---\n[[Thuis]]\n"),
        ("content/日本語.md", "---\ntitle: 日本語\n---\n[[Thuis]]\n".as_bytes()),
        ("content/map met spatie/-x y.md", b"---\ntitle: X Y\n---\n[[Thuis]]\n"),
        ("content/!!!.md", b"---\ntitle: Uitroep\n---\n[[Thuis]]\n"),
        ("content/-img.png", b"\x89PNG\r\n\x1a\n"),
    ];
    let (site, run) = build(files);
    assert_builds(&run);
    assert!(!run.stderr.contains(": error: "), "{}", run.stderr);
    for page in [
        "met-spatie.html",
        "unicode-notitie.html",
        "streepje.html",
        "日本語.html",
        "map-met-spatie/x-y.html",
        "pagina.html",
        "img.png",
    ] {
        assert!(site.path("output").join(page).is_file(), "missing output/{page}");
    }
    let index = site.output("index.html");
    assert!(index.contains("href=\"map-met-spatie/x-y.html\""), "{index}");
    // A leading dash is never taken for an option, in our arguments or in the site root's name.
    let root = site.root().join("-site");
    std::fs::rename(site.path("content"), site.root().join("content-tmp")).unwrap();
    std::fs::create_dir(&root).unwrap();
    std::fs::rename(site.root().join("content-tmp"), root.join("content")).unwrap();
    let run = dossier(&["build", &format!("--root={}", root.display())]);
    assert_builds(&run);
    assert!(root.join("output/map-met-spatie/x-y.html").is_file());
}

#[test]
fn slugs_that_differ_only_in_case_or_accents_collide() {
    let (site, run) = build(&[
        INDEX,
        ("content/Notitie.md", b"---\ntitle: Een\n---\n[[Thuis]]\n"),
        ("content/notitie.md", b"---\ntitle: Twee\n---\n[[Thuis]]\n"),
        ("content/Café.md", b"---\ntitle: Drie\n---\n[[Thuis]]\n"),
        ("content/cafe.md", b"---\ntitle: Vier\n---\n[[Thuis]]\n"),
    ]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/notitie.md: error: would be written to notitie.html, like content/Notitie.md");
    assert_reports(&run, "content/cafe.md: error: would be written to cafe.html, like content/Café.md");
    assert!(run.stderr.contains(
        "= hint: file names that differ only in case, accents or punctuation give the same page; rename one"
    ));
}

#[test]
fn dots_and_slashes_in_names_never_leave_the_output() {
    let (site, run) = build(&[
        ("content/index.md", b"---\ntitle: Thuis\n---\n[[../../etc/passwd]] [[a/b]] [[..]] [[../../Boos]]\n"),
        (
            "content/a.md",
            b"---\ntitle: ../../Boos\naliases: [../../etc/passwd, a/b, .., /root/x, 'map/../../../y']\n---\n[[Thuis]]\n",
        ),
        ("content/a..b.md", b"---\ntitle: Punten\n---\n[[Thuis]]\n"),
    ]);
    assert_builds(&run);
    let outside: Vec<_> = std::fs::read_dir(site.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(outside.len(), 2, "files written beside output/: {outside:?}");
    for (path, _) in tree(&site.path("output")) {
        assert!(!path.split('/').any(|p| p == ".." || p.is_empty()), "{path}");
    }
    assert!(site.path("output/etc-passwd.html").is_file(), "alias redirect page");
    assert!(site.path("output/a-b.html").is_file());
    assert!(site.output("index.html").contains("href=\"a.html\""));

    // A Markdown link climbing out of content/ is an error at its place.
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\nZie [dit](../../geheim.md).\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:4:5: error: link `../../geheim.md` points outside content/");

    // A source key is a file name (`<key>.txt` under `source_texts`): no `..` or `/` at its edges.
    for id in ["../geheim", "a/../../b", "/etc/hostname"] {
        let source = format!("---\ntitle: Bron\nid: {id}\n---\n");
        let (site, run) = build(&[
            INDEX,
            ("content/a.md", format!("---\ntitle: A\n---\n[@{id}]\n").as_bytes()),
            ("content/sources/bron.md", source.as_bytes()),
        ]);
        assert_fails(&site, &run);
        assert_reports(
            &run,
            &format!("content/sources/bron.md:3:1: error: citation key `{id}` climbs out of its folder as a file name"),
        );
    }
}

#[test]
fn html_in_citation_keys_and_tags_is_refused_or_escaped() {
    let (site, run) = build(&[
        INDEX,
        ("content/a.md", b"---\ntitle: A\ntags: [\"<script>alert(1)</script>\", \"<b onmouseover=x>vet</b>\"]\n---\nTekst [@<script>alert(2)</script>] en [@a\"><img src=https://example.org/x.png onerror=alert(3)>].\n"),
    ]);
    assert_builds(&run);
    for (path, bytes) in tree(&site.path("output")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        // Escaped, the text may stay (`&lt;img src=x onerror=…`); as markup, never.
        for bad in ["<script>alert", "<b onmouseover", "<img src=x"] {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
    assert!(site.path("output/tags/script-alert-1-script.html").is_file());
    assert!(site.output("tags/script-alert-1-script.html").contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"));

    let (site, run) = build(&[
        INDEX,
        ("content/a.md", b"---\ntitle: A\n---\n[@x]\n"),
        ("content/sources/bron.md", b"---\ntitle: Bron\nid: \"<img src=x onerror=alert(1)>\"\n---\n"),
    ]);
    assert_fails(&site, &run);
    assert_reports(
        &run,
        "content/sources/bron.md:3:1: error: citation key `<img src=x onerror=alert(1)>` has characters a citation cannot use",
    );
}

#[test]
fn note_linking_only_to_itself_is_a_dead_end() {
    let (site, run) =
        build(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\n# Kop\n\n[[A]], [[a]], [[#Kop]] en [mij](a.md).\n")]);
    assert_builds(&run);
    assert_reports(&run, "content/a.md: warning: page links to no other page");
    assert!(site.output("a.html").contains("href=\"#kop\""));
    let check = site.check(&["--deny-warnings"]);
    assert_eq!(check.code, 1);
    // An embed of itself is a cycle: an error, not an endless page.
    let (site, run) = build(&[INDEX, ("content/a.md", b"---\ntitle: A\n---\n![[A]]\n")]);
    assert_fails(&site, &run);
    assert_reports(&run, "content/a.md:4:1: error: embed cycle: `A` includes this page again");
}

#[test]
fn hundred_thousand_links_in_one_note() {
    let links = "[[Thuis]] ".repeat(100_000);
    let start = Instant::now();
    let (site, run) = build(&[INDEX, ("content/a.md", format!("---\ntitle: A\n---\n{links}\n").as_bytes())]);
    assert_builds(&run);
    assert!(start.elapsed() < Duration::from_secs(120), "took {:?}", start.elapsed());
    assert!(site.output("a.html").matches("href=\"index.html\"").count() >= 100_000);

    // All broken, on one line and on lines of their own: one error each, quickly.
    for (sep, last) in [(" ", "content/a.md:4:1199989"), ("\n", "content/a.md:100003:1")] {
        let links = format!("[[Nergens]]{sep}").repeat(100_000);
        let start = Instant::now();
        let (site, run) = build(&[INDEX, ("content/a.md", format!("---\ntitle: A\n---\n{links}").as_bytes())]);
        assert_fails(&site, &run);
        let took = start.elapsed();
        let errors =
            headlines(&run.stderr).iter().filter(|l| l.ends_with("error: link target `Nergens` not found")).count();
        assert_eq!(errors, 100_000);
        assert_reports(&run, &format!("{last}: error: link target `Nergens` not found"));
        // A long line is quoted as a window around the place, not 1 MB per error.
        assert!(run.stderr.len() < 100_000 * 600, "stderr is {} bytes", run.stderr.len());
        assert!(took < Duration::from_secs(120), "took {took:?}");
    }
}

/// Inputs that once broke dossier (`tests/fuzz-regressions/<target>/`), fed through the
/// same code as the fuzz target of that name (`fuzz/fuzz_targets/`).
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut ran = 0;
    for target in ["frontmatter", "syntax", "page", "letter"] {
        let mut inputs: Vec<_> = std::fs::read_dir(dir.join(target)).unwrap().map(|e| e.unwrap().path()).collect();
        inputs.sort();
        for input in inputs {
            let bytes = std::fs::read(&input).unwrap();
            let start = Instant::now();
            match target {
                "frontmatter" => fuzz::frontmatter(&bytes),
                "syntax" => fuzz::syntax(&bytes),
                "letter" => fuzz::letter(&bytes),
                _ => {
                    fuzz::page(&bytes);
                    fuzz::pipeline(&bytes);
                }
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{}: took {:?}", input.display(), start.elapsed());
            ran += 1;
        }
    }
    assert!(ran >= 3, "only {ran} regression inputs");
}

#[test]
fn many_uncited_figures_are_placed_quickly() {
    // Each paragraph with figures but no citation is a warning at its place; placing them
    // searched the links and the text from the start for every paragraph (8 minutes for
    // this 1 MB note).
    let body: String =
        (0..20_000).map(|i| format!("Alinea {i} met 5% en [[Thuis]].\n\nNog {i} zonder link.\n\n")).collect();
    let site = site_with(&[INDEX, ("content/a.md", format!("---\ntitle: A\n---\n{body}").as_bytes())]);
    let start = Instant::now();
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
    let figures: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains("figures without")).collect();
    assert_eq!(figures.len(), 40_000);
    assert_eq!(figures[0], "content/a.md:4:20: warning: figures without a citation: “Alinea 0 met 5% en Thuis.”");
    assert_eq!(figures[39_999], "content/a.md:80002:1: warning: figures without a citation: “Nog 19999 zonder link.”");
}

#[test]
fn thousands_of_broken_links_on_a_big_site_fail_quickly() {
    // Each broken link's "did you mean" compared it with every title: 10,000 of them on
    // 1,500 pages took six minutes.
    let notes: Vec<(String, String)> = (0..1_500)
        .map(|n| (format!("content/notes/n{n:04}.md"), format!("---\ntitle: Notitie nummer {n}\n---\n[[Thuis]]\n")))
        .collect();
    let index = format!(
        "---\ntitle: Thuis\n---\n[[Notitie nummr 7]]\n{}",
        (0..10_000).map(|i| format!("[[Onbekende notitie {i}]]\n")).collect::<String>()
    );
    let mut files: Vec<(&str, &[u8])> = notes.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    files.push(("content/index.md", index.as_bytes()));
    let site = site_with(&files);
    let start = Instant::now();
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
    assert_eq!(headlines(&run.stderr).iter().filter(|l| l.contains(": error: link target")).count(), 10_001);
    assert!(run.stderr.contains(
        "content/index.md:4:1: error: link target `Notitie nummr 7` not found\n  |\n4 | [[Notitie nummr 7]]\n  | ^\n  = hint: did you mean `Notitie nummer 7`"
    ), "{}", &run.stderr[..2000]);
}
