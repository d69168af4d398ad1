/**
 * `npm run bench -- pages`: the first-load JavaScript of the pages, gzip bytes.
 * Starts the built app (building it when needed, as `npm start` does) on a
 * private data directory, signs a new member up and in through the real HTTP
 * routes (`/api/users`, then Auth.js's password form), creates a party through
 * `/api/parties`, fetches each page's HTML with that session, and gzips (level
 * 9) every chunk of its `<script src>`. `bytes` counts what a current browser
 * downloads; `noModuleBytes` is the polyfill chunk marked `noModule`, which
 * only browsers without ES modules fetch, so it is reported apart.
 *
 * A page may also fetch chunks once it runs (`next/dynamic`, `import()`):
 * each page is opened in Chromium with the same session, and every script it
 * loads by the time it is ready (the room: once it shows who is there) and
 * the network is quiet, beyond its `<script src>`, is `afterLoadBytes`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";

const PUBLIC_PAGES = ["/", "/signin", "/signup"];
/** Signed-in pages, with what shows once each is ready. */
const PARTY_PAGES: Array<{ name: string; path: (id: string) => string; ready: string }> = [
  { name: "/parties/[id]", path: (id) => `/parties/${id}`, ready: "h1" },
  { name: "/parties/[id]/room", path: (id) => `/parties/${id}/room`, ready: '[data-testid="presence"]' },
];
const PASSWORD = "bench password, long enough";

export interface PageWeight {
  bytes: number;
  scripts: number;
  noModuleBytes: number;
  /** Scripts the page fetches after its HTML's, by the time it is ready. */
  afterLoadBytes: number;
  afterLoadScripts: number;
  largest: Array<{ src: string; bytes: number }>;
  afterLoad: Array<{ src: string; bytes: number }>;
}

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start in time");
}

/** Every `<script src>` of a page's HTML, with whether it is marked noModule. */
export function scriptsOf(html: string): Array<{ src: string; noModule: boolean }> {
  const seen = new Map<string, boolean>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) seen.set(src.replace(/&amp;/g, "&"), /\bnoModule\b/i.test(tag));
  }
  return [...seen].map(([src, noModule]) => ({ src, noModule }));
}

const gzipBytes = (body: Buffer) => gzipSync(body, { level: 9 }).length;
const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");

/** A new member, signed up and signed in over HTTP as a browser would: the session's cookie header. */
async function signedInMember(url: string): Promise<string> {
  const email = `bench.pages.${Date.now()}@example.com`;
  const created = await fetch(`${url}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench Host", email, password: PASSWORD }),
  });
  if (created.status !== 201) throw new Error(`sign-up answered ${created.status}`);
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf);
  const signedIn = await fetch(`${url}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  const cookie = [...jar, ...cookiePairs(signedIn)].join("; ");
  if (!cookie.includes("session-token")) throw new Error(`sign-in answered ${signedIn.status} without a session`);
  return cookie;
}

/** A public party starting in ten minutes, created through the API; its id. */
async function createParty(url: string, cookie: string): Promise<string> {
  const startsAt = new Date(Date.now() + 10 * 60_000).toISOString().slice(0, 16);
  const created = await fetch(`${url}/api/parties`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ title: "Bench party", episodePlan: "single", episodeFrom: 1, startsAtLocal: startsAt, timeZone: "UTC", visibility: "public" }),
  });
  if (created.status !== 201) throw new Error(`creating the party answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { party: { id: string } }).party.id;
}

/** The scripts a browser fetches for this page by the time `ready` shows and the network is quiet. */
async function scriptsLoadedBy(browser: Browser, url: string, page: string, cookie: string, ready: string): Promise<Map<string, Buffer>> {
  const context = await browser.newContext();
  try {
    await context.addCookies(
      cookie
        .split("; ")
        .filter(Boolean)
        .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url })),
    );
    const tab = await context.newPage();
    const loaded = new Map<string, Promise<Buffer>>();
    tab.on("response", (response) => {
      if (response.request().resourceType() === "script") loaded.set(new URL(response.url()).pathname + new URL(response.url()).search, response.body());
    });
    await tab.goto(`${url}${page}`, { waitUntil: "load" });
    await tab.locator(ready).first().waitFor();
    await tab.waitForLoadState("networkidle");
    return new Map(await Promise.all([...loaded].map(async ([src, body]) => [src, await body] as const)));
  } finally {
    await context.close();
  }
}

async function weigh(browser: Browser, url: string, page: string, cookie: string, ready: string): Promise<PageWeight> {
  const response = await fetch(`${url}${page}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
  const html = await response.text();
  const weight: PageWeight = { bytes: 0, scripts: 0, noModuleBytes: 0, afterLoadBytes: 0, afterLoadScripts: 0, largest: [], afterLoad: [] };
  const inHtml = new Set<string>();
  for (const { src, noModule } of scriptsOf(html)) {
    inHtml.add(new URL(src, url).pathname + new URL(src, url).search);
    const bytes = gzipBytes(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer()));
    if (noModule) {
      weight.noModuleBytes += bytes;
      continue;
    }
    weight.bytes += bytes;
    weight.scripts += 1;
    weight.largest.push({ src, bytes });
  }
  for (const [src, body] of await scriptsLoadedBy(browser, url, page, cookie, ready)) {
    if (inHtml.has(src)) continue;
    const bytes = gzipBytes(body);
    weight.afterLoadBytes += bytes;
    weight.afterLoadScripts += 1;
    weight.afterLoad.push({ src, bytes });
  }
  weight.largest = weight.largest.sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  weight.afterLoad.sort((a, b) => b.bytes - a.bytes);
  return weight;
}

function chromiumPath(): string {
  const found = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  if (!found) throw new Error("Chromium not found: run scripts/ensure-chromium.sh or set CHROMIUM_PATH.");
  return found;
}

export async function runPageWeightBench(): Promise<object> {
  const root = path.resolve(import.meta.dirname, "..");
  const port = Number(process.env.BENCH_PORT ?? 3471);
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bwp-pages-"));
  const server = spawn("npx tsx scripts/build-if-needed.ts && exec npx tsx server/main.ts", {
    cwd: root,
    shell: true,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, AUTH_SECRET: "bench-secret-that-is-at-least-32-characters", LOG_LEVEL: "warn" },
  });
  let browser: Browser | undefined;
  try {
    await waitForHealth(url, Date.now() + 600_000);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    const pages: Record<string, PageWeight> = {};
    for (const page of PUBLIC_PAGES) pages[page] = await weigh(browser, url, page, "", "h1");
    const cookie = await signedInMember(url);
    const partyId = await createParty(url, cookie);
    for (const page of PARTY_PAGES) pages[page.name] = await weigh(browser, url, page.path(partyId), cookie, page.ready);
    for (const [page, w] of Object.entries(pages)) {
      console.log(`${page}: ${w.bytes} bytes gzip in ${w.scripts} scripts (+${w.noModuleBytes} noModule polyfills; +${w.afterLoadBytes} in ${w.afterLoadScripts} scripts after load)`);
    }
    return {
      pages: Object.fromEntries(Object.entries(pages).map(([page, w]) => [page, w.bytes])),
      afterLoadBytes: Object.fromEntries(Object.entries(pages).map(([page, w]) => [page, w.afterLoadBytes])),
      detail: pages,
    };
  } finally {
    await browser?.close();
    process.kill(-server.pid!, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
