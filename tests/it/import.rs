//! `dossier source import`: the five letters beside the repository imported into a
//! temporary site and compared, letter by letter, with the bundled source pages
//! (`content/sources/<key>.md`); and the command's exit codes on a made-up letter.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::build::{self, Options};
use dossier::model::{FrontMatter, Site};

use crate::support::{dossier, site_with};

/// A letter of `../shared/seeds`, its key (the seeds README's table), and every way in
/// which the import is allowed to differ from the bundled page, each with its reason.
struct Seed {
    file: &'static str,
    key: &'static str,
    differences: &'static [(&'static str, &'static str)],
}

const NO_PAGES_IN_BUNDLE: &str = "the bundled page leaves `pages` out (the seeds README calls the page numbers \
     unreliable); the importer records the page the one surviving footer closes";
const RUN_IN: &str = "in this web rendering the heading runs into the first sentence of its paragraph, on \
     one line, so the text does not show it as a heading";
const NO_DATELINE: &str = "the text has no dateline; the bundled page infers an interval from dates the \
     letter mentions, as its date_note explains, and the importer never infers";

const SEEDS: &[Seed] = &[
    Seed {
        file: "000_7d142813aed83f87.txt",
        key: "kst-25424-678",
        differences: &[
            ("date: bundled 2023-11-07/2024, imported none", NO_DATELINE),
            ("pages: bundled none, imported 6", NO_PAGES_IN_BUNDLE),
        ],
    },
    Seed {
        file: "001_20749ee4b981e741.txt",
        key: "brief-2022-sluitingen-ggz",
        differences: &[("date: bundled 2022-04-28/2022-05-09?, imported none", NO_DATELINE)],
    },
    Seed {
        file: "002_d0a615143a99cd74.txt",
        key: "kst-25424-731",
        differences: &[
            ("sections: missing \"Mensen sneller helpen door verbeteren zicht op wachttijden en wachtenden\"", RUN_IN),
            ("sections: missing \"Borgen van ggz-aanbod voor mensen met een hoog-complexe zorgvraag\"", RUN_IN),
            ("sections: missing \"Passende bekostiging van zorg voor mensen met een complexe zorgvraag\"", RUN_IN),
        ],
    },
    Seed {
        file: "003_5c5bb57a1444ec54.txt",
        key: "brief-2025-moties-ggz",
        differences: &[("date: bundled 2025-10-03/2025-12, imported none", NO_DATELINE)],
    },
    Seed {
        file: "004_5dd48256be7f823c.txt",
        key: "kst-25424-559",
        differences: &[
            ("date: bundled 2020-11-12/2020-11-19, imported none", NO_DATELINE),
            ("pages: bundled none, imported 4", NO_PAGES_IN_BUNDLE),
        ],
    },
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(root: &Path) -> Site {
    build::load(&Options { root: root.to_path_buf(), ..Default::default() }).unwrap().site
}

fn source<'a>(site: &'a Site, key: &str) -> &'a FrontMatter {
    let page = site.pages.iter().find(|p| p.key.as_deref() == Some(key));
    &page.unwrap_or_else(|| panic!("no source `{key}`")).meta
}

/// A fact of a source page, as text.
type Fact = fn(&FrontMatter) -> Option<String>;

