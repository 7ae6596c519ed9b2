// Browser tests for freshness, the recent-changes page, the feed and the sharing and
// branding meta (issue 18), over a small site in a git repository made here with fixed
// commit dates, built with ./target/debug/dossier and served under a sub-path.
//
//   cargo build && (cd tests/browser && npm ci --ignore-scripts) && node --test tests/browser/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";

import { CHROMIUM, HERE, REPO, launch, open, serve } from "./lib.mjs";

const CI = !!process.env.CI;
const BASE_URL = "https://intranet.example.org/dossier/";

const FILES = {
  "dossier.yaml": `title: Huisdossier\nbase_url: ${BASE_URL}\nlogo: huisstijl/logo.svg\nextra_css: [huisstijl/huis.css]\nfooter_include: huisstijl/voet.html\n`,
  "huisstijl/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0b5cad"/></svg>',
  "huisstijl/huis.css": ".site-footer { border-top: 3px solid rgb(11, 92, 173); }\n",
  "huisstijl/voet.html": '<p>Afdeling Beleid · <a href="{root}notes/alfa.html">Over alfa</a></p>\n',
  "content/index.md": "---\ntitle: Start\n---\nNaar [[Alfa]] en [[Beta]].\n",
  "content/notes/alfa.md": "---\ntitle: Alfa\nsummary: Over alfa.\n---\nAlfa, terug naar [[Start]].\n",
  "content/notes/beta.md": "---\ntitle: Beta\nupdated: 2024-01-15\n---\nBeta, terug naar [[Start]].\n",
};

function git(cwd, date, ...args) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
  delete env.GIT_DIR;
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { cwd, env });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

