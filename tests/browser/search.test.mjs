// Forgiving search over the bundled knowledge base: a typo (wachtljst), an inflection
// (financieel for financiële) and a compound part (plafond for omzetplafonds), first with
// search.js's own lookup in Node reading the built index files, then typed into the search
// box in headless Chromium. Each query's download stays within the first-query budget.
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/
//
// The Chromium part is skipped without /usr/bin/chromium (CHROMIUM=…), unless CI is set.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import vm from "node:vm";

import { CHROMIUM, REPO, SUB, buildSite, launch, open, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const BUDGET = 300 * 1024; // a first query, index files and the documents shown
const WACHTTIJDEN = "onderwerpen/wachttijden-en-treeknorm.html";
const OMZETPLAFONDS = "onderwerpen/omzetplafonds.html";

function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
function data(out, name) {
  const text = readFileSync(join(out, "search", name + ".js"), "utf8");
  const m = /^dossierSearch\("([^"]+)",([\s\S]*)\);\n$/.exec(text);
  assert.ok(m && m[1] === name, `search/${name}.js is a dossierSearch call`);
  return JSON.parse(m[2]);
}

let site;
before(async () => { site = await buildSite(); });
after(() => { if (site) site.cleanup(); });

// A query as the search box runs it, with a fresh search.js whose files come from disk:
// the results' URLs and texts, the query words (with the near terms used) and the files.
async function query(q) {
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(join(REPO, "themes", "default", "static", "search.js"), "utf8"), { module });
  const S = module.exports, loaded = [];
  S.useLoader((name) => { loaded.push(name); return data(site.out, name); });
  const m = await S.meta();
  const words = S.parseQuery(q);
  const ids = S.rank(await S.lookup(m, words), null, false);
  const docs = ids.slice(0, 10).map((id) => { loaded.push(`d/${id}`); return data(site.out, `d/${id}`); });
  const bytes = loaded.reduce((n, f) => n + statSync(join(site.out, "search", f + ".js")).size, 0);
  return { S, words, ids, docs, urls: docs.map((d) => d.url), loaded, bytes, match: S.matcher(words) };
}

