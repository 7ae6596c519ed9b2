// Printing in headless Chromium, over the bundled knowledge base: a note and the
// whole-dossier print view under print media (navigation hidden, the list of sources kept,
// links followed by their address), print.html saved as a PDF, and axe-core on print.html.
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/print.test.mjs
//
// Skipped without /usr/bin/chromium (CHROMIUM=…), unless CI is set.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { CHROMIUM, HERE, SUB, buildSite, launch, open, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const skip = !existsSync(CHROMIUM) && !CI ? `no Chromium at ${CHROMIUM}` : false;

describe("printing in Chromium", { skip }, () => {
  let site, server, browser, base, note;

  before(async () => {
    site = await buildSite();
    server = await serve(site.out);
    base = server.base;
    browser = await launch();
    // A note with a link to another note, an external link and a list of sources.
    const dir = join(site.out, "onderwerpen");
    note = readdirSync(dir).filter((f) => f.endsWith(".html")).map((f) => `onderwerpen/${f}`).find((f) => {
      const html = readFileSync(join(site.out, f), "utf8");
      return html.includes("data-print-url=") && html.includes("rel=\"external\"") && html.includes("class=\"references\"");
    });
    assert.ok(note, "the bundled knowledge base has a note with links and sources");
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (site) site.cleanup();
  });

  async function done(p) {
    assert.deepEqual(p.log.errors, [], `console errors on ${p.url()}`);
    assert.deepEqual(p.log.external, [], `requests outside the site from ${p.url()}`);
    for (const u of p.log.requests) assert.ok(u.startsWith(base) || u.startsWith("data:"), `request outside ${SUB}: ${u}`);
    await p.close();
  }
  const shown = (p, sel) => p.$$eval(sel, (els) => els.map((e) => getComputedStyle(e).display !== "none" && e.getClientRects().length > 0));
  const after_ = (p, sel) => p.$eval(sel, (e) => getComputedStyle(e, "::after").content);

  test("a note prints without navigation, with its sources and the addresses of its links", async () => {
    const p = await open(browser.context, base, note);
    await p.emulateMedia({ media: "print" });
    for (const sel of [".top", "#sidebar", ".aside", "footer.bottom", ".backlinks"]) {
      assert.deepEqual([...new Set(await shown(p, sel))], [false], `${sel} is hidden in print`);
    }
    assert.deepEqual([...new Set(await shown(p, "section.references"))], [true], "the list of sources prints");
    const external = await after_(p, "a[rel=external]");
    const href = await p.$eval("a[rel=external]", (a) => a.getAttribute("href"));
    assert.equal(external, `" <${href}>"`, "an external link shows its URL");
    const internal = await after_(p, ".body a.internal[data-print-url]");
    assert.match(internal, /^" <https?:\/\/[^>]+\.html(#[^>]*)?>"$|^" <[^>]+\.html(#[^>]*)?>"$/, "a link into the site shows its address");
    // In-page links and citation markers print none.
    assert.equal(await after_(p, "sup.cite a"), "none");
    // On screen, nothing is added.
    await p.emulateMedia({ media: "screen" });
    assert.equal(await after_(p, ".body a.internal[data-print-url]"), "none");
    await done(p);
  });

  test("print.html holds every note, prints as one document and saves as a PDF", async () => {
    const p = await open(browser.context, base, "print.html");
    await p.emulateMedia({ media: "print" });
    assert.deepEqual([...new Set(await shown(p, ".top, #sidebar, footer.bottom"))], [false]);
    const toc = await p.$$eval(".print-toc a", (as) => as.map((a) => a.getAttribute("href")));
    const sections = await p.$$eval(".print-note h1, .print-note h2, .print-note h3", (hs) => hs.length);
    assert.ok(toc.length > 20 && sections > 20, `${toc.length} entries, ${sections} notes`);
    // Every in-page link lands.
    const dead = await p.$$eval("a[href^='#']", (as) => as.map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(decodeURIComponent(id))));
    assert.deepEqual(dead, []);
    assert.equal(await p.locator("section.print-references").count(), 1, "one list of sources");
    assert.ok(await p.locator("section.print-references").isVisible());
    const pdf = await p.pdf({ format: "A4" });
    assert.ok(pdf.length > 10000 && pdf.subarray(0, 5).toString() === "%PDF-", `a PDF of ${pdf.length} bytes`);
    await done(p);
  });

  test("axe-core finds no serious or critical violations on print.html", async () => {
    const p = await open(browser.context, base, "print.html");
    await p.addScriptTag({ content: readFileSync(join(HERE, "node_modules", "axe-core", "axe.min.js"), "utf8") });
    const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0].target.join(" ")})`), []);
    await done(p);
  });
});
