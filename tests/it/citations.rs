//! Citations: markers, reference lists, cited-by, checks, CSL-JSON and quotes.

use std::collections::BTreeSet;

use crate::support::{fixture, headlines};

#[test]
fn citations_render_markers_and_reference_list() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let alfa = site.output("notes/alfa.html");
    // First source cited gets number 1; every use has its own marker id.
    assert!(alfa.contains("<sup class=\"cite\"><a href=\"#dr-1\" id=\"dc-1-1\" class=\"cite-ref\" data-cite=\"A. Auteur, Een brief, Kamerstukken II 2024/25, 25 424, nr. 731, 2025-04-09, p. 2\""), "{alfa}");
    assert!(alfa.contains("<a href=\"#dr-1\" id=\"dc-2-1\"") && alfa.contains("<a href=\"#dr-2\" id=\"dc-2-2\""));
    // A prefix is shown before its marker and in the preview.
    assert!(
        alfa.contains(
            "<sup class=\"cite\">zie <a href=\"#dr-1\" id=\"dc-2-1\" class=\"cite-ref\" data-cite=\"zie A. Auteur"
        ),
        "{alfa}"
    );
    let refs = &alfa[alfa.find("id=\"dossier-references\"").unwrap()..];
    assert!(refs.contains("<li id=\"dr-1\" value=\"1\"><a href=\"..&#x2F;sources&#x2F;bron.html\">Een brief</a>"));
    assert!(refs.contains(
        "<a href=\"https:&#x2F;&#x2F;zoek.officielebekendmakingen.nl&#x2F;kst-25424-731.html\" rel=\"external\">"
    ));
    assert!(refs.contains("<a href=\"#dc-1-1\"><span aria-hidden=\"true\">↩</span><span class=\"visually-hidden\">terug naar citaat</span> p. 2</a>"), "{refs}");
    assert!(refs.contains("terug naar citaat</span> § Tweede deel</a>"));
}

#[test]
fn source_page_shows_metadata_and_cited_by() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let bron = site.output("sources/bron.html");
    assert!(bron.contains("<dd>Kamerstukken II 2024&#x2F;25, 25 424, nr. 731</dd>"));
    assert!(bron.contains("<dd>2025D15862</dd>"));
    let cited = &bron[bron.find("id=\"dossier-cited-by\"").unwrap()..];
    assert!(cited.contains("Geciteerd door (5)"), "{cited}");
    assert!(
        cited.contains("<a href=\"..&#x2F;notes&#x2F;alfa.html#dc-1-1\">Alfa</a> <span class=\"locator\">p. 2</span>"),
        "{cited}"
    );
    assert!(cited.contains("Een citaat en nog een ."), "{cited}");
}

#[test]
fn csl_json_and_timeline() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let csl: serde_json::Value = serde_json::from_str(&site.output("sources.json")).unwrap();
    let bron = csl.as_array().unwrap().iter().find(|i| i["id"] == "bron").unwrap();
    assert_eq!(bron["title"], "Een brief");
    assert_eq!(bron["issued"]["date-parts"][0], serde_json::json!([2025, 4, 9]));
    assert_eq!(bron["author"][0]["literal"], "A. Auteur");
    assert_eq!(bron["URL"], "https://zoek.officielebekendmakingen.nl/kst-25424-731.html");
    let andere = csl.as_array().unwrap().iter().find(|i| i["id"] == "andere").unwrap();
    assert_eq!(andere["issued"]["date-parts"][0], serde_json::json!([2022]));
    let timeline: serde_json::Value = serde_json::from_str(&site.output("timeline.json")).unwrap();
    let keys: Vec<&str> = timeline.as_array().unwrap().iter().map(|e| e["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["andere", "bron"]);
}

#[test]
fn citation_checks_fire_where_they_should() {
    let site = fixture("citations-bad");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    let lines = headlines(&run.stderr);
    for expected in [
        "content/a.md:4:11: error: unknown citation key `brn`",
        "content/a.md:4:26: error: page 9 is beyond the end of `bron`, which has 4 pages",
        "content/a.md:4:55: error: `bron` has no section `Derd deel`",
        "content/a.md:6:1: warning: figures without a citation: “In 2024 waren het er 300.”",
        "content/sources/ongeciteerd.md: warning: source `ongeciteerd` is not cited by any note",
    ] {
        assert!(lines.contains(&expected), "missing `{expected}` in\n{}", run.stderr);
    }
    assert!(run.stderr.contains("= hint: did you mean `bron`?"));
    assert!(
        run.stderr.contains("= hint: did you mean `§ Derde deel`?")
            || run.stderr.contains("= hint: did you mean `§ Eerste deel`?")
    );
}

#[test]
fn quotations_are_checked_against_source_texts() {
    let site = fixture("quotes");
    let run = site.check(&[]);
    let lines = headlines(&run.stderr);
    let errors: Vec<&&str> = lines.iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors, [&"content/a.md:5:58: error: quotation not found in the text of `bron`"], "{}", run.stderr);
    assert!(run.stderr.contains(
        "texts/zonder.txt: note: no full text for `zonder`; no reading view, and its quotations are not checked"
    ));
}

