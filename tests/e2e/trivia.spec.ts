import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/** Answers the open question with whatever control it offers (the test does not know the key). */
async function answer(page: Page, questionNumber: number): Promise<void> {
  const trivia = page.getByTestId("trivia");
  await expect(trivia).toContainText(`Question ${questionNumber} of 3`);
  const choices = trivia.getByRole("group", { name: "Answers" });
  const order = trivia.getByRole("button", { name: "Lock in this order" });
  const typed = trivia.locator("#trivia-typed");
  await expect(choices.or(order).or(typed)).toBeVisible({ timeout: 15_000 });
  if (await choices.isVisible()) await choices.getByRole("button").first().click();
  else if (await order.isVisible()) {
    await trivia.getByRole("button", { name: /Move .* down/ }).first().press("Enter");
    await order.click();
  } else {
    const isNumber = (await typed.getAttribute("type")) === "number";
    await typed.fill(isNumber ? "7" : "Renee");
    await typed.press("Enter");
  }
  // The last answer closes the question at once, so the reveal may come first.
  await expect(trivia.getByTestId("trivia-locked").or(trivia.getByTestId("trivia-reveal"))).toBeVisible();
}

test("a host and two players play a three-question round to the podium", async ({ browser }) => {
  test.setTimeout(120_000);
  const host = await memberIn(browser, "Host T");
  const partyId = await createParty(host, "Trivia night");
  const players = [await guestIn(browser, "Player One"), await guestIn(browser, "Player Two")];
  const everyone = [host, ...players];
  for (const page of everyone) {
    await page.goto(`/parties/${partyId}/room`);
    await expect(page.getByTestId("trivia")).toBeVisible();
  }
  await expect(host.getByTestId("presence")).toContainText("Player Two");
  await expect(players[0]!.getByTestId("trivia")).toContainText("No round is running");

  await host.getByLabel("Questions from").selectOption("ballard");
  await host.getByLabel("Number of questions").fill("3");
  await host.getByLabel("Seconds per question").fill("20");
  await host.getByRole("button", { name: "Start a round" }).click();
  for (const page of everyone) await expect(page.getByTestId("trivia")).toContainText("A round of 3 questions, 20 s each. Players: 3.");
  await host.getByRole("button", { name: "Show the first question" }).click();

  for (let n = 1; n <= 3; n++) {
    await Promise.all(everyone.map((page) => answer(page, n)));
    // Everyone answered: the question closes early and shows the answer and its source.
    for (const page of everyone) {
      const reveal = page.getByTestId("trivia-reveal");
      await expect(reveal).toBeVisible();
      await expect(reveal.getByTestId("trivia-answer")).not.toBeEmpty();
      // The built-in deck shows the cited paragraph itself, retold.
      await expect(reveal.getByTestId("trivia-source").first()).toContainText(/Summary of paragraph \d/);
      await expect(reveal.getByTestId("trivia-my-result")).toBeVisible();
    }
    if (n === 1) await expectNoSeriousA11yViolations(players[0]!);
    // The reveal and the leaderboard move on by themselves (the host could skip ahead).
    if (n < 3) for (const page of everyone) await expect(page.getByTestId("trivia-leaderboard")).toBeVisible();
  }

  for (const page of everyone) {
    const podium = page.getByTestId("trivia-podium");
    await expect(podium).toBeVisible({ timeout: 20_000 });
    for (const name of ["Host T", "Player One", "Player Two"]) await expect(podium).toContainText(name);
    await expect(page.getByTestId("trivia-my-rank")).toContainText(/#\d of 3/);
  }
  await expect(players[1]!.getByTestId("trivia-announcer")).toContainText("Final results. Winner:");
  await expectNoSeriousA11yViolations(host);

  // The stored results are on the trivia page, with the CSV.
  await players[0]!.goto(`/parties/${partyId}/trivia`);
  await expect(players[0]!.getByRole("table", { name: "The whole party" })).toContainText("Player One");
  const csv = await players[0]!.request.get(`/api/parties/${partyId}/trivia/results.csv`);
  expect((await csv.text()).split("\n").filter((line) => line.startsWith("round 1,"))).toHaveLength(3);
});

test("a host pastes an article, reviews the proposed questions and saves the deck", async ({ browser }) => {
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Deck Host");
  const partyId = await createParty(host, "Trivia night");
  await host.goto(`/parties/${partyId}/trivia`);
  const article = readFileSync(path.join(import.meta.dirname, "..", "fixtures", "harbor-lights-series.txt"), "utf8");
  await host.getByLabel("Article title").fill("Harbor Lights");
  await host.getByLabel("Article text").fill(article);
  await host.getByRole("button", { name: "Propose questions" }).click();
  await expect(host.getByTestId("deck-status")).toContainText("proposed from 6 paragraphs");
  const drafted = await host.getByTestId("draft-question").count();
  expect(drafted).toBeGreaterThan(5);

  // Questions, not clozes: the most confident first, each with its confidence, each prompt fully visible.
  await expect(host.getByLabel(/^Question \d+ \(multiple choice\)/).first()).toHaveValue(/^(?:Who|What|When|Where|Which|How)\b[^_]*\?$/);
  const confidences = (await host.getByTestId("question-confidence").allTextContents()).map((t) => Number(t.match(/\d+/)![0]));
  expect(confidences).toHaveLength(drafted);
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  for (const prompt of await host.locator("textarea.prompt-field").all()) {
    expect(await prompt.evaluate((el) => el.scrollHeight <= el.clientHeight + 2)).toBe(true);
  }

  await host.getByRole("button", { name: "Delete question 1", exact: true }).click();
  await expect(host.getByTestId("draft-question")).toHaveCount(drafted - 1);
  await host.getByLabel(/^Question 1 \(/).fill("Who plays the harbormaster?");

  // Reorder with the keyboard: question 2 moves up and becomes question 1.
  const second = await host.getByLabel(/^Question 2 \(/).inputValue();
  await host.getByRole("button", { name: "Move question 2 up", exact: true }).focus();
  await host.keyboard.press("Enter");
  await expect(host.getByLabel(/^Question 1 \(/)).toHaveValue(second);
  await expect(host.getByLabel(/^Question 2 \(/)).toHaveValue("Who plays the harbormaster?");

  // A favourite, and a question of the host's own.
  const favourite = host.getByRole("button", { name: "Favourite question 1", exact: true });
  await favourite.click();
  await expect(favourite).toHaveAttribute("aria-pressed", "true");
  await host.getByLabel("Kind of question to add").selectOption("truefalse");
  await host.getByRole("button", { name: "Add a question" }).click();
  await host.getByLabel(`Question ${drafted} (true or false)`).fill("Harbor Lights is set in Maine.");
  await expectNoSeriousA11yViolations(host);
  await host.getByRole("button", { name: "Save the deck" }).click();
  await expect(host.getByTestId("deck-status")).toContainText(`with ${drafted} questions`);

  // The saved deck keeps the order, the edit and the favourite.
  await host.reload();
  await expect(host.getByLabel(/^Question 2 \(/)).toHaveValue("Who plays the harbormaster?");
  await expect(host.getByRole("button", { name: "Favourite question 1", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(host.getByLabel(`Question ${drafted} (true or false)`)).toHaveValue("Harbor Lights is set in Maine.");

  // An empty paste is refused with a clear message.
  await host.getByLabel("Article text").fill("   ");
  await host.getByRole("button", { name: "Propose questions" }).click();
  await expect(host.locator(".form-error")).toHaveText("Paste an article: the text is empty.");

  // The saved deck can be played in the room.
  await host.goto(`/parties/${partyId}/room`);
  await host.getByLabel("Questions from").selectOption("party");
  await host.getByRole("button", { name: "Start a round" }).click();
  await expect(host.getByTestId("trivia")).toContainText("A round of 5 questions");
});
