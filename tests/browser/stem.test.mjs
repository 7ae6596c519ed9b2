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

test("one edit apart: insertion, deletion, substitution, two neighbours swapped", () => {
  const { within1 } = loadSearch();
  for (const [a, b] of [["wachtljst", "wachtlijst"], ["wachtlijst", "wachtljst"], ["wachtlist", "wachtlijst"], ["wachtlijsr", "wachtlijst"],
    ["wachtlijts", "wachtlijst"], ["awchtlijst", "wachtlijst"], ["financiel", "financiel"], ["treknorm", "treeknorm"]]) {
    assert.ok(within1(a, b), `${a} ~ ${b}`);
  }
  for (const [a, b] of [["wachtlst", "wachtlijst"], ["wachtlyst", "wachtlijst"], ["wachtlijst", "wachttijd"], ["abcd", "badc"], ["plafond", "plafondje"]]) {
    assert.ok(!within1(a, b), `${a} !~ ${b}`);
  }
});

test("near keys: one edit leaves the first half or the last half (less one) intact", () => {
  const { nearKeys, within1 } = loadSearch();
  assert.deepEqual(plain(nearKeys("wachtlijst")), { f: "wacht", r: "tsji" });
  assert.deepEqual(plain(nearKeys("plafond")), { f: "pla", r: "dno" });
  // Exhaustively for one word: every term one edit away begins with f or ends with r's reverse.
  const t = "wachtlijst", k = nearKeys(t), end = k.r.split("").reverse().join("");
  const letters = "abcdefghijklmnopqrstuvwxyz".split(""), near = new Set();
  for (let i = 0; i <= t.length; i++) {
    near.add(t.slice(0, i) + t.slice(i + 1));
    for (const c of letters) { near.add(t.slice(0, i) + c + t.slice(i)); near.add(t.slice(0, i) + c + t.slice(i + 1)); }
    if (i + 1 < t.length) near.add(t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2));
  }
  for (const n of near) {
    assert.ok(within1(t, n), n);
    assert.ok(n.startsWith(k.f) || n.endsWith(end), n);
  }
});

test("near lists: files to load for a key, and their entries decoded", () => {
  const { nearFiles, decodeNear } = loadSearch();
  const firsts = ["a", "b", "d", "f", "wa", "wacht", "wachtw", "wb", "x"];
  // A key inside one file, across two files, and across many (then where the term is, and a neighbour).
  assert.deepEqual(plain(nearFiles(firsts, "c", "cab")), [1]);
  assert.deepEqual(plain(nearFiles(firsts, "wacht", "wachtlijst")), [5, 6]);
  assert.deepEqual(plain(nearFiles(firsts, "wa", "wachtlijst")), [5, 6]);
  assert.deepEqual(plain(nearFiles(firsts, "wa", "wachtzzz")), [6, 5]);
  assert.equal(nearFiles(firsts, "wa", "wachtlijst").length, 2);
  // Entries: shared-prefix length and df class (base 36), then the rest of the term.
  assert.deepEqual(plain(decodeNear("05plafond 73s a2wachtlijstbemiddel", false)),
    [["plafond", 5], ["plafonds", 3], ["plafondswachtlijstbemiddel", 2]]);
  assert.deepEqual(plain(decodeNear("02dnofalp 71tezmo", true)), [["plafond", 2], ["omzetplafond", 1]]);
});

test("near terms: whole words first, most frequent first; begun words only while typing and if none", () => {
  const { nearTerms, parseQuery } = loadSearch();
  const listed = [["wachtlijst", 6], ["wachtlijstbemiddel", 1], ["wachttijd", 7], ["wachtlijs", 1], ["achtlijst", 2]];
  const [typed] = parseQuery("wachtljst ");
  assert.deepEqual(plain(nearTerms(typed, listed)), ["wachtlijst"]);
  // Nor is the query's own term a near term of itself.
  assert.deepEqual(plain(nearTerms(parseQuery("wachtlijst ")[0], listed)), ["achtlijst", "wachtlijs"]);
  const [typing] = parseQuery("wachtlj");
  assert.deepEqual(plain(nearTerms(typing, listed)), ["wachtlijst", "wachtlijs", "wachtlijstbemiddel"]);
  const many = Array.from({ length: 10 }, (_, i) => ["wachtlijst" + "abcdefghij"[i], i]);
  assert.equal(nearTerms(parseQuery("wachtlijstz ")[0], many).length, 4);
});

test("a word's hits: its term, its compound-only documents, the terms it begins while typed", () => {
  const { wordHits, parseQuery } = loadSearch();
  const entries = [["plafond", 2, [1, 200, 2, 100], 2, [2, 60, 4, 50]], ["plafondhoogte", 1, [9, 90]]];
  const [done] = parseQuery("plafond ");
  assert.deepEqual(plain(wordHits(done, entries)), { hits: { 1: 200, 2: 60, 3: 100, 6: 50 }, complete: true });
  const [typing] = parseQuery("plafond");
  assert.deepEqual(plain(wordHits(typing, entries).hits), { 1: 200, 2: 60, 3: 100, 6: 50, 9: 72 });
  // A cut list (df above the postings kept) makes the word incomplete, its parts too.
  assert.equal(wordHits(done, [["plafond", 3, [1, 200, 2, 100]]]).complete, false);
  assert.equal(wordHits(done, [["plafond", 2, [1, 200, 2, 100], 5, [1, 60]]]).complete, false);
});

