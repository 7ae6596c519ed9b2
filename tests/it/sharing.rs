//! Sharing, branding and private publishing (issue 18): Open Graph and Twitter card
//! meta and the canonical URL on every page, the site's own favicon, logo, stylesheets
//! and includes from `dossier.yaml`, and `private: true`.

use crate::support::{fixture, headlines, site_with, tree};

/// Every HTML page of an output, with its path, except alias redirects (which are
/// pointers, not pages: they carry `noindex` and a canonical link of their own).
fn pages(out: &std::path::Path) -> Vec<(String, String)> {
    tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
        .collect()
}

#[test]
fn every_page_has_sharing_meta_and_with_base_url_a_canonical_address() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let all = pages(&site.path("output"));
    assert!(all.len() > 10);
    for (path, html) in &all {
        let html = html.replace("&#x2F;", "/");
        for tag in [
            "<meta property=\"og:title\"",
            "<meta property=\"og:site_name\" content=\"Testwiki\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "type=\"application/atom+xml\"",
        ] {
            assert!(html.contains(tag), "{path} lacks {tag}");
        }
        assert!(!html.contains("name=\"robots\""), "{path}: a public site says noindex");
        if path == "404.html" {
            assert!(!html.contains("rel=\"canonical\""), "the 404 page has no address of its own");
            continue;
        }
        let expected = format!("https://example.org/wiki/{}", path.strip_suffix("index.html").unwrap_or(path));
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{expected}\">")),
            "{path}: no canonical {expected}"
        );
        assert!(html.contains(&format!("<meta property=\"og:url\" content=\"{expected}\">")), "{path}");
    }
    let alfa = site.output("notes/alfa.html");
    assert!(alfa.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(alfa.contains("<meta property=\"og:description\" content=\"Een notitie met alle vormen.\">"));
    assert!(alfa.contains("<meta name=\"twitter:description\" content=\"Een notitie met alle vormen.\">"));

    // Without base_url: no absolute address to give.
    site.write("dossier.yaml", "title: Testwiki\n");
    assert_eq!(site.build().code, 0);
    for (path, html) in pages(&site.path("output")) {
        assert!(!html.contains("rel=\"canonical\"") && !html.contains("og:url"), "{path}");
        assert!(html.contains("<meta property=\"og:title\""), "{path}");
    }
}

const BRAND_FILES: &[(&str, &[u8])] = &[
    ("content/index.md", b"---\ntitle: Start\n---\nWelkom. Zie [[Notitie]].\n"),
    ("content/map/notitie.md", b"---\ntitle: Notitie\n---\nTekst, terug naar [[Start]].\n"),
    ("content/beeld/logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><rect width=\"8\" height=\"8\"/></svg>"),
    ("content/stijl/extra.css", b".extra { color: red; }\n"),
    ("huisstijl/icoon.png", b"\x89PNG\r\n\x1a\n"),
    ("huisstijl/huis.css", b"body { font-family: serif; }\n"),
    (
        "huisstijl/head.html",
        b"<meta name=\"author\" content=\"Afdeling Beleid\">\n<script>alert('kop')</script>\n<link rel=\"stylesheet\" href=\"https://huisstijl.example.org/font.css\">\n",
    ),
    ("huisstijl/footer.html", b"<p>Afdeling Beleid \xc2\xb7 <a href=\"{root}map/notitie.html\">contact</a><script>alert('voet')</script></p>\n"),
];

const BRAND_YAML: &str = "title: Huisstijl\nbase_url: https://intranet.example.org/dossier/\nfavicon: huisstijl/icoon.png\nlogo: content/beeld/logo.svg\nextra_css: [huisstijl/huis.css, content/stijl/extra.css]\nhead_include: huisstijl/head.html\nfooter_include: huisstijl/footer.html\n";

