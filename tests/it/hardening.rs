//! Hostile input: nothing a note says may turn into running script, in pages or data.

use crate::support::scan::executable;
use crate::support::{fixture, headlines, site_with, tree};

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = fixture("escape");
    // A script URL as a source's address is refused outright.
    let run = site.check(&[]);
    assert!(
        run.stderr.contains(
            "content/sources/bron.md:4:1: error: source url `javascript:alert('url')` is not an http(s) address"
        ),
        "{}",
        run.stderr
    );
    let bron = std::fs::read_to_string(site.path("content/sources/bron.md")).unwrap();
    site.write("content/sources/bron.md", &bron.replace("javascript:alert('url')", "https://example.org/bron"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in tree(&site.path("output")) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            let bad = executable(&text);
            assert!(bad.is_empty(), "{path}: {bad:?}");
            checked += 1;
        }
        if path.ends_with(".json") {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            let _: serde_json::Value = serde_json::from_str(&text).unwrap();
            checked += 1;
        }
        // Data written as scripts (search index, graph) must be one call with a JSON
        // literal and nothing else, so no text can break out into code.
        if let Some(name) = path.strip_prefix("search/").and_then(|p| p.strip_suffix(".js")) {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            crate::support::search_data(&text, name);
            checked += 1;
        }
        if path == "graph-data.js" {
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw angle brackets");
            let json = text.strip_prefix("dossierGraph(").and_then(|t| t.strip_suffix(");\n")).expect("one call");
            let _: serde_json::Value = serde_json::from_str(json).unwrap();
            checked += 1;
        }
    }
    assert!(checked > 12, "only {checked} files checked");
    let index = site.output("index.html");
    assert!(index.contains("&lt;script&gt;alert(&#x27;titel&#x27;)&lt;&#x2F;script&gt;"), "title not escaped");
    assert!(index.contains("<kbd>toets</kbd>"), "safe inline markup was lost");
    let graph = site.output("graph.json");
    assert!(graph.contains("\\u003cscript\\u003e"));
    // The letter's own text and the commitment views were among the files checked, with
    // the hostile text shown as text.
    let letter = site.output("sources/bron/text.html");
    assert!(letter.contains("Opening met &lt;script&gt;alert(&#39;brief&#39;)&lt;/script&gt;"), "{letter}");
    assert!(letter.contains("Noot &lt;svg onload=alert(&#x27;voetnoot&#x27;)&gt;"), "{letter}");
    assert!(site.output("commitments.html").contains("Motie &lt;img src=x onerror=alert(&#x27;motie&#x27;)&gt;"));
    // A spreadsheet never runs a field as a formula.
    let csv = site.output("commitments.csv");
    assert!(csv.contains(";\"'=HYPERLINK(\"\"x\"\") | <script>"), "{csv}");
}

#[test]
fn raw_html_can_be_allowed_or_escaped() {
    let site = fixture("escape");
    let bron = std::fs::read_to_string(site.path("content/sources/bron.md")).unwrap();
    site.write("content/sources/bron.md", &bron.replace("javascript:alert('url')", "https://example.org/bron"));
    site.write("dossier.yaml", "raw_html: escape\n");
    assert_eq!(site.build().code, 0);
    let index = site.output("index.html");
    assert!(index.contains("&lt;div onclick="), "escape mode shows the HTML as text");
    assert!(executable(&index).is_empty());

    site.write("dossier.yaml", "raw_html: allow\n");
    assert_eq!(site.build().code, 0);
    assert!(site.output("index.html").contains("<div onclick=\"alert('div')\">"), "allow passes HTML through");

    site.write("dossier.yaml", "raw_html: loose\n");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("dossier.yaml:1:11: error: raw_html: unknown variant `loose`, expected one of `sanitize`, `allow`, `escape`"), "{}", run.stderr);
}

const HOME: (&str, &[u8]) = ("content/index.md", b"---\ntitle: Thuis\n---\nWelkom.\n");

