import { expect, test, type Page } from "@playwright/test";
import { SYNC_THRESHOLDS } from "@/shared/sync-thresholds";
import type { LinkStatus } from "@/extension/src/messages";
import { buildTestExtension, errorMs, launchWithExtension, mainFrame, openSyncedPlayer, otherOrigin, readVideo, type ExtensionBrowser } from "./extension-browser";
import { createParty, expectNoSeriousA11yViolations, signInAsMember } from "./support";

/**
 * The extension on pages built the way streaming sites are (extension-pages.ts),
 * in Debian's Chromium: the host's own extension follows the party they
 * play and pause from the room page.
 */
test.describe("the extension on harder pages", () => {
  test.describe.configure({ mode: "default", timeout: 180_000 });
  let viewer: ExtensionBrowser;
  let room: Page;

  test.beforeAll(async ({ baseURL }) => {
    const extensionDir = await buildTestExtension(baseURL!, { extraHosts: [otherOrigin(baseURL!)] });
    viewer = await launchWithExtension({ extensionDir, baseURL: baseURL! });
    room = await viewer.context.newPage();
    await signInAsMember(room, "Harder pages host");
    const partyId = await createParty(room, "Harder pages night");
    await room.goto(`/parties/${partyId}/room`);
    await room.getByRole("button", { name: "Link the extension to this party" }).click();
    await expect(room.getByTestId("extension-status")).toContainText("The extension follows this party");
    await play();
  });
  test.afterAll(async () => viewer?.close());

  async function play() {
    await expect(async () => {
      await room.getByRole("button", { name: "Play", exact: true }).click();
      await expect(room.getByTestId("timecode")).toContainText("playing", { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
  }
  const status = async () => (await viewer.ask({ type: "status" })) as LinkStatus;
  /** Polls until the synced video is within `within` ms of the party clock: convergence, not timing. */
  async function onClock(page: Page, within: number = SYNC_THRESHOLDS.inSyncMs) {
    await expect.poll(async () => Math.abs((await errorMs(viewer, page)) ?? Infinity) <= within, { timeout: 60_000, intervals: [250] }).toBe(true);
  }

  test("finds the episode beside a muted preview, in shadow roots and in a cross-origin frame; the choice shows in the popup and can be changed", async () => {
    const plain = await openSyncedPlayer(viewer, "player");
    await expect.poll(async () => (await readVideo(plain)).paused, { timeout: 60_000 }).toBe(false);
    await onClock(plain);
    // The preview kept playing on its own: never paused or moved to the party's position.
    expect(await plain.evaluate(() => (document.getElementById("preview") as HTMLVideoElement).paused)).toBe(false);
    await expect.poll(async () => (await status()).players.length).toBe(2);
    const players = (await status()).players;
    expect(players.find((p) => p.chosen)?.label).toContain("Episode");
    expect(players.find((p) => !p.chosen)).toMatchObject({ preview: true });

    // The popup shows the choice; the viewer picks the other video, then goes back to the automatic one.
    const popup = await viewer.context.newPage();
    await popup.goto(new URL("popup.html", viewer.worker.url()).href);
    const pick = popup.getByLabel("Video to follow");
    await expect(pick.locator("option:checked")).toHaveText(/Automatic/);
    await expect(pick).toContainText("“Episode”");
    await expectNoSeriousA11yViolations(popup);
    const previewId = players.find((p) => !p.chosen)!.id;
    // The popup's page is not the synced tab: its choice reaches the worker as the toolbar popup's would.
    await pick.selectOption(previewId);
    await expect.poll(async () => (await status()).players.find((p) => p.chosen)?.id).toBe(previewId);
    expect((await status()).picked).toBe(true);
    await pick.selectOption("");
    await expect.poll(async () => (await status()).players.find((p) => p.chosen)?.label).toContain("Episode");
    await popup.close();
    await plain.close();

    const shadow = await openSyncedPlayer(viewer, "shadow");
    await onClock(shadow);
    await expect.poll(async () => (await status()).players.find((p) => p.chosen)?.label).toContain("Episode");
    // The muted trailer in the other shadow root plays on, untouched.
    expect(await shadow.evaluate(() => (document.querySelector("trailer-row")!.shadowRoot!.querySelector("video") as HTMLVideoElement).paused)).toBe(false);
    await shadow.close();

    const framed = await openSyncedPlayer(viewer, "frame");
    await onClock(framed);
    const chosen = (await status()).players.find((p) => p.chosen);
    expect(chosen?.frame).toBe(new URL((await mainFrame(framed)).url()).origin);
    await framed.close();
  });

  test("waits through an ad break and resumes the episode after it", async () => {
    const page = await openSyncedPlayer(viewer, "ad");
    await onClock(page);
    await page.evaluate(() => (window as unknown as { startAd(ms: number): void }).startAd(6_000));
    await expect.poll(async () => (await status()).playerState, { timeout: 10_000 }).toBe("ad");
    await expect.poll(() => page.evaluate(() => (window as unknown as { __adLog: { inAd: boolean } }).__adLog.inAd), { timeout: 20_000 }).toBe(false);
    const log = await page.evaluate(() => (window as unknown as { __adLog: { mainPlaysDuringAd: number; adEndedAtMs: number } }).__adLog);
    // The ad played through from its start (never sought to the party's position), and the episode stayed paused under it.
    expect(log.adEndedAtMs).toBeGreaterThan(4_000);
    expect(log.adEndedAtMs).toBeLessThan(8_000);
    expect(log.mainPlaysDuringAd).toBe(0);
    // After it, the episode is back on the party clock.
    await onClock(page);
    await expect.poll(async () => (await status()).playerState).toBe("following");
    await page.close();
  });

  test("holds the clock against a site that puts back its own rate", async () => {
    const page = await openSyncedPlayer(viewer, "rate");
    await onClock(page);
    await expect.poll(async () => (await status()).fights?.rateHeld).toBe(true);
    // Held by seeking: the error stays bounded while the site plays at its own rate (it would grow 40 ms every second).
    const errors: number[] = [];
    // Over 60 readings (15 s and more), rate corrections alone would let it grow past 600 ms.
    for (let i = 0; i < 60; i++) {
      errors.push(Math.abs((await errorMs(viewer, page)) ?? Infinity));
      await page.waitForTimeout(250);
    }
    expect(Math.max(...errors)).toBeLessThanOrEqual(500);
    expect(await page.evaluate(() => (window as unknown as { __main: HTMLVideoElement }).__main.playbackRate)).toBeCloseTo(0.96);
    await page.close();
  });

  test("keeps a paused party paused on a site that resumes playback by itself", async () => {
    const page = await openSyncedPlayer(viewer, "resume");
    await onClock(page);
    await room.getByRole("button", { name: "Pause", exact: true }).click();
    await onClock(page, SYNC_THRESHOLDS.pausedSeekMs);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __resumes: number }).__resumes)).toBeGreaterThan(2);
    const readings = [];
    for (let i = 0; i < 30; i++) {
      readings.push(await readVideo(page));
      await page.waitForTimeout(100);
    }
    // No bursts: it does not move while the party is paused.
    const moved = Math.max(...readings.map((r) => r.ms)) - Math.min(...readings.map((r) => r.ms));
    expect(moved).toBeLessThan(SYNC_THRESHOLDS.pausedSeekMs);
    expect((await status()).fights?.resumes).toBeGreaterThan(2);
    await play();
    await page.close();
  });
});
