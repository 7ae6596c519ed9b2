// search.js cuts, folds and stems words exactly as the Rust index does: both are checked
// against tests/fixtures/search/stems.tsv (the Rust side in src/search.rs). Needs only Node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import vm from "node:vm";

import { REPO } from "./lib.mjs";

// Arrays made inside the script's context have another prototype: compare copies.
const plain = (x) => JSON.parse(JSON.stringify(x));

function loadSearch() {
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(join(REPO, "themes", "default", "static", "search.js"), "utf8"), { module });
  return module.exports;
}

test("search.js gives the same terms as the index for every fixture line", () => {
  const { terms } = loadSearch();
  const lines = readFileSync(join(REPO, "tests", "fixtures", "search", "stems.tsv"), "utf8")
    .split("\n").filter((l) => l && !l.startsWith("#"));
  assert.ok(lines.length >= 300, `only ${lines.length} cases`);
  const wrong = [];
  for (const line of lines) {
    const [input, expected] = line.split("\t");
    const got = terms(input).join(" ");
    if (got !== expected) wrong.push(`${input}: ${got} (want ${expected})`);
  }
  assert.deepEqual(wrong, []);
});

test("snippet positions point at the words in the original text", () => {
  const { eachWord } = loadSearch();
  const text = "Financie\u0308le zorg, ĲSSEL!";
  const seen = [];
  eachWord(text, (w, s, e) => seen.push([w, text.slice(s, e)]));
  assert.deepEqual(seen, [["financiele", "Financie\u0308le"], ["zorg", "zorg"], ["yssel", "ĲSSEL"]]);
});

test("results are escaped and marked, snippets are the sentence around the first match", () => {
  const { parseQuery, matcher, highlight, snippet } = loadSearch();
  const match = matcher(parseQuery("financiele zorgplafond"));
  assert.equal(highlight("<script>alert(1)</script> Financiële & zorgplafonds", match),
    "&#60;script&#62;alert(1)&#60;/script&#62; <mark>Financiële</mark> &#38; <mark>zorgplafonds</mark>");
  const text = "Eerste zin. Tweede zin over financiële ruimte en meer. Derde zin.";
  assert.equal(snippet(text, match), "Tweede zin over financiële ruimte en meer.");
  assert.equal(snippet("Niets hier.", match), null);
  // The last word is a prefix while typing, not after a space.
  assert.deepEqual(plain(parseQuery("Zorg plafo").map((w) => w.prefix)), [null, "plafo"]);
  assert.deepEqual(plain(parseQuery("zorg plafo ").map((w) => w.prefix)), [null, null]);
});

test("ranking needs every word whose list is complete; a cut list cannot rule a document out", () => {
  const { rank } = loadSearch();
  const a = { hits: { 1: 10, 2: 5, 3: 1 }, complete: true };
  const b = { hits: { 2: 10, 3: 1 }, complete: true };
  const common = { hits: { 3: 50 }, complete: false };
  assert.deepEqual(plain(rank([a, b], null, false)), [2, 3]);
  assert.deepEqual(plain(rank([a, b, common], null, false)), [3, 2]);
  assert.deepEqual(plain(rank([a, b], (id) => id !== 2, false)), [3]);
  assert.deepEqual(plain(rank([a, { hits: {}, complete: true }], null, false)), []);
  assert.deepEqual(plain(rank([a, { hits: {}, complete: true }], null, true)), [1, 2, 3]);
});