fn check_within(site: &crate::support::Site, seconds: u64) -> crate::support::Run {
    crate::support::dossier_within(seconds, &["check", "--root", site.root().to_str().unwrap()])
}

#[test]
fn embeds_that_double_at_every_level_are_refused_at_the_embed() {
    // Regression: 24 tiny notes, each embedding the next twice, grew the build to 2.4 GB.
    let notes: Vec<(String, String)> = (0..24)
        .map(|i| {
            let next = if i < 23 { format!("![[n{}]]\n\n![[n{}]]\n", i + 1, i + 1) } else { "Einde.\n".into() };
            (format!("content/n{i}.md"), format!("---\ntitle: n{i}\n---\nTekst {i}.\n\n{next}"))
        })
        .collect();
    let mut files: Vec<(&str, &[u8])> = notes.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    files.push(HOME);
    let site = site_with(&files);
    let run = check_within(&site, 30);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/n0.md:6:1: error: embeds nest more than 16 deep from here"), "{}", run.stderr);
    let build = crate::support::dossier_within(30, &["build", "--root", site.root().to_str().unwrap()]);
    assert_eq!(build.code, 1, "build refuses what check reports");
}

#[test]
fn embedded_text_has_a_budget_per_page() {
    // Twelve levels deep is allowed, but 4,096 copies of 8 KB are not.
    let text = "Een zin over de ggz. ".repeat(400);
    let notes: Vec<(String, String)> = (0..13)
        .map(|i| {
            let next = if i < 12 { format!("![[n{}]]\n\n![[n{}]]\n", i + 1, i + 1) } else { String::new() };
            (format!("content/n{i}.md"), format!("---\ntitle: n{i}\n---\n{text}\n\n{next}"))
        })
        .collect();
    let mut files: Vec<(&str, &[u8])> = notes.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    files.push(HOME);
    let site = site_with(&files);
    let run = check_within(&site, 30);
    assert_eq!(run.code, 1);
    let line = run.stderr.lines().find(|l| l.starts_with("content/n0.md:") && l.contains("error")).unwrap_or_default();
    assert!(
        line.contains("error: embedded text makes this page") && line.contains("over the limit of 8 MB"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_chain_of_two_thousand_embeds_is_checked_in_linear_time() {
    // Regression: a linear chain of 2,000 embeds took minutes (copies at every level).
    let notes: Vec<(String, String)> = (0..2000)
        .map(|i| {
            let next = if i < 1999 { format!("![[c{}]]", i + 1) } else { "Einde.".into() };
            (format!("content/c{i}.md"), format!("---\ntitle: c{i}\n---\nTekst {i}.\n\n{next}\n"))
        })
        .collect();
    let mut files: Vec<(&str, &[u8])> = notes.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    files.push(HOME);
    let site = site_with(&files);
    let run = check_within(&site, 60);
    assert_eq!(run.code, 1);
    let deep = run.stderr.lines().filter(|l| l.contains("embeds nest more than 16 deep")).count();
    assert_eq!(deep, 2000 - 17, "every note with more than 16 levels below it");
    // Sixteen deep is fine, and builds.
    let site = site_with(&files[1983..]);
    let run = crate::support::dossier_within(60, &["build", "--root", site.root().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_note_may_embed_its_own_sections_but_not_itself() {
    let site = site_with(&[
        HOME,
        ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]]\n\n![[#Sectie]]\n\n![[A#Andere]]\n\n## Sectie\n\nTekst.\n\n## Andere\n\nMeer.\n"),
        ("content/b.md", b"---\ntitle: B\n---\n[[Thuis]]\n\n## Eigen\n\n![[B]]\n"),
    ]);
    let run = site.check(&[]);
    let errors: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors, ["content/b.md:8:1: error: embed cycle: `B` includes this page again"], "{}", run.stderr);
}

/// A FIFO at `path` (Unix), which blocks whoever opens it for reading.
#[cfg(unix)]
fn fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifos_and_other_odd_files_never_hang_a_build() {
    // Regression: a FIFO under content/ or as a source text hung check, build and serve.
    let site = site_with(&[
        HOME,
        ("content/bron.md", b"---\ntitle: Bron\n---\n[[Thuis]]\n"),
        ("content/sources/b.md", b"---\ntitle: B\n---\n[[Thuis]]\n"),
        ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]], \xe2\x80\x9cwoorden\xe2\x80\x9d [@b].\n"),
        ("dossier.yaml", b"source_texts: teksten\n"),
    ]);
    std::fs::create_dir_all(site.path("teksten")).unwrap();
    fifo(&site.path("content/pijp.md"));
    fifo(&site.path("content/pijp.png"));
    fifo(&site.path("teksten/b.txt"));
    let run = check_within(&site, 30);
    let lines = headlines(&run.stderr);
    assert!(
        lines.contains(&"content/pijp.md: warning: not a regular file (a FIFO, socket or device); skipped"),
        "{}",
        run.stderr
    );
    assert!(
        lines.contains(&"content/pijp.png: warning: not a regular file (a FIFO, socket or device); skipped"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("teksten/b.txt: error: cannot read the full text of `b`"), "{}", run.stderr);
    let build = crate::support::dossier_within(30, &["build", "--root", site.root().to_str().unwrap()]);
    assert_eq!(build.code, 1, "the unreadable source text is an error:\n{}", build.stderr);
    // dossier.yaml itself.
    std::fs::remove_file(site.path("dossier.yaml")).unwrap();
    fifo(&site.path("dossier.yaml"));
    let run = check_within(&site, 30);
    assert!(run.stderr.contains("dossier.yaml: error: not a regular file"), "{}", run.stderr);
}

#[test]
fn deeply_nested_dossier_yaml_is_refused_quickly() {
    // Regression: 100,000 `[` in dossier.yaml took 31 s (front matter had a guard).
    let yaml = format!("title: x\ntheme: {}\n", "[".repeat(100_000));
    let site = site_with(&[HOME, ("dossier.yaml", yaml.as_bytes())]);
    let run = check_within(&site, 10);
    assert!(run.stderr.contains("dossier.yaml:2:108: error: nested more than 100 levels deep"), "{}", run.stderr);
}

#[test]
fn notes_over_the_size_limit_are_refused_with_the_limit_named() {
    // Regression: a 50 MB note took 2.3 GB; 4 MB of `[` 1.26 GB.
    let big = format!("---\ntitle: Groot\n---\n{}", "[".repeat(2_500_000));
    let site = site_with(&[HOME, ("content/groot.md", big.as_bytes())]);
    let run = check_within(&site, 60);
    assert!(
        run.stderr.contains("content/groot.md: error: note is 2.5 MB, over the limit of 2.0 MB")
            && run.stderr.contains("raise `max_note_mb` in dossier.yaml"),
        "{}",
        run.stderr
    );
    site.write("dossier.yaml", "max_note_mb: 3\n");
    let run = check_within(&site, 60);
    assert!(!run.stderr.contains("over the limit"), "{}", run.stderr);
}

#[test]
fn a_wikilink_with_html_inside_is_reported_not_dropped() {
    let site = site_with(&[HOME, ("content/a.md", b"---\ntitle: A\n---\nZie [[Thuis <b>vet</b>]] hier.\n")]);
    let run = site.check(&[]);
    assert!(run.stderr.contains("content/a.md:4:5: error: link target `Thuis <b>vet</b>` not found"), "{}", run.stderr);
}

#[test]
fn base_url_from_the_command_line_is_checked_like_the_config_key() {
    // Regression: `--base-url 'javascript:alert(1)//'` built and landed in robots.txt.
    let site = site_with(&[HOME]);
    let root = site.root().to_str().unwrap();
    for bad in ["javascript:alert(1)//", "/wiki/", "https://x.org/\"><script>"] {
        let run = crate::support::dossier(&["build", "--root", root, "--base-url", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("is not an absolute http(s) URL"), "{}", run.stderr);
    }
    assert!(!site.path("output").exists());
}

#[test]
fn user_files_at_generated_paths_are_errors_naming_both() {
    // Regression: a note timeline.md, an asset search/meta.js or an alias `coverage`
    // silently replaced (or were replaced by) what dossier generates.
    let site = site_with(&[
        ("content/index.md", b"---\ntitle: Thuis\naliases: [coverage, \"404\"]\n---\n[[timeline]] [[graph]]\n"),
        ("content/timeline.md", b"---\ntitle: Mijn tijdlijn\n---\n[[Thuis]]\n"),
        ("content/graph.md", b"---\ntitle: Graaf\n---\n[[Thuis]]\n"),
        ("content/search/meta.js", b"alert(1)"),
        ("content/map/index.html", b"<p>x</p>"),
        ("content/map/noot.md", b"---\ntitle: Noot\n---\n[[Thuis]]\n"),
    ]);
    let run = site.check(&[]);
    let errors: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "content/graph.md: error: would be written to graph.html, where dossier writes the graph",
            "content/index.md:3:11: error: alias `coverage` would be redirected from coverage.html, where dossier writes the coverage matrix",
            "content/index.md:3:21: error: alias `404` would be redirected from 404.html, where dossier writes the page for missing paths",
            "content/map/index.html: error: would be written to map/index.html, where dossier writes a folder's list page",
            "content/search/meta.js: error: would be written to search/meta.js, where dossier writes the search index",
            "content/timeline.md: error: would be written to timeline.html, where dossier writes the timeline",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn a_dead_link_from_the_theme_fails_the_build_and_check() {
    // The bundled site had 109 dead links (`#dr-1` on source pages); render now checks
    // every internal href, src and #fragment before anything is written.
    let site = fixture("site");
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    site.write(
        "themes/default/templates/page_footer.html",
        "<a href=\"{{ root }}nergens.html\">x</a><a href=\"#geen-id\">y</a>",
    );
    for run in [site.check(&[]), site.build()] {
        assert_eq!(run.code, 3, "an internal failure: {}", run.stderr);
        assert!(run.stderr.contains("the rendered site has dead internal links in"), "{}", run.stderr);
        assert!(run.stderr.contains("notes/alfa.html: href=\"../nergens.html\" (no such file)"), "{}", run.stderr);
        assert!(run.stderr.contains("notes/alfa.html: href=\"#geen-id\" (no such id)"), "{}", run.stderr);
    }
    assert!(!site.path("output").exists(), "nothing written");
}

#[test]
fn empty_links_render_as_commonmark_says() {
    // Regression: `[x]()` and `[x](#)` failed the whole site ("no heading ``").
    let site = site_with(&[HOME, ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]] [leeg]() en [kruis](#).\n")]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/a.md:4:11: warning: empty link `()` leads nowhere but this page"),
        "{}",
        run.stderr
    );
    let a = site.output("a.html");
    assert!(a.contains("<a href=\"\">leeg</a>") && a.contains("<a href=\"#\">kruis</a>"), "{a}");
}

#[test]
fn check_refuses_what_build_would() {
    // Regression: check passed where build failed (over-long names, template errors).
    // 252 bytes and `.md` is a name a file system takes; with `.html` it is 257.
    let long = format!("content/{}.md", "lang".repeat(63));
    let site = site_with(&[HOME, (long.as_str(), b"---\ntitle: Lang\n---\n[[Thuis]]\n")]);
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("its output name is 257 bytes long; file systems allow 255"), "{}", run.stderr);
    let site = site_with(&[HOME]);
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    site.write("themes/default/templates/page_footer.html", "{{ page.bestaat_niet | upper }}");
    let (check, build) = (site.check(&[]), site.build());
    assert_eq!((check.code, build.code), (3, 3), "{}\n{}", check.stderr, build.stderr);
    assert!(check.stderr.contains("template"), "{}", check.stderr);
}
