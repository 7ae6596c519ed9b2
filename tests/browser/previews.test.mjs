// Link previews in headless Chromium, over the bundled knowledge base: hovering a wikilink
// shows the target's title and first lines, keyboard focus shows it too, Escape closes it,
// a glossary term shows its definition, and all of it works from disk (file://), where a
// page cannot fetch anything.
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/
//
// Skipped without /usr/bin/chromium (CHROMIUM=…), unless CI is set.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { CHROMIUM, HERE, buildSite, launch, open, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const skip = !existsSync(CHROMIUM) && !CI ? `no Chromium at ${CHROMIUM}` : false;

/** The previews JSON a built page carries. */
function previewsOf(html) {
  const m = html.match(/<script type="application\/json" id="dossier-previews">([^<]*)<\/script>/);
  return m ? JSON.parse(m[1]) : null;
}

describe("link previews in Chromium", { skip }, () => {
  let site, server, browser, base, note, data;

  before(async () => {
    site = await buildSite();
    server = await serve(site.out);
    base = server.base;
    browser = await launch();
    // A note that links to other notes and marks a glossary term (found from the output).
    const graph = JSON.parse(readFileSync(join(site.out, "graph.json"), "utf8"));
    for (const n of graph.nodes.filter((n) => n.kind === "note")) {
      const html = readFileSync(join(site.out, n.url), "utf8");
      const d = previewsOf(html);
      if (d && html.includes('class="internal"') && html.includes('class="gloss"')) { note = n.url; data = d; break; }
    }
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (site) site.cleanup();
  });

  async function done(p) {
    assert.deepEqual(p.log.errors, [], `console errors on ${p.url()}`);
    assert.deepEqual(p.log.external, [], `requests outside the site from ${p.url()}`);
    await p.close();
  }

  /** The first link in the text of kind `cls` and the preview its target has. */
  async function firstLink(p, cls) {
    const a = p.locator(`main .body a.${cls}`).first();
    const href = new URL(await a.getAttribute("href"), p.url());
    const siteRoot = new URL("../".repeat(note.split("/").length - 1) || "./", p.url());
    const path = decodeURIComponent(href.pathname.slice(siteRoot.pathname.length));
    const hash = href.hash ? decodeURIComponent(href.hash.slice(1)) : "";
    const preview = (hash && data[`${path}#${hash}`]) || data[path];
    assert.ok(preview, `${cls} link to ${path}#${hash} has a preview in the page`);
    return { a, preview };
  }

  test("a note with links and glossary terms exists in the bundled site", () => {
    assert.ok(note, "no note links to others and marks a glossary term");
  });

  test("hovering a wikilink shows its target; leaving or Escape closes it", async () => {
    const p = await open(browser.context, base, note);
    const { a, preview } = await firstLink(p, "internal");
    await a.hover();
    const pop = p.locator("#link-preview");
    await pop.waitFor();
    assert.equal(await pop.locator(".preview-title").textContent(), preview[0]);
    if (preview[2]) assert.equal(await pop.locator(".preview-text").textContent(), preview[2]);
    assert.equal(await a.getAttribute("aria-describedby"), "link-preview");
    await p.keyboard.press("Escape");
    await pop.waitFor({ state: "detached" });
    assert.equal(await a.getAttribute("aria-describedby"), null);
    // Come back (Escape holds until the pointer leaves), then move away: it goes after a moment.
    await p.mouse.move(1, 1);
    await a.hover();
    await pop.waitFor();
    await p.mouse.move(1, 1);
    await pop.waitFor({ state: "detached" });
    await done(p);
  });

  test("keyboard focus shows the preview without moving focus", async () => {
    const p = await open(browser.context, base, note);
    const { a, preview } = await firstLink(p, "internal");
    await a.focus();
    const pop = p.locator("#link-preview");
    await pop.waitFor();
    assert.equal(await pop.locator(".preview-title").textContent(), preview[0]);
    assert.ok(await a.evaluate((el) => el === document.activeElement), "focus stays on the link");
    await p.keyboard.press("Escape");
    await pop.waitFor({ state: "detached" });
    await done(p);
  });

  test("a glossary term shows its definition", async () => {
    const p = await open(browser.context, base, note);
    const { a, preview } = await firstLink(p, "gloss");
    await a.focus();
    const pop = p.locator("#link-preview");
    await pop.waitFor();
    assert.equal(await pop.locator(".preview-title").textContent(), preview[0]);
    assert.equal(await pop.locator(".preview-summary").textContent(), preview[1]);
    assert.equal(preview[0], (await a.textContent()).trim(), "the term is the title");
    await done(p);
  });

  test("previews work from disk (file://)", async () => {
    const p = await browser.context.newPage();
    const errors = [];
    p.on("pageerror", (e) => errors.push(String(e)));
    p.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await p.goto("file://" + join(site.out, note), { waitUntil: "load" });
    const a = p.locator("main .body a.internal").first();
    await a.hover();
    await p.locator("#link-preview .preview-title").waitFor();
    assert.ok((await p.locator("#link-preview .preview-title").textContent()).length > 0);
    assert.deepEqual(errors, []);
    await p.close();
  });

  test("axe-core finds no serious violation with a preview open", async () => {
    const p = await open(browser.context, base, note);
    const { a } = await firstLink(p, "internal");
    await a.focus();
    await p.locator("#link-preview").waitFor();
    await p.addScriptTag({ content: readFileSync(join(HERE, "node_modules", "axe-core", "axe.min.js"), "utf8") });
    const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (e.g. ${v.nodes[0].target.join(" ")})`), []);
    await done(p);
  });
});