#[test]
fn timeline_and_coverage_views() {
    let site = fixture("site");
    assert_eq!(site.build().code, 0);
    let timeline = site.output("timeline.html");
    let timeline = &timeline[timeline.find("id=\"timeline\"").unwrap()..];
    let andere = timeline.find(">Een rapport</a>").expect("andere in timeline");
    let bron = timeline.find(">Een brief</a>").expect("bron in timeline");
    assert!(andere < bron, "timeline not in date order");
    assert!(timeline.contains("<time datetime=\"2022\">2022</time>"));
    let coverage = site.output("coverage.html");
    let coverage = &coverage[coverage.find("<table class=\"coverage\">").unwrap()..];
    // Alfa cites bron three times and andere once; the cell links to the first use.
    let alfa_row = &coverage[coverage.find(">Alfa</a></th>").unwrap()..];
    let alfa_row = &alfa_row[..alfa_row.find("</tr>").unwrap()];
    assert!(alfa_row.contains("<td><a href=\"notes&#x2F;alfa.html#dc-2-2\" class=\"cov-1\">1</a></td>"), "{alfa_row}");
    assert!(alfa_row.contains("<td><a href=\"notes&#x2F;alfa.html#dc-1-1\" class=\"cov-2\">3</a></td>"), "{alfa_row}");
    let graph = site.output("graph.html");
    let graph = &graph[graph.find("id=\"graph\"").unwrap()..];
    assert!(graph.contains("data-src=\"graph-data.js\""));
    // The script the graph page loads is graph.json's graph, compact.
    let script = site.output("graph-data.js");
    assert_eq!(compact_graph(&script), full_graph(&site.output("graph.json")));
    assert!(script.len() * 2 < site.output("graph.json").len(), "compact: {} bytes", script.len());
    assert!(graph.contains(">Beta</a> → <a href=\"notes&#x2F;alfa.html\">Alfa</a>"), "no-JS graph list");
}

#[test]
fn coverage_of_a_big_site_keeps_the_most_cited_topics_and_sources() {
    // 210 sources and 320 citing notes, each note with its own tag: the table keeps the
    // 300 tags and 200 sources with most citations and says what it left out.
    let mut files: Vec<(String, String)> = (0..210)
        .map(|s| (format!("content/sources/b{s:03}.md"), format!("---\ntitle: Bron {s}\n---\nTekst.\n")))
        .collect();
    for n in 0..320 {
        // Notes cite b000..b199 in rotation (each source three times or more); b200..
        // b209 are cited once each; notes n < 20 cite one more (the top rows).
        let mut cites = format!("[@b{:03}] [@b{:03}]", n % 200, (n + 100) % 200);
        if n < 10 {
            cites.push_str(&format!(" [@b{:03}]", 200 + n));
        }
        if n < 20 {
            cites.push_str(&format!(" [@b{:03}]", (n + 1) % 200));
        }
        files.push((
            format!("content/notes/n{n:03}.md"),
            format!("---\ntitle: Notitie {n}\ntags: [t{n:03}]\n---\nTekst {cites} en [[Thuis]].\n"),
        ));
    }
    files.push(("content/index.md".into(), "---\ntitle: Thuis\n---\nWelkom.\n".into()));
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    let site = crate::support::site_with(&files);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let coverage = site.output("coverage.html");
    let table = &coverage[coverage.find("<table class=\"coverage\">").unwrap()..coverage.find("</table>").unwrap()];
    let head = &table[..table.find("</thead>").unwrap()];
    assert_eq!(head.matches("<th scope=\"col\"><a").count(), 200);
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), 300);
    // b200..b209 are cited less than any of b000..b199: they are left out.
    assert!(head.contains("b199") && !head.contains("b200"), "most cited sources kept");
    // Tags t000..t019 have the most citations: none of them is cut.
    for n in 0..20 {
        assert!(table.contains(&format!(">#t{n:03}</a></th>")), "t{n:03} kept");
    }
    assert!(coverage.contains(
        "Deze tabel toont alleen de 300 onderwerpen en 200 bronnen met de meeste citaten; 20 andere onderwerpen en 10 andere bronnen"
    ));
}

type GraphSets = (BTreeSet<(String, String, String)>, BTreeSet<(String, String, String)>);

/// Nodes (url, title, kind) and edges (from url, to url, kind) of `graph.json`.
fn full_graph(json: &str) -> GraphSets {
    let g: serde_json::Value = serde_json::from_str(json).unwrap();
    let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    let nodes = g["nodes"].as_array().unwrap();
    let url = |id: &serde_json::Value| s(&nodes.iter().find(|n| n["id"] == *id).unwrap()["url"]);
    (
        nodes.iter().map(|n| (s(&n["url"]), s(&n["title"]), s(&n["kind"]))).collect(),
        g["edges"].as_array().unwrap().iter().map(|e| (url(&e["source"]), url(&e["target"]), s(&e["kind"]))).collect(),
    )
}

/// The same from `graph-data.js`: `dossierGraph({"nodes":[[url, title, kind]…],
/// "edges":[from, to, kind, …]});` with kinds numbered.
fn compact_graph(script: &str) -> GraphSets {
    let json = script.strip_prefix("dossierGraph(").and_then(|s| s.strip_suffix(");\n")).expect("a dossierGraph call");
    let g: serde_json::Value = serde_json::from_str(json).unwrap();
    let (node_kinds, edge_kinds) = (["note", "source", "tag"], ["link", "related", "topic", "cites", "tagged"]);
    let nodes: Vec<(String, String, String)> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let kind = node_kinds[n[2].as_u64().unwrap() as usize];
            (n[0].as_str().unwrap().to_string(), n[1].as_str().unwrap().to_string(), kind.to_string())
        })
        .collect();
    let flat: Vec<usize> = g["edges"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    assert_eq!(flat.len() % 3, 0);
    let edges =
        flat.chunks(3).map(|e| (nodes[e[0]].0.clone(), nodes[e[1]].0.clone(), edge_kinds[e[2]].to_string())).collect();
    (nodes.into_iter().collect(), edges)
}