test("ranking puts documents that need a typo forgiven below those that need none", () => {
  const { rank } = loadSearch();
  const typo = { hits: { 5: 10 }, fuzzy: { 1: 100, 2: 90, 5: 500 }, complete: true };
  assert.deepEqual(plain(rank([typo], null, false)), [5, 1, 2]);
  const other = { hits: { 1: 5, 2: 5, 5: 5, 7: 500 }, complete: true };
  assert.deepEqual(plain(rank([typo, other], null, false)), [5, 1, 2]);
  assert.deepEqual(plain(rank([typo, other], (id) => id !== 5, false)), [1, 2]);
  assert.deepEqual(plain(rank([typo, other], null, true)), [5, 1, 2]);
});

test("marks and snippets: near terms and compounds match, exact words are preferred for the snippet", () => {
  const { parseQuery, matcher, highlight, snippet } = loadSearch();
  const query = parseQuery("wachtljst plafond ");
  query[0].near = ["wachtlijst"];
  const match = matcher(query);
  assert.equal(highlight("Wachtlijsten, omzetplafonds en een plafond; geen plafo.", match),
    "<mark>Wachtlijsten</mark>, <mark>omzetplafonds</mark> en een <mark>plafond</mark>; geen plafo.");
  assert.ok(!match.strict("omzetplafonds") && match.strict("plafonds") && match.strict("wachtlijst"));
  assert.equal(snippet("Over omzetplafonds. Dan het plafond zelf.", match), "Dan het plafond zelf.");
  assert.equal(snippet("Over omzetplafonds. Niets meer.", match), "Over omzetplafonds.");
  // Short terms are no compound parts: no marks inside words for them.
  assert.equal(highlight("zorgplafond", matcher(parseQuery("zor "))), "zorgplafond");
});

// A synthetic index as src/search.rs writes it: `terms` sorted, `per` terms a shard, near
// lists of `nearPer` terms a file (front-coded, named by the shortest separating prefix).
function syntheticIndex(terms, per = 50, nearPer = 100) {
  const files = {}, shards = [];
  for (let i = 0; i < terms.length; i += per) {
    shards.push(terms[i]);
    files[`t/${shards.length - 1}`] = terms.slice(i, i + per).map((t, k) => [t, 1, [i + k, 100]]);
  }
  const near = { f: [], r: [] };
  for (const [list, sorted] of [["f", terms], ["r", terms.map((t) => t.split("").reverse().join("")).sort()]]) {
    let prev = "";
    for (let i = 0; i < sorted.length; i += nearPer) {
      const chunk = sorted.slice(i, i + nearPer);
      let common = 0;
      while (common < prev.length && prev[common] === chunk[0][common]) common++;
      near[list].push(chunk[0].slice(0, common + 1));
      files[`${list}/${near[list].length - 1}`] = chunk.map((t, k) => {
        const p = k ? chunk[k - 1] : "";
        let s = 0;
        while (k && s < 35 && p[s] === t[s]) s++;
        return s.toString(36) + "0" + t.slice(s);
      }).join(" ");
      prev = chunk[chunk.length - 1];
    }
  }
  files.meta = { version: 4, docs: terms.length, kinds: {}, tag_count: 0, shards, near, cap: 1000 };
  return files;
}

async function lookupIn(files, q, broken = () => false) {
  const S = loadSearch(), loaded = [];
  S.useLoader((name) => {
    loaded.push(name);
    if (broken(name) || !(name in files)) throw new Error(`no ${name}`);
    return files[name];
  });
  const m = await S.meta(), query = S.parseQuery(q);
  const lists = await S.lookup(m, query);
  return { S, query, lists, loaded, ids: S.rank(lists, null, false) };
}

test("lookup forgives typos within its budget of near files and shards", async () => {
  let seed = 3;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const set = new Set();
  while (set.size < 3000) set.add(Array.from({ length: 6 + Math.floor(rnd() * 6) }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(rnd() * 26)]).join(""));
  const terms = [...set].sort(), files = syntheticIndex(terms);
  const pick = [terms[100], terms[1500], terms[2900]];
  // One typo: found, and only what it needs is loaded.
  const typo = (t) => t.slice(0, 2) + t.slice(3);
  const one = await lookupIn(files, typo(pick[1]) + " ");
  assert.ok(one.query[0].near.includes(pick[1]), JSON.stringify(one.query[0]));
  assert.deepEqual(plain(one.ids), [1500]);
  // Three typos in one query: at most 4 near files and 2 shards more than the exact ones.
  const three = await lookupIn(files, pick.map(typo).join(" ") + " ");
  const near = three.loaded.filter((f) => /^[fr]\//.test(f)), shards = three.loaded.filter((f) => f.startsWith("t/"));
  assert.ok(near.length <= 4, near.join(" "));
  assert.ok(shards.length <= 3 + 2, shards.join(" "));
  assert.ok(three.query.some((w) => w.near.length), "some typo forgiven");
});

test("without near lists, or when one does not load, a query still gets its exact results", async () => {
  const files = syntheticIndex(["plafond", "wachtlijst", "wachttijd"]);
  const plainMeta = { ...files, meta: { ...files.meta, near: { f: [], r: [] } } };
  let r = await lookupIn(plainMeta, "wachtljst plafond ");
  assert.ok(!r.loaded.some((f) => /^[fr]\//.test(f)), r.loaded.join(" "));
  assert.deepEqual(plain(r.S.rank(r.lists, null, true)), [0]);
  r = await lookupIn(files, "wachtljst plafond ", (name) => name.startsWith("f/"));
  assert.deepEqual(plain(r.S.rank(r.lists, null, true)), [0]);
  // With the near lists: no document has both words, but the 404 page's loose ranking
  // lists the exact one first, then the one a typo was forgiven for.
  r = await lookupIn(files, "wachtljst plafond ");
  assert.deepEqual(plain(r.ids), []);
  assert.deepEqual(plain(r.S.rank(r.lists, null, true)), [0, 1]);
});