describe("forgiving search, in Node over the built index", () => {
  test("a typo: wachtljst finds the Wachttijden note through wachtlijst", async () => {
    for (const q of ["wachtljst", "wachtljst ", "wachtlijts "]) {
      const r = await query(q);
      assert.ok(r.urls.includes(WACHTTIJDEN), `${q}: ${r.urls.join(" ")}`);
      assert.deepEqual([...r.words[0].near], ["wachtlijst"], q);
      assert.ok(r.loaded.some((f) => /^[fr]\//.test(f)), `${q} looked in the near lists: ${r.loaded.join(" ")}`);
      assert.ok(r.bytes <= BUDGET, `${q}: ${r.bytes} bytes`);
      // The shown snippets mark the words that were meant.
      assert.ok(r.docs.every((d) => /<mark>wachtlijst/i.test(r.S.highlight(d.text, r.match))), q);
    }
  });

  test("no typo forgiven where the word has documents: precise queries stay precise", async () => {
    for (const q of ["wachtlijst ", "financieel ", "plafond "]) {
      const r = await query(q);
      assert.ok(r.ids.length >= 3, q);
      assert.ok(!r.loaded.some((f) => /^[fr]\//.test(f)), `${q}: ${r.loaded.join(" ")}`);
      assert.equal(r.loaded.filter((f) => f.startsWith("t/")).length, 1, `${q}: one shard`);
    }
    // A word of four letters is not forgiven a typo.
    assert.equal((await query("zrog ")).ids.length, 0);
  });

  test("an inflection: financieel finds the notes that say financiële", async () => {
    const r = await query("financieel ");
    const saying = r.docs.filter((d) => /financiële/i.test(d.title + d.text));
    assert.ok(saying.length >= 3, r.urls.join(" "));
    for (const d of saying) assert.match(r.S.highlight(d.title + " " + d.text, r.match), /<mark>financiële<\/mark>/i, d.url);
  });

  test("a compound part: plafond finds the Omzetplafonds note, and notes that only have compounds", async () => {
    const r = await query("plafond ");
    assert.ok(r.urls.slice(0, 3).includes(OMZETPLAFONDS), r.urls.join(" "));
    // Some results say plafond only inside compounds (omzetplafond, zorgplafonds): found
    // through the part list of the term's own entry, in the same shard.
    const all = r.ids.map((id) => data(site.out, `d/${id}`));
    // (A document file keeps the first 12,000 characters of the text: look at those.)
    const onlyCompounds = all.filter((d) => {
      const ws = r.S.words(d.title + " " + d.text);
      return !ws.some((w) => r.S.term(w) === "plafond") && ws.some((w) => /.{4}plafond/.test(w));
    });
    assert.ok(onlyCompounds.length > 0, "no compound-only result");
    for (const d of onlyCompounds) {
      assert.match(r.S.highlight(d.title + " " + d.text, r.match), /<mark>\w+plafonds?<\/mark>/i, d.url);
      assert.match(r.S.snippet(d.text, r.match) || d.title, /plafond/i, d.url);
    }
    // And wachtlijst finds the NZa note, which only says wachtlijstcijfers.
    const w = await query("wachtlijst ");
    const nza = w.ids.map((id) => data(site.out, `d/${id}`)).find((d) => d.url === "organisaties/nza.html");
    assert.ok(nza, w.urls.join(" "));
    const ws = w.S.words(nza.title + " " + nza.text);
    assert.ok(ws.includes("wachtlijstcijfers") && !ws.some((x) => w.S.term(x) === "wachtlijst"), "only the compound");
  });
});

const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  if (CI) test("chromium is installed", () => assert.fail(`${CHROMIUM} not found`));
  else test("forgiving search in a browser", { skip: `${CHROMIUM} not found` }, () => {});
}

if (HAVE_CHROMIUM) describe("forgiving search in a browser", () => {
  let server, browser, base;
  before(async () => {
    server = await serve(site.out);
    base = server.base;
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  // Types q into the search box of the home page; waits for a result link to `url`.
  async function typed(q, url) {
    const p = await open(browser.context, base, "index.html");
    await p.focus("#search-input");
    await p.keyboard.type(q);
    await p.locator(`#search-results li a[href$="${url}"]`).first().waitFor({ state: "visible" });
    const hits = await p.$$eval("#search-results li a", (as) => as.map((a) => ({
      url: a.getAttribute("href"), marks: [...a.querySelectorAll("mark")].map((m) => m.textContent),
    })));
    const fetched = p.log.requests.filter((u) => u.includes("/search/"));
    const bytes = fetched.reduce((n, u) => n + statSync(join(site.out, decodeURIComponent(new URL(u).pathname.slice(SUB.length)))).size, 0);
    assert.deepEqual(p.log.errors, [], `console errors for ${q}`);
    assert.deepEqual(p.log.external, []);
    await p.close();
    return { hits, fetched, bytes };
  }

  test("typing wachtljst shows the Wachttijden note, wachtlijst marked", async () => {
    const r = await typed("wachtljst", WACHTTIJDEN);
    const hit = r.hits.find((h) => h.url.endsWith(WACHTTIJDEN));
    assert.ok(hit.marks.some((m) => fold(m).startsWith("wachtlijst")), hit.marks.join(", "));
    assert.ok(r.fetched.some((u) => /\/search\/[fr]\/\d+\.js$/.test(u)), r.fetched.join(" "));
    // Every keystroke is a query; all of them together stay within the first-query budget.
    assert.ok(r.bytes <= BUDGET, `${r.bytes} bytes: ${r.fetched.join(" ")}`);
  });

  test("financieel finds the notes that say financiële", async () => {
    const r = await typed("financieel", "onderwerpen/financiele-positie.html");
    const marked = r.hits.flatMap((h) => h.marks.map((m) => m.toLowerCase()));
    assert.ok(marked.includes("financiële"), marked.join(", "));
    for (const h of r.hits.slice(0, 3)) {
      const html = readFileSync(join(site.out, decodeURIComponent(new URL(h.url, base).pathname.slice(SUB.length))), "utf8");
      assert.match(html, /financi(ële|eel)/i, h.url);
    }
    assert.ok(r.bytes <= BUDGET, `${r.bytes} bytes`);
  });

  test("plafond finds the Omzetplafonds note, compounds marked", async () => {
    const r = await typed("plafond", OMZETPLAFONDS);
    assert.ok(r.hits.slice(0, 3).some((h) => h.url.endsWith(OMZETPLAFONDS)), r.hits.map((h) => h.url).join(" "));
    const marked = r.hits.flatMap((h) => h.marks.map((m) => fold(m)));
    assert.ok(marked.some((m) => /^(omzet|zorg|budget)plafonds?$/.test(m)), marked.join(", "));
    assert.ok(!r.fetched.some((u) => /\/search\/[fr]\//.test(u)), "no typo lookups for a word that has documents");
    assert.ok(r.bytes <= BUDGET, `${r.bytes} bytes`);
  });
});
