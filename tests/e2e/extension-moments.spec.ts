import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { buildTestExtension, launchWithExtension, openSyncedPlayer, type ExtensionBrowser } from "./extension-browser";
import { closeContexts, createParty, memberIn, signInAsGuest } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/**
 * Questions at moments (issue 27 point 5): the host pins a deck question to
 * 0:14 of the episode in the room; the guest's panel, on the synced player,
 * asks it when that player gets there and takes the answer; the guest's room
 * page asks it on the party clock (what a viewer without the extension sees).
 */
test.describe("a question pinned to a moment", () => {
  test.describe.configure({ timeout: 180_000 });
  let extensionDir: string;
  let guestBrowser: ExtensionBrowser | null = null;

  test.beforeAll(async ({ baseURL }) => {
    extensionDir = await buildTestExtension(baseURL!, { testHooks: true });
  });
  test.afterAll(async () => {
    await guestBrowser?.close();
  });

  test("shows in the panel when the player reaches it, is answered there and scored", async ({ browser, baseURL }, testInfo) => {
    const host = await memberIn(browser, "Moments Host");
    const partyId = await createParty(host, "Moments night");
    await host.goto(`/parties/${partyId}/room`);

    guestBrowser = await launchWithExtension({ extensionDir, baseURL: baseURL! });
    const room = await guestBrowser.context.newPage();
    await signInAsGuest(room, "Moments Guest");
    await room.goto(`/parties/${partyId}/room`);
    await room.getByRole("button", { name: "Link the extension to this party" }).click();
    await expect(room.getByTestId("extension-status")).toContainText("The extension follows this party");
    const player = await openSyncedPlayer(guestBrowser);
    const errors: string[] = [];
    player.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    player.on("pageerror", (error) => errors.push(error.message));
    const panel = player.getByRole("region", { name: "Moments night" });
    await expect(panel).toBeVisible();

    // The host opens a round's lobby without playing, and pins question 1 of the deck to 0:14.
    await host.getByLabel(/I play along too/).uncheck();
    await host.getByRole("button", { name: "Start a round" }).click();
    const pinForm = host.getByRole("form", { name: "Pin a question to a moment" });
    await pinForm.getByLabel("At (minutes:seconds)").fill("0:14");
    await pinForm.getByLabel("Ask question number").fill("1");
    await pinForm.getByRole("button", { name: "Pin the question" }).click();
    await expect(host.getByRole("list", { name: "Pinned questions" })).toContainText("Episode 1 at 0:14: Who plays Detective Renée Ballard?");
    await expect(room.getByTestId("trivia-moments")).toContainText("A question is pinned to moments of the episode");
    // Not before the player gets there.
    const moment = panel.getByRole("region", { name: "A question at this moment" });
    await expect(moment).toBeHidden();

    // The party plays from 0:10: the guest's player reaches 0:14 and the panel asks.
    await host.getByRole("button", { name: "Play", exact: true }).click();
    await host.getByRole("button", { name: "Forward 10 s" }).click();
    await expect(moment).toContainText("At 0:14", { timeout: 30_000 });
    await expect(moment).toContainText("Who plays Detective Renée Ballard?");
    const position = await player.evaluate(() => (window as unknown as { __main: HTMLVideoElement }).__main.currentTime);
    expect(position).toBeGreaterThanOrEqual(14);
    // The guest's room page asks it too, on the party clock (the same showing: the first report counts).
    await expect(room.getByTestId("trivia-moment")).toContainText("Who plays Detective Renée Ballard?");

    await player.screenshot({ path: testInfo.outputPath("moment-panel.png") });
    await moment.getByRole("button", { name: "Maggie Q" }).click();
    await expect(moment.getByRole("status")).toContainText(/Right: \+\d+ points\./);
    // Answered in the panel: the room page shows the result too, and no longer asks it.
    await expect(room.getByTestId("trivia-moment").getByRole("status")).toContainText(/Right: \+\d+ points\./);
    await expect(room.getByTestId("trivia-moment").getByRole("button", { name: "Maggie Q" })).toHaveCount(0);

    // An order question pinned a little further on: each press keeps the order so far, the last one answers.
    await pinForm.getByLabel("At (minutes:seconds)").fill("0:26");
    await pinForm.getByLabel("Ask question number").fill("31");
    await pinForm.getByRole("button", { name: "Pin the question" }).click();
    await expect(host.getByRole("list", { name: "Pinned questions" })).toContainText("Put the series in the order they came out.");
    await expect(moment).toContainText("At 0:26", { timeout: 30_000 });
    const items = moment.getByRole("group", { name: /Put these in order/ });
    await items.getByRole("button", { name: "Bosch", exact: true }).click();
    await expect(items.getByRole("button", { name: "1. Bosch", exact: true })).toHaveAttribute("aria-pressed", "true");
    await items.getByRole("button", { name: "Bosch: Legacy", exact: true }).click();
    await expect(items.getByRole("button", { name: "2. Bosch: Legacy", exact: true })).toHaveAttribute("aria-pressed", "true");
    await items.getByRole("button", { name: "Ballard", exact: true }).click();
    await expect(moment.getByRole("status")).toContainText(/Right: \+\d+ points\./);

    // The panel's question passes axe; the room page's pin form and question too.
    const axe = await new AxeBuilder({ page: player }).include("ballard-party-panel").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    for (const page of [host, room]) {
      const roomAxe = await new AxeBuilder({ page }).include("[data-testid=trivia]").analyze();
      expect(roomAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    }
    for (const width of [375, 1280]) {
      await host.setViewportSize({ width, height: 900 });
      // On a phone one panel shows at a time: the Trivia tab.
      if (width === 375) await host.getByRole("tab", { name: /^Trivia/ }).click();
      await host.getByTestId("trivia-moments").screenshot({ path: testInfo.outputPath(`moment-pin-${width}.png`) });
      await room.setViewportSize({ width, height: 900 });
      await room.screenshot({ path: testInfo.outputPath(`moment-room-${width}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
  });
});