/// Every way `imported` differs from `bundled` in the sections and in the facts the
/// importer reads (title and summary are the author's, not compared).
fn differences(bundled: &FrontMatter, imported: &FrontMatter) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let (b, i) = (&bundled.sections, &imported.sections);
    out.extend(b.iter().filter(|s| !i.contains(s)).map(|s| format!("sections: missing {s:?}")));
    out.extend(i.iter().filter(|s| !b.contains(s)).map(|s| format!("sections: extra {s:?}")));
    let common =
        |of: &Vec<String>, other: &Vec<String>| of.iter().filter(|s| other.contains(s)).cloned().collect::<Vec<_>>();
    if common(b, i) != common(i, b) {
        out.insert(format!("sections: order differs: bundled {b:?}, imported {i:?}"));
    }
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let kamerstuk = |f: &FrontMatter| {
        f.kamerstuk
            .as_ref()
            .map(|k| format!("{}, nr. {} ({})", k.dossier, k.nummer, k.vergaderjaar.as_deref().unwrap_or("-")))
    };
    let facts: [(&str, Fact); 5] = [
        ("date", |f| f.date.map(|d| d.to_string())),
        ("document_id", |f| f.document_id.clone()),
        ("author", |f| f.author.clone()),
        ("role", |f| f.role.clone()),
        ("pages", |f| f.pages.map(|p| p.to_string())),
    ];
    for (name, get) in facts {
        if get(bundled) != get(imported) {
            out.insert(format!("{name}: bundled {}, imported {}", show(get(bundled)), show(get(imported))));
        }
    }
    if kamerstuk(bundled) != kamerstuk(imported) {
        out.insert(format!("kamerstuk: bundled {}, imported {}", show(kamerstuk(bundled)), show(kamerstuk(imported))));
    }
    out
}

