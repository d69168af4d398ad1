import { expect, test, type Locator, type Page } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, guestIn, hostAndGuestInRoom, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/** Issue 23 in the browser: trivia that never skips, reactions everyone sees, chat that loses nothing, the spoiler shield, the TV stage. */

const PHONE = { width: 375, height: 812 };

// Several browsers each, with axe scans, on a shared machine.
test.describe.configure({ timeout: 150_000 });

/** Answers the open question on this page with its first choice (or a typed answer), and returns what it answered. */
async function answerFirst(page: Page): Promise<void> {
  const trivia = page.getByTestId("trivia");
  const choices = trivia.getByRole("group", { name: "Answers" });
  const order = trivia.getByRole("button", { name: "Lock in this order" });
  const typed = trivia.locator("#trivia-typed");
  await expect(choices.or(order).or(typed)).toBeVisible({ timeout: 15_000 });
  if (await choices.isVisible()) await choices.getByRole("button").first().click();
  else if (await order.isVisible()) await order.click();
  else {
    await typed.fill((await typed.getAttribute("type")) === "number" ? "7" : "Renee");
    await typed.press("Enter");
  }
}

test("trivia: one click starts, the host watches without playing, a double click never skips, the count is live, a close with a silent player is not “everyone answered”", async ({ browser }) => {
  test.setTimeout(150_000);
  const host = await memberIn(browser, "Hannah Host");
  const partyId = await createParty(host, "Trivia that holds");
  const ann = await guestIn(browser, "Ann Player");
  const bo = await guestIn(browser, "Bo Player");
  await bo.setViewportSize(PHONE);
  for (const page of [host, ann, bo]) await page.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("presence")).toContainText("Bo Player");

  // The host does not play along: one click, and the first question is up.
  await host.getByLabel(/I play along too/).uncheck();
  await host.getByRole("button", { name: "Play 5 Ballard questions now" }).click();
  for (const page of [host, ann, bo]) await expect(page.getByTestId("trivia")).toContainText("Question 1 of 5", { timeout: 15_000 });
  await expect(host.getByTestId("trivia-spectating")).toBeVisible({ timeout: 15_000 });
  await expect(host.getByTestId("trivia").getByRole("group", { name: "Answers" })).toHaveCount(0);

  // Ann answers: everyone sees "1 of 2 answered" (the host is not counted), Ann sees what she locked in.
  await answerFirst(ann);
  await expect(ann.getByTestId("trivia-locked")).toContainText(/Your answer: .+, locked in after/);
  for (const page of [host, bo]) await expect(page.getByTestId("trivia-timer")).toContainText("1 of 2 answered");

  // The host closes it with Bo silent (a double click): the reveal says so, not "Everyone answered".
  // (The reveal and the leaderboard move on by themselves after a few seconds: no slow checks between the steps.)
  await host.getByRole("button", { name: "Close the question now" }).dblclick();
  await expect(ann.getByTestId("trivia-reveal")).toContainText("The host closed the question");
  await expect(ann.getByTestId("trivia-reveal")).not.toContainText("Everyone answered");
  // A double click on each of the next two steps: question 2 comes, never question 3.
  await host.getByRole("button", { name: "Show the leaderboard" }).dblclick();
  await host.getByRole("button", { name: "Next question" }).dblclick();
  for (const page of [host, ann, bo]) await expect(page.getByTestId("trivia")).toContainText("Question 2 of 5");
  // Both answer: the question closes by itself as "Everyone answered".
  await answerFirst(ann);
  await answerFirst(bo);
  for (const page of [host, ann, bo]) await expect(page.getByTestId("trivia-reveal")).toContainText("Everyone answered");
  await expect(host.getByTestId("trivia")).not.toContainText("Question 3 of 5");
  await expectNoSeriousA11yViolations(bo);
  await host.getByRole("button", { name: "End the round" }).click();
  await expect(ann.getByTestId("trivia")).toContainText("No round is running");
});

test("reactions float over the clock for everyone (only fading with reduced motion); any message takes any reaction from its menu", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "React Host", guest: "React Guest", title: "Reaction night" });
  await guest.emulateMedia({ reducedMotion: "reduce" });
  await guest.getByRole("button", { name: "React 😂 at this moment" }).click();
  for (const page of [host, guest]) await expect(page.getByTestId("floating-reaction").filter({ hasText: "😂" }).first()).toBeAttached();
  const animation = (page: Page) => page.getByTestId("floating-reaction").first().evaluate((el) => getComputedStyle(el).animationName);
  expect(await animation(host)).toBe("reaction-float");
  expect(await animation(guest)).toBe("reaction-fade");
  // Gone after a few seconds.
  await expect(host.getByTestId("floating-reaction")).toHaveCount(0, { timeout: 10_000 });

  await host.getByLabel("Your message").fill("What a scene");
  await host.getByRole("button", { name: "Send" }).click();
  const message = guest.getByTestId("message").filter({ hasText: "What a scene" });
  await message.getByRole("button", { name: "Actions for React Host's message" }).click();
  // A guest's menu has reactions, and no moderation.
  await expect(message.getByRole("button", { name: "Delete this message" })).toHaveCount(0);
  await message.getByRole("button", { name: "React 🔥 to React Host's message" }).click();
  for (const page of [host, guest]) await expect(page.getByTestId("message").filter({ hasText: "What a scene" }).getByTestId("message-reactions")).toContainText("🔥 1");
  // The count is a button too: the host adds a second 🔥 with one press.
  await host.getByTestId("message").filter({ hasText: "What a scene" }).getByRole("button", { name: /🔥 1: react 🔥/ }).click();
  await expect(message.getByTestId("message-reactions")).toContainText("🔥 2");
  await expectNoSeriousA11yViolations(guest);
});

