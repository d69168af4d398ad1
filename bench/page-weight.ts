/**
 * `npm run bench -- pages`: the first-load JavaScript of public pages, gzip bytes.
 * Starts the built app (building it when needed, as `npm start` does) on a
 * private data directory, fetches each page's HTML, and gzips (level 9) every
 * chunk of its `<script src>`. `bytes` counts what a current browser
 * downloads; `noModuleBytes` is the polyfill chunk marked `noModule`, which
 * only browsers without ES modules fetch, so it is reported apart.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const PAGES = ["/", "/signin", "/signup"];

export interface PageWeight {
  bytes: number;
  scripts: number;
  noModuleBytes: number;
  largest: Array<{ src: string; bytes: number }>;
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

async function weigh(url: string, page: string): Promise<PageWeight> {
  const html = await (await fetch(`${url}${page}`)).text();
  const weight: PageWeight = { bytes: 0, scripts: 0, noModuleBytes: 0, largest: [] };
  for (const { src, noModule } of scriptsOf(html)) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    const bytes = gzipSync(body, { level: 9 }).length;
    if (noModule) {
      weight.noModuleBytes += bytes;
      continue;
    }
    weight.bytes += bytes;
    weight.scripts += 1;
    weight.largest.push({ src, bytes });
  }
  weight.largest = weight.largest.sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  return weight;
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
  try {
    await waitForHealth(url, Date.now() + 600_000);
    const pages: Record<string, PageWeight> = {};
    for (const page of PAGES) pages[page] = await weigh(url, page);
    for (const [page, w] of Object.entries(pages)) console.log(`${page}: ${w.bytes} bytes gzip in ${w.scripts} scripts (+${w.noModuleBytes} noModule polyfills)`);
    return { pages: Object.fromEntries(Object.entries(pages).map(([page, w]) => [page, w.bytes])), detail: pages };
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
