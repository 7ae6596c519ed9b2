// The analyst's views in headless Chromium, over the bundled knowledge base: the overview
// of commitments filtered by status, topic and letter (and the filter kept in the address),
// and a citation followed into the letter's own text at the section it names. The letters
// are the seeds beside the repository (dossier.yaml's source_texts).
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/
//
// Skipped without /usr/bin/chromium (CHROMIUM=…), unless CI is set.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { CHROMIUM, HERE, SUB, buildSite, launch, open, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const skip = !existsSync(CHROMIUM) && !CI ? `no Chromium at ${CHROMIUM}` : false;

describe("analyst views in Chromium", { skip }, () => {
  let site, server, browser, base;

  before(async () => {
    site = await buildSite();
    server = await serve(site.out);
    base = server.base;
    browser = await launch();
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
  const visibleRows = (p) => p.$$eval("#commitments tbody tr", (trs) => trs.filter((tr) => !tr.hidden).map((tr) => ({
    status: tr.dataset.status.split(" "), topics: tr.dataset.topics.split(" ").filter(Boolean),
    letters: tr.dataset.letters.split(" ").filter(Boolean), title: tr.querySelector("th a").textContent,
  })));

  test("the overview of commitments filters by status, topic and letter", async () => {
    const data = JSON.parse(readFileSync(join(site.out, "commitments.json"), "utf8"));
    assert.ok(data.commitments.length >= 5, "the bundled knowledge base has commitments");
    const p = await open(browser.context, base, "commitments.html");
    assert.ok(await p.locator("#commitment-filters").isVisible(), "the filters show with JavaScript");
    const all = await visibleRows(p);
    assert.equal(all.length, data.commitments.length, "every commitment is a row");

    // By status: each status present gives exactly its rows.
    const statuses = [...new Set(data.commitments.map((c) => c.status))];
    for (const s of statuses) {
      await p.selectOption("#commitment-filters select[name=status]", s);
      const rows = await visibleRows(p);
      assert.equal(rows.length, data.commitments.filter((c) => c.status === s).length, s);
      assert.ok(rows.every((r) => r.status.includes(s)), s);
      assert.match(await p.locator(".commitment-count").textContent(), new RegExp(`^${rows.length}\\D+${all.length}`));
    }
    // Status and topic together; the choice is in the address, and a reload restores it.
    const topic = data.commitments.flatMap((c) => c.topics.map((t) => t.url))[0];
    await p.selectOption("#commitment-filters select[name=status]", "");
    await p.selectOption("#commitment-filters select[name=topic]", topic);
    const byTopic = await visibleRows(p);
    assert.equal(byTopic.length, data.commitments.filter((c) => c.topics.some((t) => t.url === topic)).length);
    assert.ok(byTopic.length > 0 && byTopic.every((r) => r.topics.includes(topic)));
    assert.equal(new URL(p.url()).hash, `#topic=${encodeURIComponent(topic)}`);
    await p.reload();
    assert.equal(await p.locator("#commitment-filters select[name=topic]").inputValue(), topic);
    assert.equal((await visibleRows(p)).length, byTopic.length);
    // By letter.
    const letter = data.commitments[0].origin;
    await p.selectOption("#commitment-filters select[name=topic]", "");
    await p.selectOption("#commitment-filters select[name=letter]", letter);
    const byLetter = await visibleRows(p);
    assert.equal(byLetter.length, data.commitments.filter((c) => c.sources.includes(letter)).length);
    // A row opens its commitment's page, which says how it stands.
    await p.selectOption("#commitment-filters select[name=letter]", "");
    await p.locator("#commitments tbody th a").first().click();
    await p.waitForURL(/toezeggingen\//);
    assert.ok(await p.locator(".commitment-card .status").isVisible());
    await done(p);
  });

  test("a citation opens the letter at the section it cites", async () => {
    // A note whose citations open a letter (found from the output, not by name).
    const graph = JSON.parse(readFileSync(join(site.out, "graph.json"), "utf8"));
    const note = graph.nodes.filter((n) => n.kind === "note").map((n) => n.url)
      .find((u) => /class="cite-ref"[^>]*data-passage=/.test(readFileSync(join(site.out, u), "utf8")));
    assert.ok(note, "no citation opens a letter: are the seeds beside the repository?");
    const p = await open(browser.context, base, note);
    const cite = p.locator("a.cite-ref[data-passage]").first();
    const href = await cite.getAttribute("href");
    const section = decodeURIComponent(href.split("#")[1]);
    // Its preview shows the letter's words, by keyboard as by mouse.
    await cite.focus();
    const pop = p.locator("#cite-popover");
    await pop.waitFor();
    assert.equal((await pop.locator(".cite-passage").textContent()).trim(), (await cite.getAttribute("data-passage")).trim());
    await p.keyboard.press("Escape");
    await pop.waitFor({ state: "detached" });
    await cite.click();
    await p.waitForURL(/\/text\.html#/);
    await p.waitForLoadState("load");
    const target = p.locator(`[id="${section}"]`);
    // The browser scrolls to the fragment once the page has laid out.
    await p.waitForFunction((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    }, section, { timeout: 5000 });
    assert.ok(await target.isVisible(), `#${section} is on the letter's page`);
    assert.ok(await target.evaluate((el) => el.matches(":target")), "the section is the target");
    const box = await target.boundingBox();
    assert.ok(box.y >= -1 && box.y < 900, `the section is scrolled into view (y = ${box.y})`);
    // The section lists the note among those that cite it.
    const title = (await p.title()).split(" · ")[0];
    assert.ok(title.length > 0);
    assert.ok(await target.locator(".letter-cited a").count() > 0, "the section names the notes citing it");
    await done(p);
  });

  describe("axe-core finds no serious or critical violations", () => {
    const axeSource = () => readFileSync(join(HERE, "node_modules", "axe-core", "axe.min.js"), "utf8");
    for (const [name, path, scheme] of [
      ["the commitments overview", "commitments.html", "light"], ["the commitments overview, dark", "commitments.html", "dark"],
      ["a letter's text", "sources/kst-25424-731/text.html", "light"], ["a letter's text, dark", "sources/kst-25424-731/text.html", "dark"],
    ]) {
      test(name, async () => {
        const p = await open(browser.context, base, null);
        await p.emulateMedia({ colorScheme: scheme });
        await p.goto(base + path);
        await p.addScriptTag({ content: axeSource() });
        const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0].target.join(" ")})`), []);
        await done(p);
      });
    }
  });
});
