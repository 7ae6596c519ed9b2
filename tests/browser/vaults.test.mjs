// The migration vaults (tests/fixtures/vaults: Obsidian, Quartz, Docusaurus, mdBook) as a
// user's tools see them: every HTML file passes the Nu HTML Checker, and in Chromium a
// block link (`[[Note#^id]]`, written `#%5Eid`) lands on its block.
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/
//
// Skipped without /usr/bin/chromium (CHROMIUM=…) and java, unless CI is set.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { CHROMIUM, HERE, REPO, launch, open, run, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const VAULTS = ["obsidian", "quartz", "docusaurus", "mdbook"];
const skip = !existsSync(CHROMIUM) && !CI ? `no Chromium at ${CHROMIUM}` : false;

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".html")).map((f) => join(dir, f));
}

describe("migration vaults", { skip }, () => {
  let dir;
  const out = {};

  before(async () => {
    const bin = join(REPO, "target", "debug", "dossier");
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build\` first`);
    dir = mkdtempSync(join(tmpdir(), "dossier-vaults-"));
    for (const v of VAULTS) {
      out[v] = join(dir, v);
      // Each vault's dossier.yaml says `broken_links: warn`: 0 errors, a site written.
      await run(bin, ["build", "--root", join(REPO, "tests", "fixtures", "vaults", v), "--output", out[v], "-q"]);
    }
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  test("every page of every vault passes the Nu HTML Checker", () => {
    const jar = join(HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
    assert.ok(existsSync(jar), `${jar} missing: run \`npm ci\` in tests/browser`);
    const files = VAULTS.flatMap((v) => htmlFiles(out[v]));
    assert.ok(files.length > 60, `${files.length} pages`);
    const r = spawnSync("java", ["-Xss1m", "-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8" });
    assert.equal(r.error, undefined, `java: ${r.error}`);
    const messages = JSON.parse(r.stdout || r.stderr).messages || [];
    assert.deepEqual(messages.map((m) => `${m.url.slice(dir.length + 6)}:${m.lastLine}: ${m.message}`), []);
  });

  test("a block link lands on its block", async () => {
    const server = await serve(out.obsidian);
    const browser = await launch();
    try {
      const p = await open(browser.context, server.base, "desk-guide.html");
      const link = p.locator("main a", { hasText: "loan period" }).first();
      assert.match(await link.getAttribute("href"), /#%5Eloan-period$/);
      await link.click();
      await p.waitForURL(/lending-policy\.html#%5Eloan-period$/);
      const target = await p.evaluate(() => document.querySelector(":target")?.id);
      assert.equal(target, "^loan-period");
      assert.deepEqual(p.log.errors, []);
      await p.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
