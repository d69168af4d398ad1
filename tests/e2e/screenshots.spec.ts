import { expect, test, type Locator, type Page } from "@playwright/test";
import { closeContexts, hostAndGuestInRoom } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

// Screenshot comparisons with the baselines committed in screenshots.spec.ts-snapshots/
// (update them on purpose with `npx playwright test screenshots.spec.ts --update-snapshots`).
// Names and the question are fixed; what changes from run to run is masked.

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

/** One true-or-false question: its tiles are not shuffled, so every run shows the same stage. */
const DECK = {
  title: "Screenshot deck",
  questions: [
    {
      id: "screenshot-1",
      kind: "truefalse",
      prompt: "Detective Renée Ballard works the cold case unit.",
      sources: [{ article: "Ballard (TV series)", paragraph: 1, fact: "Ballard runs an unfunded cold case unit." }],
      answer: true,
    },
  ],
};

/** Everything that differs between runs: the timecode, times, clock estimates, counters and points. */
function masks(page: Page): Locator[] {
  return [
    page.getByTestId("timecode-value"),
    page.getByTestId("my-drift"),
    page.getByTestId("extension-status"),
    page.getByTestId("typing"),
    page.getByTestId("trivia-timer"),
    page.locator("[data-testid=trivia-timer] + div"),
    page.getByTestId("trivia-locked"),
    page.locator("[data-testid=trivia-podium] .tabular-nums"),
    page.getByTestId("trivia-my-rank"),
  ];
}

async function matches(page: Page, name: string): Promise<void> {
  // Fonts settle before the comparison; animations and the caret are frozen by toHaveScreenshot's defaults, set here too.
  await page.evaluate(() => document.fonts.ready);
  // From the top: a click may have scrolled the page by an amount that varies from run to run, and the desktop chat
  // column is sticky, so where it is drawn in a full-page capture follows the scroll.
  await page.evaluate(() => window.scrollTo(0, 0));
  // "Guest Shot joined." toasts come and go with the timing of a run (a mask drawn where one happened to be failed a
  // comparison): they are hidden, not masked, so every capture has none.
  await page.evaluate(() => document.querySelectorAll<HTMLElement>("[data-testid=notice]").forEach((n) => (n.style.visibility = "hidden")));
  await expect(page).toHaveScreenshot(name, { fullPage: true, mask: masks(page), animations: "disabled", caret: "hide", maxDiffPixelRatio: 0.002 });
}

test("the room, a trivia question and the podium look as the committed baselines at 1280×800 and 375×812", async ({ browser }) => {
  test.setTimeout(120_000);
  const { host, guest, partyId } = await hostAndGuestInRoom(browser, { host: "Host Shot", guest: "Guest Shot", title: "Screenshot night" });
  expect((await host.request.put(`/api/parties/${partyId}/trivia/deck`, { data: DECK })).status()).toBe(200);
  await host.setViewportSize(DESKTOP);
  await guest.setViewportSize(PHONE);

  await guest.getByLabel("Your message").fill("Pizza is here 🍕");
  await guest.getByRole("button", { name: "Send" }).click();
  for (const page of [host, guest]) {
    await expect(page.getByTestId("message-text").last()).toHaveText("Pizza is here 🍕");
    await expect(page.getByTestId("timecode-value")).toHaveText("0:00");
  }
  await expect(guest.getByLabel("Your message")).toHaveValue("");
  await matches(host, "room-1280.png");
  await matches(guest, "room-375.png");

  await host.getByLabel("Questions from").selectOption("party");
  await host.getByLabel("Number of questions").fill("1");
  await host.getByRole("button", { name: "Start a round" }).click();
  await host.getByRole("button", { name: "Show the first question" }).click();
  for (const page of [host, guest]) {
    await expect(page.getByTestId("trivia").getByRole("group", { name: "Answers" })).toBeVisible({ timeout: 15_000 });
  }
  await matches(host, "trivia-question-1280.png");
  await matches(guest, "trivia-question-375.png");

  await guest.getByTestId("trivia").getByRole("button", { name: "True" }).click();
  await expect(guest.getByTestId("trivia-locked")).toBeVisible();
  await host.getByRole("button", { name: "Close the question now" }).click();
  await host.getByRole("button", { name: "Show the leaderboard" }).click();
  await host.getByRole("button", { name: "Show the podium" }).click();
  for (const page of [host, guest]) {
    await expect(page.getByTestId("trivia-podium")).toContainText("Guest Shot");
  }
  await matches(host, "podium-1280.png");
  await matches(guest, "podium-375.png");
});
