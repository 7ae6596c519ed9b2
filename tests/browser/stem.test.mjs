// search.js cuts, folds and stems words exactly as the Rust index does: both are checked
// against tests/fixtures/search/stems.tsv (the Rust side in src/search.rs). Needs only Node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import vm from "node:vm";

import { REPO } from "./lib.mjs";

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
