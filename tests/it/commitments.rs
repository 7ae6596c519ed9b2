//! Commitments: motions, promises and requests as data, end to end on
//! `tests/fixtures/commitments` with "today" fixed at 28 May 2026.

use serde_json::{json, Value};

use crate::support::{dossier_env, fixture, headlines, site_with, Site};

/// 2026-05-28, 00:00 UTC.
const TODAY: (&str, &str) = ("SOURCE_DATE_EPOCH", "1780000000");

fn build(site: &Site) -> crate::support::Run {
    dossier_env(&["build", "--root", site.root().to_str().unwrap()], &[TODAY])
}

fn built() -> Site {
    let site = fixture("commitments");
    let run = build(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        headlines(&run.stderr),
        ["content/toezeggingen/toezegging-zonder-datum.md:3:7: warning: commitment has no `status`"],
        "{}",
        run.stderr
    );
    site
}

#[test]
fn derived_fields_and_the_json_export() {
    let site = built();
    let data: Value = serde_json::from_str(&site.output("commitments.json")).unwrap();
    assert_eq!(data["as_of"], "2026-05-28");
    let list = data["commitments"].as_array().unwrap();
    let by_title = |t: &str| list.iter().find(|c| c["title"] == t).unwrap_or_else(|| panic!("no {t}: {data}"));
    assert_eq!(list.len(), 4, "the note with its own `type: dossiernotitie` is no commitment: {data}");

    // Due mid-2024, still open, and no letter since: overdue.
    assert_eq!(
        by_title("Motie open"),
        &json!({
            "title": "Motie open", "url": "toezeggingen/motie-open.html", "type": "motion", "status": "open",
            "date": "2023-10", "due": "2024-06", "overdue": true, "submitters": ["Jansen", "De Vries"],
            "kamerstuk": "Kamerstuk 25 424, nr. 700",
            "topics": [{ "title": "Steunpunten", "url": "steunpunten.html" }],
            "origin": "brief-2023",
            "first_mentioned": { "key": "brief-2023", "date": "2023-11-07/2024" },
            "last_mentioned": { "key": "brief-2023", "date": "2023-11-07/2024" },
            "sources": ["brief-2023"],
        })
    );
    // Due January 2025 and not done, but the April 2025 letter reports on it: not overdue.
    let later = by_title("Motie later");
    assert_eq!(later["overdue"], false);
    assert_eq!(later["status"], "in-progress");
    assert_eq!(later["kamerstuk"], "Kamerstukken II 2024/25, 36 600 XVI, nr. 75");
    assert_eq!(later["first_mentioned"]["key"], "brief-2023");
    assert_eq!(later["last_mentioned"], json!({ "key": "brief-2025a", "date": "2025-04-09" }));
    assert_eq!(later["topics"].as_array().unwrap().len(), 2);
    // Dutch names: `verzoek`, `afgedaan`.
    let request = by_title("=1+1 verzoek");
    assert_eq!(
        (&request["type"], &request["status"], &request["overdue"]),
        (&json!("request"), &json!("done"), &json!(false))
    );
    // Only an undated letter: no first or last mention, but the letter it came from.
    let undated = by_title("Toezegging zonder datum");
    assert_eq!(undated["status"], "unknown");
    assert_eq!((&undated["first_mentioned"], &undated["origin"]), (&Value::Null, &json!("brief-x")));
}

#[test]
fn the_csv_opens_in_a_spreadsheet() {
    let site = built();
    let csv = site.output("commitments.csv");
    assert!(csv.starts_with('\u{feff}'), "no byte-order mark");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 6, "header, 4 rows, and the empty rest after the last CRLF: {csv:?}");
    assert_eq!(lines[5], "");
    assert_eq!(
        lines[0],
        "\"title\";\"type\";\"status\";\"date\";\"due\";\"overdue\";\"submitters\";\"kamerstuk\";\"topics\";\"origin\";\"first_mentioned\";\"last_mentioned\";\"url\""
    );
    let open = lines.iter().find(|l| l.starts_with("\"Motie open\"")).unwrap();
    assert_eq!(
        *open,
        "\"Motie open\";\"motion\";\"open\";\"2023-10\";\"2024-06\";\"true\";\"Jansen | De Vries\";\"Kamerstuk 25 424, nr. 700\";\"Steunpunten\";\"brief-2023\";\"brief-2023 2023-11-07/2024\";\"brief-2023 2023-11-07/2024\";\"toezeggingen/motie-open.html\""
    );
    // A title that a spreadsheet would run as a formula is kept as text.
    assert!(lines.iter().any(|l| l.starts_with("\"'=1+1 verzoek\";\"request\"")), "{csv}");
}

