import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { buildTestExtension, launchWithExtension, openSyncedPlayer, type ExtensionBrowser } from "./extension-browser";
import { closeContexts, createParty, memberIn, signInAsGuest } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/**
 * The party beside the player (issue 27 point 4): a guest's extension, synced
 * to the local test page, shows the room in a panel on that page; the host is
 * in the room page of their own browser. The panel's shadow root is open in
 * test builds only (panel.ts), so that these tests read it as a person would.
 */
test.describe("the panel beside the player", () => {
  test.describe.configure({ timeout: 180_000 });
  let extensionDir: string;
  let guestBrowser: ExtensionBrowser | null = null;

  test.beforeAll(async ({ baseURL }) => {
    extensionDir = await buildTestExtension(baseURL!, { testHooks: true });
  });
  test.afterAll(async () => {
    await guestBrowser?.close();
  });

  const floating = (page: Page, emoji: string) => page.locator("ballard-party-panel .float", { hasText: emoji });

  test("chat both ways with the shield on the player's real position, reactions, presence with drift, who played, trivia answered from the panel; moves, collapses, follows fullscreen", async ({ browser, baseURL }, testInfo) => {
    const host = await memberIn(browser, "Panel Host");
    const partyId = await createParty(host, "Panel night");
    await host.goto(`/parties/${partyId}/room`);

    guestBrowser = await launchWithExtension({ extensionDir, baseURL: baseURL! });
    const room = await guestBrowser.context.newPage();
    await signInAsGuest(room, "Panel Guest");
    await room.goto(`/parties/${partyId}/room`);
    await room.getByRole("button", { name: "Link the extension to this party" }).click();
    await expect(room.getByTestId("extension-status")).toContainText("The extension follows this party");
    const player = await openSyncedPlayer(guestBrowser);
    // The panel's script runs in this page: no error of its own (nor of the page) shows in its console.
    const errors: string[] = [];
    player.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    player.on("pageerror", (error) => errors.push(error.message));

    // The panel appears on the synced page, named after the party.
    const panel = player.getByRole("region", { name: "Panel night" });
    await expect(panel).toBeVisible();
    // Its own styles apply in its shadow root (340 px wide on a desktop window), placed bottom-right.
    await expect(panel).toHaveCSS("width", "340px");
    const log = panel.getByRole("log", { name: "Messages" });
    await expect(panel.getByRole("list", { name: "Who is here" })).toContainText("Panel Host");
    await expect(panel.getByRole("list", { name: "Who is here" })).toContainText("Panel Guest (you)");

    // Who played: the host presses play in the room; the guest's drift, read from the player, shows beside their name.
    await host.getByRole("button", { name: "Play", exact: true }).click();
    await expect(panel.getByRole("status").first()).toContainText(/Panel Host pressed play at \d+:\d\d\./);
    await expect(panel.getByRole("list", { name: "Who is here" }).getByRole("listitem").filter({ hasText: "Panel Guest" })).toContainText(/in sync|s (ahead|behind)/, { timeout: 30_000 });
    await expect(panel).toContainText("(your player)");

    // From the room to the panel, and from the panel (keyboard: type, Enter) to the room.
    await host.getByLabel("Your message").fill("Hello from the room");
    await host.getByRole("button", { name: "Send" }).click();
    await expect(log).toContainText("Hello from the room");
    const field = panel.getByRole("textbox", { name: "Message" });
    await field.fill("Hello from the panel");
    await field.press("Enter");
    await expect(host.getByTestId("message").filter({ hasText: "Hello from the panel" })).toBeVisible();
    await expect(field).toHaveValue("");

    // The shield works on where the guest's player is: a message written at 50:00 is hidden until revealed.
    await host.getByLabel(/I'm at E1/).fill("50:00");
    await host.getByRole("form", { name: "Say where you are" }).getByRole("button", { name: "Set" }).click();
    await host.getByLabel("Your message").fill("The twist at fifty");
    await host.getByRole("button", { name: "Send" }).click();
    const hidden = log.getByRole("listitem").filter({ hasText: "Written further on than your player" });
    // Stamped where the host said they were, carried on while the party plays.
    await expect(hidden).toContainText(/E1 50:\d\d/);
    await expect(log).not.toContainText("The twist at fifty");
    await expect(panel).toContainText(/Hiding 1 past E1 \d+:\d\d \(your player\)/);
    await player.screenshot({ path: testInfo.outputPath("panel-shield.png") });
    await hidden.getByRole("button", { name: "Reveal" }).press("Enter");
    await expect(log).toContainText("The twist at fifty");

    // Reactions: the panel's reaction reaches the room; the room's floats over the video on the synced page.
    await panel.getByRole("button", { name: "React 🔥" }).click();
    await expect(host.getByTestId("floating-reaction").filter({ hasText: "🔥" }).first()).toBeAttached();
    await host.getByRole("button", { name: "React 😂 at this moment" }).click();
    await expect(floating(player, "😂").first()).toBeAttached();

    // Trivia: the host starts a round (without playing); the guest answers from the panel, and it is scored.
    await host.getByLabel(/I play along too/).uncheck();
    await host.getByRole("button", { name: /Play \d+ Ballard questions now/ }).click();
    const trivia = panel.getByRole("region", { name: "Trivia" });
    await expect(trivia).toContainText(/Trivia 1\/\d+/, { timeout: 15_000 });
    await expect
      .poll(
        async () => {
          await answerFromPanel(trivia);
          return (await trivia.textContent()) ?? "";
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .toMatch(/Answered|Right: \+\d+ points|Not this time/);
    await expect(trivia).toContainText(/Right: \+\d+ points\.|Not this time\./, { timeout: 30_000 });
    await expect(host.getByTestId("trivia-reveal")).toContainText("Panel Guest");

    // Keyboard: the move handle moves the panel; the panel collapses and opens again.
    const before = (await player.locator("ballard-party-panel").boundingBox())!;
    await panel.getByRole("button", { name: "Move the panel (arrow keys)" }).press("ArrowLeft");
    await panel.getByRole("button", { name: "Move the panel (arrow keys)" }).press("ArrowUp");
    const after = (await player.locator("ballard-party-panel").boundingBox())!;
    expect(Math.round(before.x - after.x)).toBe(24);
    expect(Math.round(before.y - after.y)).toBe(24);
    await panel.getByRole("button", { name: "Hide the party" }).press("Enter");
    await expect(log).toBeHidden();
    await expect(panel.getByRole("button", { name: "Show the party" })).toHaveAttribute("aria-expanded", "false");
    await panel.getByRole("button", { name: "Show the party" }).click();
    await expect(log).toBeVisible();

    // The panel itself: no serious axe violation (the test page around it is not ours).
    const axe = await new AxeBuilder({ page: player }).include("ballard-party-panel").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    for (const width of [375, 1280]) {
      await player.setViewportSize({ width, height: width === 375 ? 720 : 800 });
      await player.screenshot({ path: testInfo.outputPath(`panel-${width}.png`) });
    }

    // Fullscreen: the panel moves into the element the site puts in fullscreen, and back out.
    await player.evaluate(() => {
      const stage = document.createElement("div");
      stage.id = "stage";
      document.body.append(stage);
      const button = document.createElement("button");
      button.textContent = "Fullscreen";
      button.addEventListener("click", () => void stage.requestFullscreen());
      document.body.prepend(button);
    });
    await player.getByRole("button", { name: "Fullscreen" }).click();
    await expect.poll(() => player.evaluate(() => document.querySelector("ballard-party-panel")?.parentElement?.id ?? "")).toBe("stage");
    await player.evaluate(() => document.exitFullscreen());
    await expect.poll(() => player.evaluate(() => document.querySelector("ballard-party-panel")?.parentElement?.tagName ?? "")).toBe("HTML");

    // Unlinked: the panel goes away.
    await room.getByRole("button", { name: "Unlink the extension" }).click();
    await expect(player.locator("ballard-party-panel")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

/** Answers the panel's open question (the first option, "True", the first items in turn, or a typed answer), once it is open. */
async function answerFromPanel(trivia: ReturnType<Page["getByRole"]>): Promise<void> {
  const choices = trivia.getByRole("group");
  if (await choices.isVisible().catch(() => false)) {
    const buttons = choices.getByRole("button");
    const count = await buttons.count();
    const ordering = (await choices.getAttribute("aria-label"))?.startsWith("Put these in order");
    for (let i = 0; i < (ordering ? count : 1); i++) if (await buttons.nth(i).getAttribute("aria-pressed") !== "true") await buttons.nth(i).click();
    return;
  }
  const typed = trivia.getByRole("textbox");
  if (await typed.isVisible().catch(() => false)) {
    await typed.fill((await typed.getAttribute("inputmode")) === "decimal" ? "7" : "Renee");
    await typed.press("Enter");
  }
}