/// The five letters, imported, against the bundled pages: every difference must be
/// listed in [`SEEDS`] with its reason, and every listed one must still occur.
#[test]
fn imported_letters_match_the_bundled_source_pages() {
    let Some(seeds) = crate::support::seeds() else { return };
    let site = site_with(&[("content/index.md", b"---\ntitle: Thuis\n---\nDe bronnen.\n")]);
    let root = site.root().to_str().unwrap();
    for seed in SEEDS {
        let file = seeds.join(seed.file);
        // A letter that shows its Kamerstuk is keyed by it; the others get their key.
        let run = if seed.key.starts_with("kst-") {
            dossier(&["source", "import", file.to_str().unwrap(), "--root", root])
        } else {
            dossier(&["source", "import", file.to_str().unwrap(), "--key", seed.key, "--root", root])
        };
        assert_eq!(run.code, 0, "{}: {}", seed.file, run.stderr);
        let written = site.path(&format!("content/sources/{}.md", seed.key));
        assert_eq!(run.stdout.trim(), written.to_str().unwrap(), "{}", seed.file);
    }
    let imported = load(site.root());
    let bundled = load(repo());
    let mut unexpected = Vec::new();
    for seed in SEEDS {
        let found = differences(source(&bundled, seed.key), source(&imported, seed.key));
        let listed: BTreeSet<String> = seed.differences.iter().map(|(d, _)| d.to_string()).collect();
        unexpected.extend(found.difference(&listed).map(|d| format!("{} ({}): {d}", seed.key, seed.file)));
        unexpected
            .extend(listed.difference(&found).map(|d| format!("{} ({}): listed but gone: {d}", seed.key, seed.file)));
    }
    assert!(
        unexpected.is_empty(),
        "differences from the bundled pages not listed in SEEDS:\n{}",
        unexpected.join("\n")
    );

    // Every imported section is a valid locator: cite them all, and the site checks clean.
    let mut note = String::from("---\ntitle: Alle koppen\n---\n[[Thuis]]\n");
    for seed in SEEDS {
        for section in &source(&imported, seed.key).sections {
            note.push_str(&format!("\nZie [@{}, § {section}].\n", seed.key));
        }
    }
    site.write("content/koppen.md", &note);
    site.write("content/index.md", "---\ntitle: Thuis\n---\nDe bronnen, per kop: [[Alle koppen]].\n");
    let check = site.check(&["--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// A made-up letter in the shape of the printed edition (letterhead, dateline,
/// numbered headings, signature).
const LETTER: &str = "\
Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2029-2030

12 345 Voorbeeldbeleid

Nr. 67 BRIEF VAN DE MINISTER VAN VOORBEELDEN

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 1 maart 2030

Deze brief is verzonnen voor een test en staat los van elke echte brief.

1. Eerste onderwerp

Een alinea over het eerste onderwerp, die met een punt eindigt.

2. Tweede onderwerp: met een dubbele punt

Nog een alinea.

De Minister van Voorbeelden,
A.B. Voorbeeld
";

#[test]
fn import_exit_codes_and_a_cited_page_checks_clean() {
    let site =
        site_with(&[("content/index.md", b"---\ntitle: Thuis\n---\nWelkom.\n"), ("brief.txt", LETTER.as_bytes())]);
    let root = site.root().to_str().unwrap();
    let file = site.path("brief.txt");
    let file = file.to_str().unwrap();
    let page = site.path("content/sources/kst-12345-67.md");

    let run = dossier(&["source", "import", file, "--root", root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), page.to_str().unwrap());
    assert!(run.stderr.contains("not found in the text: title, document_id, pages\n"), "{}", run.stderr);
    let text = std::fs::read_to_string(&page).unwrap();
    for line in [
        "title: \"Kamerstuk 12 345, nr. 67\"",
        "# niet in de tekst: titel, documentnummer, paginanummers",
        "date: 2030-03-01",
        "author: \"A.B. Voorbeeld\"",
        "role: Minister van Voorbeelden",
        "kamerstuk: {dossier: \"12 345\", nummer: 67, vergaderjaar: \"2029-2030\"}",
        "  - Inleiding",
        "  - Eerste onderwerp",
        "  - \"Tweede onderwerp: met een dubbele punt\"",
        "Samenvatting in eigen woorden: nog te schrijven.",
    ] {
        assert!(text.lines().any(|l| l == line), "no line `{line}` in\n{text}");
    }
    assert!(!text.contains("verzonnen"), "the letter's sentences must not be copied:\n{text}");

    // 2: the page exists (and is left alone), the file does not, the key is unusable.
    std::fs::write(&page, "eigen werk").unwrap();
    let run = dossier(&["source", "import", file, "--root", root]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already exists; pass --force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "eigen werk");
    assert_eq!(dossier(&["source", "import", file, "--root", root, "--force"]).code, 0);
    assert_ne!(std::fs::read_to_string(&page).unwrap(), "eigen werk");
    let run = dossier(&["source", "import", site.path("geen.txt").to_str().unwrap(), "--root", root]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("geen.txt: no such file"), "{}", run.stderr);
    assert_eq!(dossier(&["source", "import", "--root", root]).code, 2, "FILE is required");
    site.write("leeg.txt", " \n");
    assert_eq!(dossier(&["source", "import", site.path("leeg.txt").to_str().unwrap(), "--root", root]).code, 2);
    assert_eq!(dossier(&["source", "import", file, "--root", root, "--key", "a/b"]).code, 2);
    let elsewhere = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["source", "import", file, "--root", elsewhere.path().to_str().unwrap()]).code, 2);

    // Uncited, the new source is a warning; cited, the site checks clean.
    assert_eq!(site.check(&["--deny-warnings"]).code, 1);
    site.write(
        "content/index.md",
        "---\ntitle: Thuis\n---\nZie [@kst-12345-67, § Tweede onderwerp: met een dubbele punt].\n",
    );
    let check = site.check(&["--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn an_html_letter_keeps_its_headings() {
    let html = "<!DOCTYPE html><html><head><title>Een verzonnen brief</title></head><body>\
                <nav><a href=\"/\">Start</a></nav><h1>Verzonnen beleid in de praktijk</h1>\
                <p>Den Haag, 9 april 2030</p><p>Een opening zonder kop.</p>\
                <h2>1. Wat er gebeurt</h2><p>Tekst.</p><h3>Een onderdeel</h3><p>Meer tekst.</p>\
                <p>De staatssecretaris van Voorbeelden,<br>C. Voorbeeld</p></body></html>";
    let site =
        site_with(&[("content/index.md", b"---\ntitle: Thuis\n---\nWelkom.\n"), ("brief.html", html.as_bytes())]);
    let run = dossier(&[
        "source",
        "import",
        site.path("brief.html").to_str().unwrap(),
        "--root",
        site.root().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = load(site.root());
    let meta = source(&meta, "brief");
    assert_eq!(meta.title.as_deref(), Some("Verzonnen beleid in de praktijk"));
    assert_eq!(meta.sections, ["Inleiding", "Wat er gebeurt", "Een onderdeel"]);
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2030-04-09"));
    assert_eq!(meta.role.as_deref(), Some("Staatssecretaris van Voorbeelden"));
}