#[test]
fn the_overview_lists_and_filters_them() {
    let site = built();
    let html = site.output("commitments.html");
    let table = &html[html.find("<table class=\"commitments\"").unwrap()..];
    // In the order the letters raised them; the undated last.
    let order: Vec<usize> = ["Motie open", "Motie later", "=1+1 verzoek", "Toezegging zonder datum"]
        .iter()
        .map(|t| table.find(&format!(">{t}</a>")).unwrap_or_else(|| panic!("{t} missing")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(html.matches("data-status=\"open overdue\"").count(), 1);
    assert!(html.contains("data-status=\"in-progress\" data-topics=\"steunpunten.html wachttijden.html \" data-letters=\"brief-2023 brief-2025a \""), "{html}");
    // The filters, offered where the script can use them.
    assert!(html.contains("<form class=\"commitment-filters\" id=\"commitment-filters\" hidden"));
    assert!(html.contains("<option value=\"steunpunten.html\">Steunpunten</option>"));
    assert!(html.contains("<option value=\"brief-2025a\">Brief 2025a (9 april 2025)</option>"));
    assert!(html.contains("Beoordeeld op 28 mei 2026."));
    assert!(html.contains("href=\"commitments.csv\" download"));
    // Every page links the overview.
    assert!(site.output("steunpunten.html").contains("href=\"commitments.html\">Toezeggingen en moties</a>"));
}

#[test]
fn commitment_topic_and_source_pages_show_them() {
    let site = built();
    let open = site.output("toezeggingen/motie-open.html");
    let card = &open[open.find("class=\"commitment-card\"").unwrap()..open.find("<div class=\"body\">").unwrap()];
    for part in [
        "<dd>Motie</dd>",
        "<span class=\"status status-open\">Open</span> <span class=\"overdue\">Over tijd</span>",
        "<dd>Jansen, De Vries</dd>",
        "<a href=\"https:&#x2F;&#x2F;zoek.officielebekendmakingen.nl&#x2F;kst-25424-700.html\" rel=\"external\">Kamerstuk 25 424, nr. 700</a>",
        "<time datetime=\"2024-06\">juni 2024</time>",
        "<span class=\"date\" data-edtf=\"2023-11-07&#x2F;2024\">7 november 2023–2024</span>",
        "<a href=\"..&#x2F;steunpunten.html\">Steunpunten</a>",
    ] {
        assert!(card.contains(part), "{part} not in {card}");
    }
    assert!(!site.output("toezeggingen/motie-later.html").contains("class=\"overdue\""));

    let topic = site.output("steunpunten.html");
    let here = &topic[topic.find("id=\"dossier-commitments\"").expect("no commitments on the topic page")..];
    assert!(
        here.contains("<span class=\"count\">2</span>")
            && here.contains(">Motie open</a>")
            && here.contains(">Motie later</a>")
    );

    let raised = site.output("sources/brief-2023.html");
    let raised = &raised[raised.find("id=\"dossier-raised\"").unwrap()..];
    assert!(raised.contains(">Motie open</a>") && raised.contains(">Motie later</a>"));
    let reports = site.output("sources/brief-2025a.html");
    assert!(!reports.contains("id=\"dossier-raised\""));
    let reports = &reports[reports.find("id=\"dossier-reported\"").unwrap()..];
    assert!(reports.contains(">Motie later</a>"));
}

#[test]
fn wrong_values_are_errors_at_their_place() {
    let site = site_with(&[
        ("content/a.md", b"---\ntitle: A\n---\nOnderwerp. [[B]]\n"),
        ("content/sources/s.md", b"---\ntitle: S\ndate: 2024\n---\nBrief.\n"),
        (
            "content/b.md",
            b"---\ntitle: B\ntype: motie\ndate: 2024-02\ndue: 2023-12\nstatus: klaar\ntopics: [A, Bestaat niet, s]\n---\nTekst. [@s] [[A]]\n",
        ),
        ("content/c.md", b"---\ntitle: C\ntype: toezegging\nstatus: [open]\ndue: volgende week\n---\nTekst. [@s] [[A]]\n"),
    ]);
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = headlines(&run.stderr).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "content/b.md:5:6: error: `due` 2023-12 is before `date` 2024-02",
            "content/b.md:6:9: error: unknown status `klaar`",
            "content/b.md:7:13: error: link target `Bestaat niet` not found",
            "content/b.md:7:27: error: topic `s` is not a note",
            "content/c.md:4:9: error: `status` is not one word",
            "content/c.md:5:6: error: invalid date `volgende week`: expected YYYY-MM-DD, YYYY-MM or YYYY (a real date, years 1000–9999), maybe with ? or ~, or an interval A/B, A/.., ../B",
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("status is one of: open, in-progress"), "{}", run.stderr);
    assert!(!site.path("output").exists());
}

#[test]
fn a_site_without_commitments_has_no_overview() {
    let site = site_with(&[
        ("content/a.md", b"---\ntitle: A\nstatus: draft\ndue: someday\n---\nTekst. [[B]]\n"),
        ("content/b.md", b"---\ntitle: B\n---\nTekst. [[A]]\n"),
    ]);
    let run = build(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("output/commitments.html").exists() && !site.path("output/commitments.json").exists());
    assert!(!site.output("a.html").contains("commitments.html"));
}
