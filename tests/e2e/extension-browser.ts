/**
 * Chromium with the unpacked extension (a persistent context: Playwright
 * loads extensions only there), and the local test page with a real <video>
 * playing tests/fixtures/clip.webm. Used by extension.spec.ts and
 * `npm run bench -- players`.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "@playwright/test";
import { buildExtension } from "../../extension/build";
import type { LinkStatus, WorkerRequest } from "../../extension/src/messages";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const QUIET = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Where the test page lives: a path of the app's own origin that the app does not serve (the browser is given the page). */
export const PLAYER_PATH = "/extension-test/player";

/** The extension built for this app origin, unpacked, in a temporary folder. */
export async function buildTestExtension(appOrigin: string): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "bwp-extension-"));
  return (await buildExtension({ appOrigin, outDir, zip: false })).chrome;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  /** Sends the service worker a request as the popup would. */
  ask(request: WorkerRequest): Promise<LinkStatus | null>;
  close(): Promise<void>;
}

/** One viewer's own Chromium profile with the extension, headless (the new headless mode runs extensions). */
export async function launchWithExtension(options: { extensionDir: string; baseURL: string }): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "bwp-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: options.baseURL,
    args: [...QUIET, `--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`, "--autoplay-policy=no-user-gesture-required"],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const clip = await readFile(path.join(import.meta.dirname, "..", "fixtures", "clip.webm"));
  await context.route(`${options.baseURL}/extension-test/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/extension-test/clip.webm") return route.fulfill({ status: 200, contentType: "video/webm", body: clip });
    return route.fulfill({ status: 200, contentType: "text/html", body: TEST_PAGE });
  });
  return {
    context,
    worker,
    ask: (request) =>
      worker.evaluate((r) => (globalThis as unknown as { ballardExtension: { handle(r: unknown): Promise<LinkStatus | null> } }).ballardExtension.handle(r), request),
    close: () => context.close(),
  };
}

/**
 * A streaming site's page in miniature: a small muted preview and the main
 * player, which loads the clip as a Blob (seekable anywhere).
 */
const TEST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test player</title></head><body>
<h1>Test player</h1>
<video id="preview" muted loop width="120" height="68" aria-label="Preview"></video>
<video id="main" muted width="640" height="360" aria-label="Episode"></video>
<script>
fetch("/extension-test/clip.webm").then((r) => r.blob()).then((blob) => {
  const url = URL.createObjectURL(blob);
  document.getElementById("main").src = url;
  const preview = document.getElementById("preview");
  preview.src = url;
  preview.play().catch(() => {});
});
</script></body></html>`;

/** Opens the test page and has the extension sync it (as "Sync this tab's video" in the popup does). */
export async function openSyncedPlayer(viewer: ExtensionBrowser): Promise<Page> {
  const page = await viewer.context.newPage();
  await page.goto(PLAYER_PATH);
  await page.waitForFunction(() => (document.getElementById("main") as HTMLVideoElement).readyState >= 1);
  const tabId = await viewer.worker.evaluate(async (url) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.id, new URL(PLAYER_PATH, page.url()).href);
  if (tabId === undefined) throw new Error("the test page's tab was not found");
  await viewer.ask({ type: "sync-tab", tabId });
  return page;
}

export interface VideoReading {
  /** Date.now() when read: every browser here runs on the same machine clock. */
  at: number;
  ms: number;
  paused: boolean;
}

export const readVideo = (page: Page): Promise<VideoReading> =>
  page.evaluate(() => {
    const video = document.getElementById("main") as HTMLVideoElement;
    return { at: Date.now(), ms: video.currentTime * 1000, paused: video.paused };
  });

/** The spread of the videos' positions at one instant (readings taken moments apart are carried to the latest). */
export function spreadMs(readings: VideoReading[]): number {
  const latest = Math.max(...readings.map((r) => r.at));
  const positions = readings.map((r) => r.ms + (r.paused ? 0 : latest - r.at));
  return Math.max(...positions) - Math.min(...positions);
}
