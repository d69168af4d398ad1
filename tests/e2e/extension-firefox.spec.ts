import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from "puppeteer-core";
import { buildTestExtension, serveTestPage } from "./extension-browser";
import { createParty, signInAsMember } from "./support";

/**
 * The Firefox build in a real Firefox: Debian's firefox-esr (installed by
 * scripts/ensure-firefox.sh), driven over WebDriver BiDi by puppeteer-core,
 * the unpacked build installed as a temporary add-on. The room page finds the
 * extension and links it; the extension keeps the plain test page's video,
 * and one in a cross-origin frame, on the party clock; the panel beside the
 * player shows the party and carries chat both ways.
 */
const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

test.describe("the extension in Firefox", () => {
  test.describe.configure({ timeout: 240_000 });
  let firefox: Browser | null = null;
  let pages: http.Server | null = null;
  test.afterAll(async () => {
    await firefox?.close().catch(() => undefined);
    pages?.close();
  });

  /** The test pages on a port of their own (Playwright's routing is not in this browser), on the app's host and on the other name. */
  async function servePages(baseURL: string): Promise<{ same: string; other: string }> {
    const app = new URL(baseURL);
    const server = http.createServer((req, res) => {
      const origin = `http://${req.headers.host}`;
      void serveTestPage(`${app.protocol}//${app.hostname}:${port()}`)({
        request: () => ({ url: () => new URL(req.url ?? "/", origin).href }),
        fulfill: async ({ status, contentType, body }) => {
          res.writeHead(status, { "content-type": contentType });
          res.end(body);
        },
      });
    });
    pages = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = () => (server.address() as AddressInfo).port;
    // localhost resolves to 127.0.0.1 here: the same server under two names, two origins.
    return { same: `http://${app.hostname}:${port()}`, other: `http://${app.hostname === "localhost" ? "127.0.0.1" : "localhost"}:${port()}` };
  }

  const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? "").catch(() => "");
  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await check().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`Firefox: ${what} did not happen within ${timeoutMs} ms`);
  }
  /** Clicks the button with this visible name, once it is there and enabled. */
  async function clickButton(page: Page, name: string) {
    const handle = await page.waitForFunction((n) => [...document.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim() === n && !b.disabled), { timeout: 30_000 }, name);
    // The element's own click(): puppeteer's pointer click does not reach it in headless Firefox over BiDi.
    await (handle.asElement() as ElementHandle<HTMLButtonElement>).evaluate((b) => b.click());
  }
  const readMain = (frame: Page | Frame) =>
    frame.evaluate(() => {
      const video = (window as unknown as { __main?: HTMLVideoElement }).__main;
      return video ? { ms: video.currentTime * 1000, paused: video.paused } : null;
    });

  test("the room finds and links the extension; the plain page and a cross-origin frame follow the clock; the panel chats", async ({ page: chromiumPage, baseURL }) => {
    // The host signs in (in Chromium, where the app's helpers run), and brings the session to Firefox.
    await signInAsMember(chromiumPage, "Firefox host");
    const partyId = await createParty(chromiumPage, "Firefox night");
    const cookies = await chromiumPage.context().cookies();
    const served = await servePages(baseURL!);
    const extensionDir = await buildTestExtension(baseURL!, { browser: "firefox", extraHosts: [served.other], testHooks: true });

    firefox = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      // A desktop window: on a phone-sized one the room's Watch tab opens in "on a TV" mode, without the extension's link.
      defaultViewport: { width: 1280, height: 800 },
      extraPrefsFirefox: { "media.autoplay.default": 0, "media.autoplay.blocking_policy": 0 },
    });
    await firefox.installExtension(extensionDir);
    await firefox.setCookie(...cookies.map((c) => ({ name: c.name, value: c.value, domain: c.domain, path: c.path, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite })));
    const room = await firefox.newPage();
    await room.goto(`${baseURL}/parties/${partyId}/room`);
    // The bug this test was written for: the bridge never answered in Firefox, so this button never came.
    await clickButton(room, "Link the extension to this party");
    await until("the link", async () => (await text(room, '[data-testid="extension-status"]')).includes("The extension follows this party"));

    // The plain page: synced (the test build's hook stands for the popup's button), then played and moved from the room.
    const plain = await firefox.newPage();
    await plain.goto(`${served.same}/extension-test/player`);
    await until("the clip to load", async () => ((await readMain(plain))?.ms ?? -1) >= 0);
    await plain.evaluate(() => window.postMessage({ source: "bwp-page", type: "test-sync" }, location.origin));
    await until("the room to see the synced player", async () => (await text(room, '[data-testid="extension-status"]')).includes("keeps your player on"));
    await clickButton(room, "Play");
    await until("the video to play with the party", async () => {
      const v = await readMain(plain);
      return v !== null && !v.paused && v.ms > 1_000;
    });
    await until("the presence list to show the extension's drift", async () => (await text(room, '[data-testid="presence"]')).includes("synced by the extension"));
    const before = (await readMain(plain))!.ms;
    await clickButton(room, "Forward 10 s");
    await until("the seek to reach the video", async () => ((await readMain(plain))?.ms ?? 0) > before + 9_000);
    await clickButton(room, "Pause");
    await until("the video to pause with the party", async () => (await readMain(plain))?.paused === true);

    // The panel beside the player (its shadow root is open in test builds): the party, a message from it to the room, and one back.
    const panelText = () => plain.evaluate(() => document.querySelector("ballard-party-panel")?.shadowRoot?.textContent ?? "");
    await until("the panel to show the party", async () => (await panelText()).includes("Firefox night") && (await panelText()).includes("Firefox host (you)"));
    // Its own styles apply in its shadow root (340 px wide on a desktop window).
    expect(await plain.evaluate(() => getComputedStyle(document.querySelector("ballard-party-panel")!.shadowRoot!.querySelector(".panel")!).width)).toBe("340px");
    await plain.evaluate(() => {
      const root = document.querySelector("ballard-party-panel")!.shadowRoot!;
      (root.getElementById("bwp-message") as HTMLInputElement).value = "Hello from Firefox";
      root.querySelector<HTMLFormElement>("form.send")!.requestSubmit();
    });
    await until("the panel's message to reach the room", async () => (await text(room, "body")).includes("Hello from Firefox"));
    await chromiumPage.goto(`/parties/${partyId}/room`);
    await chromiumPage.getByLabel("Your message").fill("Hello to Firefox");
    await chromiumPage.getByRole("button", { name: "Send" }).click();
    await until("the room's message to reach the panel", async () => (await panelText()).includes("Hello to Firefox"));

    // A player in a cross-origin frame, beside a muted preview: the frame's video is the one that follows.
    const framed = await firefox.newPage();
    await framed.goto(`${served.same}/extension-test/frame`);
    const frameOf = () => framed.frames().find((f) => f.url().endsWith("/frame-player"));
    await until("the player frame to load", async () => ((frameOf() && (await readMain(frameOf()!)))?.ms ?? -1) >= 0);
    await framed.evaluate(() => window.postMessage({ source: "bwp-page", type: "test-sync" }, location.origin));
    const paused = (await readMain(plain))!.ms;
    await until("the framed video to be moved to the party's position", async () => Math.abs(((await readMain(frameOf()!))?.ms ?? 0) - paused) < 1_000);
    await clickButton(room, "Play");
    await until("the framed video to play with the party", async () => {
      const v = await readMain(frameOf()!);
      return v !== null && !v.paused && v.ms > paused + 500;
    });
    // The preview beside it was left alone.
    expect(await framed.evaluate(() => (document.getElementById("preview") as HTMLVideoElement).paused)).toBe(false);
  });
});
