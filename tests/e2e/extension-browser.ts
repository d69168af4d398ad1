/**
 * Chromium with the unpacked extension (a persistent context: Playwright
 * loads extensions only there), and the local test page with a real <video>
 * playing tests/fixtures/clip.webm. Used by extension.spec.ts and
 * `npm run bench -- players`.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from "@playwright/test";
import { expect } from "@playwright/test";
import { buildExtension } from "../../extension/build";
import { testPage, type TestPageName } from "./extension-pages";
import { positionAt, type ClockState } from "../../shared/party-clock";
import type { LinkStatus, WorkerRequest } from "../../extension/src/messages";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const QUIET = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Where the test page lives: a path of the app's own origin that the app does not serve (the browser is given the page). */
export const PLAYER_PATH = "/extension-test/player";

/** The extension built for this app origin, unpacked, in a temporary folder (extraHosts: a test's other origins, as if the viewer had allowed them). */
export async function buildTestExtension(appOrigin: string, options: { browser?: "chrome" | "firefox"; extraHosts?: string[]; testHooks?: boolean } = {}): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "bwp-extension-"));
  return (await buildExtension({ appOrigin, outDir, zip: false, extraHosts: options.extraHosts, testHooks: options.testHooks }))[options.browser ?? "chrome"];
}

/** The test pages' other origin (a player in a cross-origin frame): the same server under its other name. */
export function otherOrigin(baseURL: string): string {
  const url = new URL(baseURL);
  url.hostname = url.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return url.origin;
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
  for (const origin of [options.baseURL, otherOrigin(options.baseURL)]) await context.route(`${origin}/extension-test/**`, serveTestPage(options.baseURL));
  return {
    context,
    worker,
    ask: (request) =>
      worker.evaluate((r) => (globalThis as unknown as { ballardExtension: { handle(r: unknown): Promise<LinkStatus | null> } }).ballardExtension.handle(r), request),
    close: () => context.close(),
  };
}

/** Serves the test pages (tests/e2e/extension-pages.ts) and the clip, on either origin. */
export function serveTestPage(baseURL: string) {
  const clipFile = readFile(path.join(import.meta.dirname, "..", "fixtures", "clip.webm"));
  return async (route: { request(): { url(): string }; fulfill(r: { status: number; contentType: string; body: string | Buffer }): Promise<void> }) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/extension-test/clip.webm") return route.fulfill({ status: 200, contentType: "video/webm", body: await clipFile });
    const name = url.pathname.replace("/extension-test/", "");
    return route.fulfill({ status: 200, contentType: "text/html", body: testPage(name, otherOrigin(baseURL)) });
  };
}

/** Opens a test page (the plain player unless named) and has the extension sync it (as "Sync this tab's video" in the popup does). */
export async function openSyncedPlayer(viewer: ExtensionBrowser, name: TestPageName = "player"): Promise<Page> {
  const page = await viewer.context.newPage();
  await page.goto(`/extension-test/${name}`);
  await mainFrame(page).then((frame) => frame.waitForFunction(() => ((window as unknown as { __main?: HTMLVideoElement }).__main?.readyState ?? 0) >= 1));
  const tabId = await viewer.worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
  if (tabId === undefined) throw new Error("the test page's tab was not found");
  await viewer.ask({ type: "sync-tab", tabId });
  return page;
}

/** The frame that holds a test page's main video (the page itself, or its player frame). */
export async function mainFrame(page: Page): Promise<Page | Frame> {
  if (!page.url().endsWith("/frame")) return page;
  await expect.poll(() => page.frames().some((f) => f.url().endsWith("/frame-player"))).toBe(true);
  return page.frames().find((f) => f.url().endsWith("/frame-player"))!;
}

export interface VideoReading {
  /** Date.now() when read: every browser here runs on the same machine clock. */
  at: number;
  ms: number;
  paused: boolean;
}

export const readVideo = async (page: Page | Frame): Promise<VideoReading> =>
  (page.url().endsWith("/frame") ? await mainFrame(page as Page) : page).evaluate(() => {
    const video = (window as unknown as { __main: HTMLVideoElement }).__main;
    return { at: Date.now(), ms: video.currentTime * 1000, paused: video.paused };
  });

/** The spread of the videos' positions at one instant (readings taken moments apart are carried to the latest). */
export function spreadMs(readings: VideoReading[]): number {
  const latest = Math.max(...readings.map((r) => r.at));
  const positions = readings.map((r) => r.ms + (r.paused ? 0 : latest - r.at));
  return Math.max(...positions) - Math.min(...positions);
}

/** How far the video is from where the party clock says it should be now (ms; positive: ahead), as the viewer's extension sees the clock. */
export async function errorMs(viewer: ExtensionBrowser, page: Page): Promise<number | null> {
  const seen = await viewer.worker.evaluate(() =>
    (globalThis as unknown as { ballardExtension: { clock(): { clock: ClockState | null; serverOffsetMs: number; offsetMs: number } } }).ballardExtension.clock(),
  );
  if (!seen.clock) return null;
  const reading = await readVideo(page);
  return reading.ms - (positionAt(seen.clock, reading.at + seen.serverOffsetMs) + seen.offsetMs);
}