#[test]
fn branding_files_are_linked_copied_and_includes_follow_raw_html() {
    let site = site_with(BRAND_FILES);
    site.write("dossier.yaml", BRAND_YAML);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Files outside content/ are copied under assets/site/; those in content/ stay put.
    assert_eq!(std::fs::read(site.path("output/assets/site/huisstijl/icoon.png")).unwrap(), b"\x89PNG\r\n\x1a\n");
    assert!(site.path("output/assets/site/huisstijl/huis.css").is_file());
    assert!(site.path("output/beeld/logo.svg").is_file() && site.path("output/stijl/extra.css").is_file());

    let page = site.output("map/notitie.html").replace("&#x2F;", "/");
    assert!(
        page.contains("<link rel=\"icon\" href=\"../assets/site/huisstijl/icoon.png\" type=\"image/png\">"),
        "{page}"
    );
    assert!(page.contains("<img class=\"brand-logo\" src=\"../beeld/logo.svg\" alt=\"\">"));
    assert!(
        page.contains("<meta property=\"og:image\" content=\"https://intranet.example.org/dossier/beeld/logo.svg\">")
    );
    // The site's stylesheets come after the theme's, in the order given.
    let theme = page.find("assets/style.css").unwrap();
    let house = page.find("href=\"../assets/site/huisstijl/huis.css\"").expect("huis.css linked");
    let extra = page.find("href=\"../stijl/extra.css\"").expect("extra.css linked");
    assert!(theme < house && house < extra);
    // raw_html: sanitize (the default): safe head tags and footer markup kept, scripts not.
    assert!(page.contains("<meta name=\"author\" content=\"Afdeling Beleid\">"));
    assert!(page.contains("<link rel=\"stylesheet\" href=\"https://huisstijl.example.org/font.css\">"));
    assert!(
        page.contains("<div class=\"site-footer\"><p>Afdeling Beleid · <a href=\"../map/notitie.html\">contact</a>"),
        "{page}"
    );
    assert!(!page.contains("alert("), "a script survived sanitizing");

    // raw_html: allow: the includes as written.
    site.write("dossier.yaml", &format!("{BRAND_YAML}raw_html: allow\n"));
    assert_eq!(site.build().code, 0);
    let page = site.output("index.html");
    assert!(page.contains("<script>alert('kop')</script>") && page.contains("<script>alert('voet')</script>"));

    // raw_html: escape: markup shown as text has no place in a head, so it is refused.
    site.write("dossier.yaml", &format!("{BRAND_YAML}raw_html: escape\n"));
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        headlines(&run.stderr).into_iter().filter(|l| l.starts_with("dossier.yaml")).collect::<Vec<_>>(),
        [
            "dossier.yaml:6:1: error: head_include cannot be used with `raw_html: escape`",
            "dossier.yaml:7:1: error: footer_include cannot be used with `raw_html: escape`"
        ]
    );
}

#[test]
fn without_favicon_the_built_in_icon_is_used() {
    let site = site_with(&[("content/index.md", b"# Start\n")]);
    assert_eq!(site.build().code, 0);
    let page = site.output("index.html");
    assert!(
        page.contains("<link rel=\"icon\" href=\"assets&#x2F;favicon.svg\" type=\"image&#x2F;svg+xml\">"),
        "{page}"
    );
    assert!(site.output("assets/favicon.svg").starts_with("<svg"));
    assert!(!page.contains("brand-logo") && !page.contains("og:image"));
}

#[test]
fn bad_branding_keys_are_errors_at_their_line() {
    let site = site_with(BRAND_FILES);
    site.write(
        "dossier.yaml",
        "title: Fout\nfavicon: huisstijl/geen.png\nlogo: ../buiten.svg\nextra_css:\n  - huisstijl/huis.css\n  - huisstijl/head.html\nhead_include: huisstijl/huis.css\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        headlines(&run.stderr).into_iter().filter(|l| l.starts_with("dossier.yaml")).collect::<Vec<_>>(),
        [
            "dossier.yaml:2:1: error: favicon `huisstijl/geen.png`: no such file (or not a regular file)",
            "dossier.yaml:3:1: error: logo `../buiten.svg` is not a path inside the site root",
            "dossier.yaml:6:5: error: extra_css `huisstijl/head.html` is not one of .css",
            "dossier.yaml:7:1: error: head_include `huisstijl/huis.css` is not one of .html, .htm",
        ]
    );
    assert!(!site.path("output").exists(), "nothing is written");
}

#[test]
fn a_private_site_says_noindex_everywhere_and_has_no_sitemap() {
    let site = fixture("site");
    // The control: public, with base_url, there is a sitemap and no noindex.
    assert_eq!(site.build().code, 0);
    assert!(site.path("output/sitemap.xml").is_file());
    assert!(site.output("robots.txt").contains("Allow: /"));

    let yaml = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write("dossier.yaml", &format!("{yaml}private: true\n"));
    assert_eq!(site.build().code, 0);
    let all = pages(&site.path("output"));
    assert!(all.len() > 10);
    for (path, html) in &all {
        assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "{path} lacks noindex");
    }
    assert_eq!(site.output("robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(!site.path("output/sitemap.xml").exists(), "a private site has no sitemap");
    assert!(!site.output("robots.txt").contains("Sitemap"));
}