test("chat: Shift+Enter for new lines, a counter near the limit, an over-long paste split only when the sender confirms, a spoiler mark, moderation in a menu", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Chat Host", guest: "Chat Guest", title: "Chat night" });
  await guest.setViewportSize(PHONE);
  const input = guest.getByLabel("Your message");

  await input.click();
  await input.pressSequentially("first line");
  await input.press("Shift+Enter");
  await input.pressSequentially("second line");
  await input.press("Enter");
  await expect(host.getByTestId("message-text").last()).toHaveText("first line\nsecond line");
  await expect(input).toHaveValue("");

  await input.fill("x".repeat(450));
  await expect(guest.getByTestId("chat-counter")).toHaveText("50 characters left");

  // 2,000 characters pasted: nothing is cut, the sender is told, and chooses to send it in parts
  // (four parts: with the message above, the five a person may send in 10 s).
  const words = Array.from({ length: 400 }, (_, i) => `w${String(i).padStart(3, "0")}`).join(" ");
  await input.fill(words);
  await expect(guest.getByTestId("chat-counter")).toContainText("over the 500-character limit");
  await guest.getByRole("button", { name: "Send" }).click();
  const dialog = guest.getByTestId("too-long");
  await expect(dialog).toContainText("Nothing was sent or cut");
  await expect(input).toHaveValue(words);
  const parts = Number((await dialog.getByRole("button", { name: /Send it as \d+ messages/ }).innerText()).match(/\d+/)![0]);
  expect(parts).toBe(4);
  await dialog.getByRole("button", { name: /Send it as/ }).click();
  await expect(input).toHaveValue("");
  await expect(host.getByTestId("message-text").last()).toContainText("w399");
  const received = (await host.getByTestId("message-text").allInnerTexts()).slice(-parts).join(" ");
  expect(received).toBe(words);

  // A spoiler marked by its sender is hidden from the others until they reveal it.
  await host.getByLabel("Your message").fill("The badge was fake");
  await host.getByLabel("Mark as a spoiler").check();
  await host.getByRole("button", { name: "Send" }).click();
  const marked = guest.getByTestId("message").last();
  await expect(marked.getByTestId("spoiler")).toHaveText("The badge was fake");
  await expect(marked).toContainText("marked as a spoiler");
  await marked.getByRole("button", { name: "Reveal spoiler" }).click();
  await expect(marked.getByTestId("message-text")).toHaveText("The badge was fake");

  // No red Delete on every line: the host deletes from the message's menu.
  await expect(host.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
  const first = host.getByTestId("message").filter({ hasText: "first line" });
  await first.getByRole("button", { name: "Actions for Chat Guest's message" }).click();
  await first.getByRole("button", { name: "Delete this message" }).click();
  await expect(guest.getByTestId("message").filter({ hasText: "first line" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(guest);
  await expectNoSeriousA11yViolations(host);
});

test("the spoiler shield says what it does, switches off and on, and “I'm at …” sets your place in one action", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Shield Host", guest: "Shield Guest", title: "Shield night" });
  await host.getByRole("button", { name: "Play", exact: true }).click();
  await expect(guest.getByTestId("timecode")).toContainText("playing");
  // The guest says they are at the very start: the host's messages from now on are ahead of them.
  await guest.getByLabel(/I'm at E1/).fill("0:00");
  await guest.getByLabel(/I'm at E1/).press("Enter");
  await expect(guest.getByTestId("my-drift")).toContainText("behind");
  await host.getByLabel("Your message").fill("Look at the car");
  await host.getByRole("button", { name: "Send" }).click();
  const latest = guest.getByTestId("message").last();
  await expect(latest.getByTestId("spoiler")).toHaveText("Look at the car");
  await expect(guest.getByTestId("shield-explained")).toContainText("Hiding 1 message written past where you are");

  const toggle = guest.getByTestId("shield-toggle");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(toggle).toHaveText(/off/);
  await expect(latest.getByTestId("message-text")).toHaveText("Look at the car");
  // The choice is kept across a reload.
  await guest.reload();
  await expect(guest.getByTestId("shield-toggle")).toHaveText(/off/);
  await guest.getByTestId("shield-toggle").click();
  await expect(guest.getByTestId("shield-toggle")).toHaveAttribute("aria-pressed", "true");
  // A time that is not one is refused with a message.
  await guest.getByLabel(/I'm at E1/).fill("soon");
  await guest.getByRole("button", { name: "Set", exact: true }).click();
  await expect(guest.getByRole("alert").filter({ hasText: "minutes:seconds" })).toBeVisible();
  await expectNoSeriousA11yViolations(guest);
});

/** What changes between runs on the stage: the clock, the timer, counts of people here and scores. */
function stageMasks(page: Page): Locator[] {
  return [
    page.getByTestId("stage-clock"),
    page.getByTestId("stage-timer"),
    page.locator("[data-testid=stage] header .text-muted"),
    page.locator("[data-testid=stage-podium] .tabular-nums"),
  ];
}

test("the TV stage: the host opens it from the room; question large, answered count, reveal with counts, leaderboard, podium, reactions and chat; it follows a reconnect", async ({ browser }) => {
  test.setTimeout(150_000);
  const { host, guest, partyId } = await hostAndGuestInRoom(browser, { host: "Stage Host", guest: "Stage Guest", title: "Living-room night" });
  await guest.setViewportSize(PHONE);
  const DECK = {
    title: "Stage deck",
    questions: [
      {
        id: "stage-1",
        kind: "truefalse",
        prompt: "Detective Renée Ballard works the cold case unit.",
        sources: [{ article: "Ballard (TV series)", paragraph: 1, fact: "Ballard runs an unfunded cold case unit." }],
        answer: true,
      },
    ],
  };
  expect((await host.request.put(`/api/parties/${partyId}/trivia/deck`, { data: DECK })).status()).toBe(200);
  const [stage] = await Promise.all([host.context().waitForEvent("page"), host.getByTestId("open-stage").click()]);
  await stage.setViewportSize({ width: 1280, height: 720 });
  await expect(stage.getByTestId("stage")).toBeVisible();
  await expect(stage.getByTestId("stage-status")).toHaveText("");

  await guest.getByLabel("Your message").fill("Snacks are out");
  await guest.getByRole("button", { name: "Send" }).click();
  await expect(stage.getByTestId("stage-chat")).toContainText("Stage Guest: Snacks are out");
  await guest.getByRole("button", { name: "React 🔥 at this moment" }).click();
  await expect(stage.getByTestId("floating-reaction").filter({ hasText: "🔥" }).first()).toBeAttached();

  await host.getByLabel(/I play along too/).uncheck();
  await host.getByLabel("Questions from").selectOption("party");
  await host.getByLabel("Number of questions").fill("1");
  await host.getByRole("button", { name: "Start a round" }).click();
  await expect(stage.getByTestId("stage-lobby")).toContainText("1 player");

  // The stage drops off the network while the host shows the question; it comes back on the current state.
  await stage.context().setOffline(true);
  await host.getByRole("button", { name: "Show the first question" }).click();
  await stage.context().setOffline(false);
  await expect(stage.getByTestId("stage-prompt")).toHaveText("Detective Renée Ballard works the cold case unit.", { timeout: 20_000 });
  await expect(stage.getByTestId("stage-answered")).toHaveText("0 of 1 answered");
  await expect(guest.getByTestId("trivia").getByRole("group", { name: "Answers" })).toBeVisible({ timeout: 15_000 });
  await expect(stage.getByTestId("floating-reaction")).toHaveCount(0, { timeout: 10_000 });
  await stage.evaluate(() => document.fonts.ready);
  await expect(stage).toHaveScreenshot("stage-question-1280.png", { mask: stageMasks(stage), animations: "disabled", maxDiffPixelRatio: 0.002 });

  await guest.getByTestId("trivia").getByRole("button", { name: "True" }).click();
  await expect(stage.getByTestId("stage-answer")).toContainText("Answer: True");
  await expect(stage.getByTestId("stage-question")).toContainText("Everyone answered");
  await expect(stage.getByTestId("stage-count").first()).toContainText("✓ 1");
  await expectNoSeriousA11yViolations(stage);

  // The reveal and the leaderboard move on by themselves to the podium (one question).
  await expect(stage.getByTestId("stage-podium")).toContainText("Stage Guest", { timeout: 30_000 });
  await expect(stage.getByTestId("stage-podium")).not.toContainText("Stage Host");
  await expect(stage).toHaveScreenshot("stage-podium-1280.png", { mask: stageMasks(stage), animations: "disabled", maxDiffPixelRatio: 0.002 });
  await expectNoSeriousA11yViolations(stage);

  // The replay shows the round at the moment it started (the clock stood at 0:00): question, answer, counts, podium.
  await guest.goto(`/parties/${partyId}/replay`);
  const replayed = guest.getByTestId("replay-round");
  await expect(replayed).toContainText("Detective Renée Ballard works the cold case unit.");
  await expect(replayed).toContainText("Answer: True");
  await expect(replayed).toContainText("True: 1 · False: 0 · no answer: 0");
  await expect(replayed.getByTestId("replay-podium")).toContainText("🥇 Stage Guest");
});
