use super::*;
use crate::model::LinkKind;

fn doc(body: &str) -> Document {
    compile(body, 0, RawHtml::Sanitize)
}

#[test]
fn headings_get_unique_ids_and_anchors() {
    let d = doc("# Titel\n\n## Kop\n\n## Kop\n\n## Eigen {#mijn-id}\n");
    let ids: Vec<&str> = d.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["titel", "kop", "kop-2", "mijn-id"]);
    assert!(d.html.contains("<h2 id=\"kop-2\">Kop<a class=\"anchor\" href=\"#kop-2\""), "{}", d.html);
}

#[test]
fn wikilinks_become_placeholders_with_their_label() {
    let d = doc("Zie [[Cruciale ggz|de notitie]] en [[Andere]].");
    assert_eq!(d.links.len(), 2);
    assert_eq!(d.links[0].target, "Cruciale ggz");
    assert_eq!(d.links[0].offset, 4);
    assert!(d.html.contains("\u{1A}L0\u{1A}de notitie\u{1A}l0\u{1A}"), "{}", d.html);
    assert_eq!(d.blocks[0].text, "Zie de notitie en Andere.");
}

#[test]
fn nothing_in_code_is_a_link_or_citation() {
    let d = doc("`[[niet]] [@niet]`\n\n```\n[[ook niet]] [@nee]\n```\n");
    assert!(d.links.is_empty() && d.citations.is_empty());
    assert!(d.html.contains("<code>[[niet]] [@niet]</code>"));
}

#[test]
fn citations_are_recorded_with_offsets_and_blocks() {
    let body = "Eerste.\n\nTweede [zie @a, p. 4; @b] en \"een citaat\" [@c].\n";
    let d = doc(body);
    assert_eq!(d.citations.len(), 2);
    let c = &d.citations[0];
    assert_eq!(
        (c.items[0].key.as_str(), c.items[0].locator.as_ref().map(ToString::to_string)),
        ("a", Some("p. 4".into()))
    );
    assert_eq!(&body[c.items[1].offset..c.items[1].offset + 2], "@b");
    assert_eq!(c.block, 1);
    assert_eq!(d.citations[1].quote.as_deref(), Some("een citaat"));
}

#[test]
fn block_quote_ending_in_citation_is_a_quotation() {
    let d = doc("> Letterlijke tekst\n> uit de brief. [@a]\n");
    assert_eq!(d.citations[0].quote.as_deref(), Some("Letterlijke tekst uit de brief."));
}

#[test]
fn callouts() {
    let d = doc("> [!warning] Let op\n> Tekst.\n\n> [!NOTE]\n> Meer.\n\n> gewoon\n");
    assert!(d.html.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Let op</p>\n<p>Tekst.</p>\n</div>"), "{}", d.html);
    assert!(d.html.contains("<p class=\"callout-title\">Note</p>"));
    assert!(d.html.contains("<blockquote>\n<p>gewoon</p>\n</blockquote>"));
}

#[test]
fn embeds_leave_the_paragraph() {
    let d = doc("![[Notitie#Kop]]\n\n![[schema.png|300]]\n");
    assert_eq!(d.html, "\u{1A}H\u{1A}".replace("H", "E0").to_string() + "\n<p>\u{1A}I1\u{1A}</p>\n");
    assert_eq!(d.links[1].label.as_deref(), Some("300"));
}

#[test]
fn markdown_links_and_images() {
    let d = doc("[a](../x/y.md#kop) [b](https://e.org) [c](javascript:alert(1)) ![alt](img/a.png)");
    assert_eq!(d.links[0].target, "../x/y.md");
    assert_eq!(d.links[0].anchor.as_deref(), Some("kop"));
    assert!(d.html.contains("<a href=\"https://e.org\">b</a>"));
    assert!(d.html.contains("<a href=\"#\">c</a>"), "{}", d.html);
    assert_eq!((d.links[1].kind, d.links[1].label.as_deref()), (LinkKind::Image, Some("alt")));
}

#[test]
fn code_is_highlighted() {
    let d = doc("```rust\nfn x() {}\n```\n");
    assert!(d.html.contains("class=\"hl-"));
}

#[test]
fn heading_attributes_obey_the_raw_html_policy() {
    // Regression: `{tabindex=0 autofocus onfocus=alert(1)}` ran script on page load.
    let body = "## Kop {#eigen .breed tabindex=0 autofocus onfocus=alert(1)}\n\n## Twee {#a\"b .x\"y}\n";
    for mode in [RawHtml::Sanitize, RawHtml::Escape] {
        let d = compile(body, 0, mode);
        assert!(
            !d.html.contains("onfocus") && !d.html.contains("autofocus") && !d.html.contains("tabindex=\"0\""),
            "{}",
            d.html
        );
        assert!(d.html.contains("<h2 id=\"eigen\" class=\"breed\">"), "{}", d.html);
        // Unsafe ids and classes are dropped; the heading gets its slug.
        assert!(d.html.contains("<h2 id=\"twee\">"), "{}", d.html);
    }
    let d = compile(body, 0, RawHtml::Allow);
    assert!(d.html.contains("onfocus=\"alert(1)\""), "allow passes attributes through: {}", d.html);
}

#[test]
fn a_wikilink_with_html_inside_stays_one_link() {
    // Regression: `[[Foo <b>bar</b>]]` silently stopped being a link.
    let d = doc("Zie [[Foo <b>bar</b>]] hier.");
    assert_eq!(d.links.len(), 1, "{}", d.html);
    assert_eq!(d.links[0].target, "Foo <b>bar</b>");
    assert!(d.html.contains("&lt;b&gt;"), "shown as text, not markup: {}", d.html);
    // Inline HTML outside wikilinks is untouched.
    assert!(doc("Een <kbd>toets</kbd> en [[Foo]].").html.contains("<kbd>toets</kbd>"));
}

#[test]
fn a_block_id_stays_out_of_the_summary() {
    // Regression: the marker leaked into <meta name="description">.
    assert_eq!(doc("Drie weken lenen. ^loan-period\n").first_paragraph.as_deref(), Some("Drie weken lenen."));
    // A lone `^id` after the first block names it and is no summary itself.
    assert_eq!(doc("> Citaat.\n\n^quote\n\nDaarna.\n").first_paragraph.as_deref(), Some("Citaat."));
    assert_eq!(doc("Tekst. ^a\n\n^b\n\nDaarna.\n").first_paragraph.as_deref(), Some("Tekst."));
}
