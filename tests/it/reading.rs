//! The reading view of a source's own text, and citations that open it at the place
//! they cite: on `tests/fixtures/letter` (a made-up letter) and on the bundled
//! knowledge base with the real letters from `../shared/seeds`.

use dossier::model::letter::section_key;

use crate::support::{dossier, fixture, headlines};

#[test]
fn a_letter_in_sections_paragraphs_and_footnotes() {
    let site = fixture("letter");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.output("sources/brief/text.html");
    // Sections at the listed headings, numbering left out of the anchor; the page
    // break, the footer and the hyphenation undone; the footnote out of the text.
    for part in [
        "<section class=\"letter-section\" id=\"s-inleiding\" aria-label=\"Opening\">",
        "<h2 id=\"s-wachttijden-in-beeld-h\">Wachttijden in beeld</h2>",
        "<h2 id=\"s-wat-er-verder-gebeurt-h\">2. Wat er verder gebeurt</h2>",
        "<p id=\"p-1\" class=\"letter-p\"><a class=\"p-number\" href=\"#p-1\" aria-label=\"alinea 1\">1</a> Met deze brief informeer ik uw Kamer over de wachttijden in de ggz<sup class=\"fn-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> en over de stappen die volgen.</p>",
        "waarin aanbieders hun wachttijden per maand melden.</p>",
        "<li id=\"fn-1\" value=\"1\">Kamerstuk 99 999, nr. 0</li>",
    ] {
        assert!(text.contains(part), "{part}\nnot in\n{text}");
    }
    assert!(!text.contains("vergaderjaar 2024–2025"), "page footer kept");
    // The quoted passage is marked, and the notes citing a section are beside it.
    assert!(text.contains(
        "Het kabinet wil <mark id=\"q-2-16\">de wachttijden zichtbaar maken voor iedereen die zorg zoekt</mark>."
    ));
    let second = &text
        [text.find("id=\"s-wachttijden-in-beeld\"").unwrap()..text.find("id=\"s-wat-er-verder-gebeurt\"").unwrap()];
    assert!(second.contains("<aside class=\"letter-cited\"><p>Geciteerd door:</p><ul><li><a href=\"..&#x2F;..&#x2F;notitie.html#dc-2-1\">Notitie</a>"));
    // The source's page links its text.
    assert!(site
        .output("sources/brief.html")
        .contains("<a href=\"..&#x2F;sources&#x2F;brief&#x2F;text.html\">Lees de brief</a>"));
}

#[test]
fn citations_open_the_letter_where_they_point() {
    let site = fixture("letter");
    assert_eq!(site.build().code, 0);
    let note = site.output("notitie.html");
    // § Kop: the section, with its opening words for the preview.
    assert!(note.contains("<a href=\"sources/brief/text.html#s-inleiding\" id=\"dc-1-1\" class=\"cite-ref\" data-cite=\"Brief over wachttijden, 2025-04-09, § Inleiding\" data-passage=\"Met deze brief informeer ik uw Kamer over de wachttijden in de ggz en over de stappen die volgen.\""), "{note}");
    // A quotation: its passage.
    assert!(note.contains("<a href=\"sources/brief/text.html#q-2-16\" id=\"dc-2-1\""), "{note}");
    // A page number cannot be placed in the text: the reference list, as without a text.
    assert!(note.contains("<a href=\"#dr-1\" id=\"dc-4-1\" class=\"cite-ref\" data-cite=\"Brief over wachttijden, 2025-04-09, p. 2\" aria-label"), "{note}");
}

#[test]
fn without_the_text_the_site_still_builds() {
    let site = fixture("letter");
    std::fs::remove_dir_all(site.path("teksten")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("teksten/brief-tekst.txt: note: no full text for `brief`; no reading view, and its quotations are not checked"),
        "{}",
        run.stderr
    );
    assert!(!site.path("output/sources/brief/text.html").exists());
    assert!(site.output("notitie.html").contains("<a href=\"#dr-1\" id=\"dc-1-1\""));
    // --source-texts points elsewhere, from the working directory.
    let texts = tempfile::tempdir().unwrap();
    std::fs::write(
        texts.path().join("brief-tekst.txt"),
        "Wachttijden in beeld\nHet kabinet wil de wachttijden zichtbaar maken voor iedereen die zorg zoekt.\n",
    )
    .unwrap();
    let run =
        dossier(&["build", "--root", site.root().to_str().unwrap(), "--source-texts", texts.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output("sources/brief/text.html").contains("<mark id=\"q-1-16\">"));
}

#[test]
fn a_quotation_not_in_the_letter_is_an_error() {
    let site = fixture("letter");
    let note = std::fs::read_to_string(site.path("content/notitie.md")).unwrap();
    site.write("content/notitie.md", &note.replace("maken voor iedereen", "maken voor sommigen"));
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        headlines(&run.stderr).iter().filter(|l| l.contains("error")).collect::<Vec<_>>(),
        [&"content/notitie.md:6:93: error: quotation not found in the text of `brief`"],
        "{}",
        run.stderr
    );
}

/// The bundled knowledge base read with the real letters: every letter has its reading
/// view, every heading its page lists is found in the text, and most citations open
/// the letter at their place.
#[test]
fn the_bundled_letters_read_in_full() {
    let Some(seeds) = crate::support::seeds() else { return };
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = dossier(&[
        "build",
        "--root",
        repo.to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
        "--source-texts",
        seeds.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut sources = 0;
    for entry in std::fs::read_dir(repo.join("content/sources")).unwrap() {
        let path = entry.unwrap().path();
        let key = path.file_stem().unwrap().to_str().unwrap().to_string();
        let page = std::fs::read_to_string(&path).unwrap();
        let meta: serde_yaml::Value = serde_yaml::from_str(page.split("---").nth(1).unwrap()).unwrap();
        let text = std::fs::read_to_string(out.path().join(format!("sources/{key}/text.html")))
            .unwrap_or_else(|e| panic!("no reading view for {key}: {e}"));
        // The headings shown, as the letter writes them, against those the page lists.
        let shown: Vec<String> = text
            .split("<h2 id=\"s-")
            .skip(1)
            .filter_map(|h| Some(h[h.find('>')? + 1..h.find("</h2>")?].to_string()))
            .map(|h| section_key(&h.replace("&amp;", "&").replace("&#x2F;", "/").replace("&quot;", "\"")))
            .collect();
        for section in meta["sections"].as_sequence().unwrap() {
            let section = section.as_str().unwrap();
            if section == "Inleiding" {
                assert!(text.contains("id=\"s-inleiding\""), "{key}: no opening section");
            } else {
                assert!(shown.contains(&section_key(section)), "{key}: heading `{section}` not found in {shown:?}");
            }
        }
        sources += 1;
    }
    assert_eq!(sources, 5);
    // Citations with a section open the letter there.
    let note = std::fs::read_to_string(out.path().join("onderwerpen/cruciale-ggz.html")).unwrap();
    assert!(note.contains("/text.html#s-"), "no citation opens a letter");
}
