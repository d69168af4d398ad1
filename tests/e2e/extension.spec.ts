import { expect, test, type Page } from "@playwright/test";
import { SYNC_THRESHOLDS } from "@/shared/sync-thresholds";
import { buildTestExtension, launchWithExtension, openSyncedPlayer, readVideo, spreadMs, type ExtensionBrowser } from "./extension-browser";
import { createParty, expectNoSeriousA11yViolations, signInAsGuest, signInAsMember } from "./support";

/**
 * The browser extension in Debian's Chromium, unpacked, one profile per
 * viewer: the host and a guest each link it from the room page and sync the
 * local test page's <video>; the party clock moves both.
 */
test.describe("the browser extension follows the party clock", () => {
  test.describe.configure({ timeout: 180_000 });
  let extensionDir: string;
  const opened: ExtensionBrowser[] = [];

  test.beforeAll(async ({ baseURL }) => {
    extensionDir = await buildTestExtension(baseURL!);
  });
  test.afterAll(async () => {
    for (const viewer of opened.splice(0)) await viewer.close();
  });

  async function viewer(baseURL: string, name: string, role: "host" | "guest") {
    const browser = await launchWithExtension({ extensionDir, baseURL });
    opened.push(browser);
    const room = await browser.context.newPage();
    await (role === "host" ? signInAsMember(room, name) : signInAsGuest(room, name));
    return { browser, room };
  }

  async function linkFromRoom(room: Page, partyId: string) {
    await room.goto(`/parties/${partyId}/room`);
    await room.getByRole("button", { name: "Link the extension to this party" }).click();
    await expect(room.getByTestId("extension-status")).toContainText("The extension follows this party");
  }

  /** Polls until both videos agree within `within` ms (and the check holds): convergence, not a timing assertion. */
  async function agree(players: Page[], within: number, check: (readings: Awaited<ReturnType<typeof readVideo>>[]) => boolean = () => true) {
    await expect
      .poll(
        async () => {
          const readings = await Promise.all(players.map(readVideo));
          return spreadMs(readings) <= within && check(readings);
        },
        { timeout: 60_000, intervals: [250] },
      )
      .toBe(true);
  }

  test("host plays, seeks and pauses; a viewer 5 s off is corrected; the host's own player leads; an unlinked viewer is let go", async ({ baseURL }) => {
    const host = await viewer(baseURL!, "Extension host", "host");
    const guest = await viewer(baseURL!, "Extension guest", "guest");
    const partyId = await createParty(host.room, "Extension night");
    await linkFromRoom(host.room, partyId);
    await linkFromRoom(guest.room, partyId);
    const hostPlayer = await openSyncedPlayer(host.browser);
    const guestPlayer = await openSyncedPlayer(guest.browser);
    await expect(host.room.getByTestId("extension-status")).toContainText("keeps your player on");
    await expectNoSeriousA11yViolations(host.room);
    // The toolbar popup, opened as a page: labelled controls, showing the link.
    const popup = await host.browser.context.newPage();
    await popup.goto(new URL("popup.html", host.browser.worker.url()).href);
    await expect(popup.getByRole("status")).toContainText("Following “Extension night”");
    await expect(popup.getByLabel("Let my player lead: my play, pause and seek move the party")).not.toBeChecked();
    await expectNoSeriousA11yViolations(popup);
    await popup.close();
    const players = [hostPlayer, guestPlayer];
    const inSync = SYNC_THRESHOLDS.inSyncMs;

    // Play on the party page: both videos play, together.
    await host.room.getByRole("button", { name: "Play", exact: true }).click();
    await agree(players, inSync, (r) => r.every((v) => !v.paused && v.ms > 500));
    // The room sees true drift, measured by the extension.
    await expect(host.room.getByTestId("presence").getByText("synced by the extension")).toHaveCount(2);

    // Seek on the party page.
    await host.room.getByRole("button", { name: "Forward 10 s" }).click();
    await agree(players, inSync, (r) => r.every((v) => !v.paused && v.ms > 10_000));

    // The guest's video is forced 5 s off: corrected back to the clock.
    await guestPlayer.evaluate(() => {
      const video = document.getElementById("main") as HTMLVideoElement;
      video.currentTime += 5;
    });
    await agree(players, inSync, (r) => r.every((v) => !v.paused));

    // Pause on the party page: both stop at the same point.
    await host.room.getByRole("button", { name: "Pause", exact: true }).click();
    await agree(players, SYNC_THRESHOLDS.pausedSeekMs, (r) => r.every((v) => v.paused));

    // The host's own player leads: its play and seek become the party's, and nothing echoes back.
    await host.browser.ask({ type: "set-lead", lead: true });
    await hostPlayer.evaluate(() => {
      const video = document.getElementById("main") as HTMLVideoElement;
      video.currentTime = 60;
      void video.play();
    });
    await agree(players, inSync, (r) => r.every((v) => !v.paused && v.ms > 60_000));
    await expect(host.room.getByTestId("timecode")).toContainText("playing");
    await hostPlayer.evaluate(() => (document.getElementById("main") as HTMLVideoElement).pause());
    await agree(players, SYNC_THRESHOLDS.pausedSeekMs, (r) => r.every((v) => v.paused));
    await expect(host.room.getByTestId("timecode")).toContainText("paused");

    // The guest unlinks from the room page: their player is no longer moved.
    await guest.room.getByRole("button", { name: "Unlink the extension" }).click();
    await expect(guest.room.getByRole("button", { name: "Link the extension to this party" })).toBeVisible();
    await expect.poll(async () => (await guest.browser.ask({ type: "status" }))?.state).toBe("unlinked");
    const left = await readVideo(guestPlayer);
    await host.room.getByRole("button", { name: "Forward 10 s" }).click();
    await expect.poll(async () => (await readVideo(hostPlayer)).ms, { timeout: 30_000 }).toBeGreaterThan(left.ms + 9_000);
    await host.room.getByRole("button", { name: "Play", exact: true }).click();
    await expect.poll(async () => (await readVideo(hostPlayer)).paused, { timeout: 30_000 }).toBe(false);
    const after = await readVideo(guestPlayer);
    expect(after.paused).toBe(true);
    expect(Math.abs(after.ms - left.ms)).toBeLessThan(SYNC_THRESHOLDS.pausedSeekMs);
  });
});