/** The site above, committed in 2023 with alfa changed again on 9 April 2025, built. */
function buildFixture() {
  const dir = mkdtempSync(join(tmpdir(), "dossier-fresh-"));
  const root = join(dir, "root");
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  git(root, "2023-03-01T10:00:00+01:00", "init", "-q");
  git(root, "2023-03-01T10:00:00+01:00", "add", ".");
  git(root, "2023-03-01T10:00:00+01:00", "commit", "-qm", "begin");
  writeFileSync(join(root, "content/notes/alfa.md"), FILES["content/notes/alfa.md"] + "\nMeer over alfa.\n");
  git(root, "2025-04-09T14:03:00+02:00", "commit", "-qam", "alfa");
  const bin = join(REPO, "target", "debug", process.platform === "win32" ? "dossier.exe" : "dossier");
  const out = join(dir, "site");
  const r = spawnSync(bin, ["build", "--root", root, "--output", out, "-q"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`dossier build: ${r.stderr}`);
  return { out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

if (!existsSync(CHROMIUM)) {
  if (CI) test("chromium is installed", () => assert.fail(`${CHROMIUM} not found`));
  else test("freshness in a browser", { skip: `${CHROMIUM} not found` }, () => {});
} else describe("freshness, feed and sharing in a browser", () => {
  let site, server, browser, base;
  const opened = [];
  before(async () => {
    site = buildFixture();
    server = await serve(site.out);
    base = server.base;
    browser = await launch();
  });
  after(async () => {
    for (const p of opened) await p.close().catch(() => {});
    await browser?.close();
    await server?.close();
    site?.cleanup();
  });
  const page = async (path) => {
    const p = await open(browser.context, base, path);
    opened.push(p);
    return p;
  };
  const clean = (p) => {
    assert.deepEqual(p.log.errors, [], "console errors");
    assert.deepEqual(p.log.external, [], "requests outside the site");
  };

  test("the recent-changes page lists the latest change first and leads to it", async () => {
    const p = await page("index.html");
    await p.locator("#sidebar a", { hasText: "Recente wijzigingen" }).click();
    await p.waitForURL(/changes\.html$/);
    assert.equal(await p.locator("h1").textContent(), "Recente wijzigingen");
    const items = await p.locator("#changes li").evaluateAll((lis) => lis.map((li) => ({
      title: li.querySelector("a").textContent, when: li.querySelector("time").getAttribute("datetime"),
      shown: li.querySelector("time").textContent, isNew: !!li.querySelector(".change-new"),
    })));
    assert.deepEqual(items.map((i) => [i.title, i.when]), [["Alfa", "2025-04-09"], ["Beta", "2024-01-15"], ["Start", "2023-03-01"]]);
    assert.equal(items[0].shown, "9 april 2025");
    assert.deepEqual(items.map((i) => i.isNew), [false, false, true]);
    await p.locator("#changes a", { hasText: "Alfa" }).click();
    await p.waitForURL(/notes\/alfa\.html$/);
    assert.match(await p.locator(".meta-updated").textContent(), /Bijgewerkt: 9 april 2025/);
    clean(p);
  });

  test("every page's head has sharing meta, a canonical address and the feed", async () => {
    for (const [path, title, type] of [["notes/alfa.html", "Alfa", "article"], ["changes.html", "Recente wijzigingen", "website"], ["index.html", "Start", "website"]]) {
      const p = await page(path);
      const meta = await p.evaluate(() => {
        const get = (sel, attr = "content") => document.head.querySelector(sel)?.getAttribute(attr) ?? null;
        return {
          ogTitle: get('meta[property="og:title"]'), ogType: get('meta[property="og:type"]'), ogUrl: get('meta[property="og:url"]'),
          ogImage: get('meta[property="og:image"]'), site: get('meta[property="og:site_name"]'), card: get('meta[name="twitter:card"]'),
          twTitle: get('meta[name="twitter:title"]'), canonical: get('link[rel="canonical"]', "href"),
          feed: document.head.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.href ?? null,
          robots: get('meta[name="robots"]'),
        };
      });
      const canonical = BASE_URL + path.replace(/index\.html$/, "");
      assert.deepEqual(meta, {
        ogTitle: title, ogType: type, ogUrl: canonical, ogImage: BASE_URL + "assets/site/huisstijl/logo.svg", site: "Huisdossier",
        card: "summary", twTitle: title, canonical, feed: base + "feed.xml", robots: null,
      }, path);
      clean(p);
    }
  });

  test("the feed linked from the head is Atom the browser can parse", async () => {
    const p = await page("notes/beta.html");
    const feed = await p.evaluate(async () => {
      const href = document.head.querySelector('link[type="application/atom+xml"]').href;
      const xml = await (await fetch(href)).text();
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      const ns = "http://www.w3.org/2005/Atom";
      return {
        error: doc.getElementsByTagName("parsererror").length,
        root: [doc.documentElement.namespaceURI, doc.documentElement.localName],
        entries: [...doc.getElementsByTagNameNS(ns, "entry")].map((e) => [
          e.getElementsByTagNameNS(ns, "title")[0].textContent, e.getElementsByTagNameNS(ns, "updated")[0].textContent,
          e.getElementsByTagNameNS(ns, "link")[0].getAttribute("href"),
        ]),
      };
    });
    assert.equal(feed.error, 0);
    assert.deepEqual(feed.root, ["http://www.w3.org/2005/Atom", "feed"]);
    assert.deepEqual(feed.entries[0], ["Alfa", "2025-04-09T14:03:00+02:00", BASE_URL + "notes/alfa.html"]);
    clean(p);
  });

  test("the site's logo, stylesheet and footer are on the page", async () => {
    const p = await page("notes/beta.html");
    const logo = p.locator("header .brand img.brand-logo");
    assert.equal(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), true, "the logo loads");
    const footer = p.locator("footer .site-footer");
    assert.equal(await footer.evaluate((f) => getComputedStyle(f).borderTopColor), "rgb(11, 92, 173)", "huis.css applies");
    await footer.locator("a", { hasText: "Over alfa" }).click();
    await p.waitForURL(/notes\/alfa\.html$/);
    clean(p);
  });

  test("axe finds no serious violations on the recent-changes page", async () => {
    const p = await page("changes.html");
    await p.addScriptTag({ content: readFileSync(join(HERE, "node_modules", "axe-core", "axe.min.js"), "utf8") });
    const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help}`), []);
  });

  test("the Nu HTML Checker finds no errors in the branded pages", { timeout: 120000 }, () => {
    const jar = join(HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
    const files = readdirSync(site.out, { recursive: true }).map(String).filter((f) => f.endsWith(".html")).map((f) => join(site.out, f));
    const r = spawnSync("java", ["-Xss1m", "-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8" });
    assert.ok(files.length >= 5, `${files.length} HTML files`);
    const report = JSON.parse(r.stderr || r.stdout);
    assert.ok(Array.isArray(report.messages), `vnu said: ${r.stderr} ${r.stdout}`);
    const messages = report.messages;
    assert.deepEqual(messages.filter((m) => m.type === "error").map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
  });
});
