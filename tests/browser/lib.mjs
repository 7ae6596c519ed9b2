// Shared helpers for the browser tests: build the bundled knowledge base, serve it under
// a sub-path with a tiny static server, and start headless Chromium without any network.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as zlib from "node:zlib";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, "..", "..");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const SUB = "/some/sub/path/";
export const run = promisify(execFile);

/** Builds the repository's bundled knowledge base with the debug binary into a temp dir. */
export async function buildSite() {
  const bin = join(REPO, "target", "debug", process.platform === "win32" ? "dossier.exe" : "dossier");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build\` first`);
  const dir = mkdtempSync(join(tmpdir(), "dossier-browser-"));
  const out = join(dir, "site");
  const { stdout, stderr } = await run(bin, ["build", "--root", REPO, "--output", out, "-q"], { cwd: REPO });
  if (stderr.trim()) process.stderr.write(stderr);
  if (stdout.trim()) process.stdout.write(stdout);
  return { dir, out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
  ".webp": "image/webp", ".pdf": "application/pdf", ".ico": "image/x-icon",
};

/**
 * Serves `root` under `SUB` on 127.0.0.1 (a random port). Anything outside the sub-path is a
 * 404 and is recorded in `stray`, so a test can prove the site never leaves its sub-path.
 */
export async function serve(root) {
  const stray = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(SUB)) {
      stray.push(path);
      res.writeHead(404, { "content-type": "text/plain" }).end("outside the site");
      return;
    }
    let file = normalize(join(root, path.slice(SUB.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      const body = existsSync(join(root, "404.html")) ? readFileSync(join(root, "404.html")) : "not found";
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(body);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}${SUB}`;
  return { base, stray, close: () => new Promise((ok) => server.close(ok)) };
}

/** Starts headless Chromium with a fresh profile and no background network. */
export async function launch() {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "dossier-chromium-"));
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ];
  // Playwright passes the profile as --user-data-dir itself (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args, viewport: { width: 1366, height: 900 }, locale: "nl-NL",
    timezoneId: "Europe/Amsterdam", colorScheme: "light", reducedMotion: "no-preference",
  });
  for (const p of context.pages()) await p.close();
  return {
    context,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/**
 * Opens a page that records console errors, uncaught exceptions and every request, and
 * blocks anything that is not the local server.
 */
export async function open(context, base, path, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const log = { errors: [], requests: [], external: [] };
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("request", (r) => log.requests.push(r.url()));
  const origin = new URL(base).origin;
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith("data:") || u.startsWith("blob:")) return route.continue();
    log.external.push(u);
    return route.abort();
  });
  page.log = log;
  if (path !== null) await page.goto(base + path, { waitUntil: "load" });
  return page;
}

/**
 * Decodes a PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes screenshots) into
 * `{ width, height, pixel(x, y) -> [r, g, b] }`, so a test can look at what is on it.
 */
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString("ascii", pos + 4, pos + 8), data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit, non-interlaced PNGs");
      channels = { 2: 3, 6: 4 }[data[9]];
      if (!channels) throw new Error(`colour type ${data[9]} not supported`);
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat)), stride = width * channels, out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0, b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      out[y * stride + x] = (line[x] + pred) & 255;
    }
  }
  return { width, height, pixel: (x, y) => { const i = y * stride + x * channels; return [out[i], out[i + 1], out[i + 2]]; } };
}

/** Mean luminance (0–255) and share of pixels unlike `bg` in a region of a decoded PNG. */
export function looks(png, { x = 0, y = 0, width = png.width, height = png.height, bg = null } = {}) {
  let sum = 0, n = 0, unlike = 0;
  for (let j = Math.max(0, y | 0); j < Math.min(png.height, (y + height) | 0); j += 2) {
    for (let i = Math.max(0, x | 0); i < Math.min(png.width, (x + width) | 0); i += 2) {
      const [r, g, b] = png.pixel(i, j);
      sum += 0.2126 * r + 0.7152 * g + 0.0722 * b;
      n++;
      if (bg && Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 40) unlike++;
    }
  }
  return { luminance: sum / Math.max(1, n), unlike: unlike / Math.max(1, n) };
}
