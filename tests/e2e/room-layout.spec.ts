import { expect, test, type Page } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, hostAndGuestInRoom, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const NARROW = { width: 320, height: 640 };
/** 120 characters without a space: the longest title the form takes. */
const LONG_TITLE = "Ballard".repeat(17) + "X";

async function noHorizontalOverflow(page: Page): Promise<void> {
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(width.scroll, page.url()).toBeLessThanOrEqual(width.viewport);
}

/** Wholly inside the viewport as the page first shows (no scrolling). */
async function inFirstScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, selector).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}


test("no page is wider than a 320 px phone, even with a 120-character title without spaces", async ({ browser }) => {
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Host W");
  const partyId = await createParty(host, LONG_TITLE);
  await host.setViewportSize(NARROW);
  for (const path of ["/", "/my", "/parties/new", `/parties/${partyId}`, `/parties/${partyId}/edit`, `/parties/${partyId}/trivia`, `/parties/${partyId}/room`, `/parties/${partyId}/replay`]) {
    await host.goto(path);
    await expect(host.locator("main")).toBeVisible();
    if (path.endsWith("/room")) await expect(host.getByTestId("timecode-value")).toBeVisible();
    await noHorizontalOverflow(host);
  }
  const visitor = await (await browser.newContext({ viewport: NARROW })).newPage();
  for (const path of ["/", "/signin", "/signup", "/no-such-page"]) {
    await visitor.goto(path);
    await noHorizontalOverflow(visitor);
  }
});

test("the room: clock and chat side by side on a desktop, chat first on a phone with the clock pinned", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Host L");
  const partyId = await createParty(host, "Layout night");
  await host.setViewportSize(DESKTOP);
  await host.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("timecode-value")).toHaveText("0:00");
  await inFirstScreen(host, "#chat-input");
  const clock = await host.getByTestId("timecode").boundingBox();
  const chat = await host.getByTestId("chat").boundingBox();
  expect(chat!.x).toBeGreaterThan(clock!.x + clock!.width - 1);
  await noHorizontalOverflow(host);
  await host.screenshot({ path: testInfo.outputPath("room-1280.png") });

  for (const size of [PHONE, NARROW]) {
    await host.setViewportSize(size);
    await inFirstScreen(host, "#chat-input");
    await noHorizontalOverflow(host);
    await host.screenshot({ path: testInfo.outputPath(`room-${size.width}.png`) });
  }
  // People and trivia are one tap away; the clock stays at the top when the page scrolls.
  await host.getByRole("tab", { name: /People/ }).click();
  await expect(host.getByTestId("presence")).toContainText("Host L");
  await host.getByRole("tab", { name: "Trivia" }).click();
  await expect(host.getByRole("button", { name: "Start a round" })).toBeVisible();
  await host.mouse.wheel(0, 2000);
  await inFirstScreen(host, "[data-testid=timecode]");
  await expectNoSeriousA11yViolations(host);
});

test("the chat follows new messages unless the reader scrolled up; then a jump to the new ones", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Host F", guest: "Guest F", title: "Follow night" });
  await guest.setViewportSize(PHONE);

  const long = (n: number) => `Message ${n}: ${"a long line about the badge and the case ".repeat(10)}`;
  for (let n = 1; n <= 4; n++) {
    await host.getByLabel("Your message").fill(long(n));
    await host.getByRole("button", { name: "Send" }).click();
    await expect(guest.getByTestId("messages")).toContainText(`Message ${n}:`);
  }
  const log = guest.getByTestId("messages");
  const atEnd = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 50);
  expect(await log.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await expect.poll(atEnd).toBe(true);

  await log.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect.poll(atEnd).toBe(false);
  await host.getByLabel("Your message").fill(long(5));
  await host.getByRole("button", { name: "Send" }).click();
  await expect(guest.getByTestId("new-messages")).toHaveText(/1 new message/);
  expect(await atEnd()).toBe(false);
  await guest.getByTestId("new-messages").click();
  await expect.poll(atEnd).toBe(true);
  await expect(guest.getByTestId("new-messages")).toHaveCount(0);
});

test("a rewind or a reload does not blur again what a viewer already saw", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Host R", guest: "Guest R", title: "Rewind night" });

  await host.getByRole("button", { name: "Forward 10 s" }).click();
  await expect(guest.getByTestId("timecode-value")).toHaveText("0:10");
  await host.getByLabel("Your message").fill("Seen at ten seconds");
  await host.getByRole("button", { name: "Send" }).click();
  const message = guest.getByTestId("message").last();
  await expect(message.getByTestId("message-text")).toHaveText("Seen at ten seconds");

  await host.getByRole("button", { name: "Back 10 s" }).click();
  await expect(guest.getByTestId("timecode-value")).toHaveText("0:00");
  await expect(message.getByTestId("message-text")).toHaveText("Seen at ten seconds");
  await expect(message.getByTestId("spoiler")).toHaveCount(0);
  await guest.reload();
  await expect(guest.getByTestId("timecode-value")).toHaveText("0:00");
  await expect(guest.getByTestId("message").last().getByTestId("message-text")).toHaveText("Seen at ten seconds");
});

test("a host mutes and unmutes at once, and removes a member after a confirmation", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Host M", guest: "Guest M", title: "Moderation night" });
  const person = host.getByTestId("person").filter({ hasText: "Guest M" });
  await expect(person).toBeVisible();

  await host.getByRole("button", { name: "Mute Guest M" }).click();
  await expect(person).toContainText("muted");
  await expect(guest.getByLabel("Your message")).toBeDisabled();
  await host.getByRole("button", { name: "Unmute Guest M" }).click();
  await expect(person).not.toContainText("muted");
  await expect(guest.getByLabel("Your message")).toBeEnabled();

  await host.getByRole("button", { name: "Remove Guest M" }).click();
  const dialog = host.getByRole("alertdialog", { name: "Remove Guest M?" });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(host);
  await dialog.getByRole("button", { name: "Keep Guest M" }).click();
  await expect(person).toBeVisible();
  await host.getByRole("button", { name: "Remove Guest M" }).click();
  await host.getByRole("alertdialog").getByRole("button", { name: "Remove", exact: true }).click();
  await expect(guest.getByRole("alert").filter({ hasText: "A host removed you" })).toBeVisible();
  await expect(person).toHaveCount(0);
});

test("the typing indicator clears a few seconds after the last keystroke", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Host K", guest: "Guest K", title: "Typing night" });
  await guest.getByLabel("Your message").pressSequentially("half a thought");
  await expect(host.getByTestId("typing")).toHaveText("Guest K is typing…");
  await expect(host.getByTestId("typing")).toHaveText("", { timeout: 8000 });
  await expect(guest.getByLabel("Your message")).toHaveValue("half a thought");
});

test("a trivia question is a stage, answerable from the keyboard alone, axe-clean while it runs", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const { host, guest: player } = await hostAndGuestInRoom(browser, { host: "Host S", guest: "Player S", title: "Stage night" });
  await player.setViewportSize(PHONE);

  await host.getByLabel("Number of questions").fill("1");
  await host.getByRole("button", { name: "Start a round" }).click();
  await host.getByRole("button", { name: "Show the first question" }).click();
  // On the phone the trivia tab opens by itself.
  const trivia = player.getByTestId("trivia");
  await expect(trivia.getByTestId("trivia-prompt")).toBeVisible();
  const choices = trivia.getByRole("group", { name: "Answers" });
  const order = trivia.getByRole("button", { name: "Lock in this order" });
  const typed = trivia.locator("#trivia-typed");
  await expect(choices.or(order).or(typed)).toBeVisible({ timeout: 15_000 });
  await expectNoSeriousA11yViolations(player);
  await player.screenshot({ path: testInfo.outputPath("trivia-question-375.png") });
  await host.evaluate(() => window.scrollTo(0, 0));
  await host.screenshot({ path: testInfo.outputPath("trivia-question-1280.png") });
  if (await choices.isVisible()) {
    await choices.getByRole("button").first().focus();
    await player.keyboard.press("Enter");
  } else if (await order.isVisible()) {
    await trivia.getByRole("button", { name: /Move .* down/ }).first().focus();
    await player.keyboard.press("Enter");
    await order.focus();
    await player.keyboard.press("Enter");
  } else {
    await typed.focus();
    await player.keyboard.type((await typed.getAttribute("type")) === "number" ? "7" : "Renee");
    await player.keyboard.press("Enter");
  }
  await expect(trivia.getByTestId("trivia-locked")).toBeVisible();
  await host.getByRole("button", { name: "Close the question now" }).click();
  const reveal = trivia.getByTestId("trivia-reveal");
  await expect(reveal).toBeVisible();
  await expect(reveal.getByRole("table", { name: "Points for this question" })).toContainText("Player S");
  await host.getByRole("button", { name: "Show the leaderboard" }).click();
  await host.getByRole("button", { name: "Show the podium" }).click();
  await expect(trivia.getByTestId("trivia-podium")).toContainText("Player S");
  await player.screenshot({ path: testInfo.outputPath("trivia-podium-375.png") });
  await expectNoSeriousA11yViolations(player);
});

test("the 3, 2, 1 starts at 3 and says 'Starting in…'; the heat map charts reactions with tips and busiest moments", async ({ browser }) => {
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Host H", guest: "Guest H", title: "Heat night" });
  await host.getByRole("button", { name: "Start “3, 2, 1”" }).click();
  await expect(guest.getByTestId("countdown")).toContainText("Starting in…");
  await expect(guest.getByTestId("countdown-number")).toHaveText("3");
  await expect(guest.getByTestId("clock-state")).toHaveText("Starting in…");
  await expect(guest.getByTestId("clock-state")).toHaveText("▶ playing", { timeout: 10_000 });
  await expect(guest.getByTestId("countdown")).toHaveCount(0);

  await guest.getByRole("button", { name: "React 😂 at this moment" }).click();
  await host.getByRole("button", { name: "React 😂 at this moment" }).click();
  const column = guest.getByTestId("heat-column");
  await expect(column).toHaveAttribute("aria-label", "minute 0: 2 reactions and messages");
  // The heat map is below the fold: focusing the column scrolls the page to it, and its tooltip stays open (Radix alone closes it on scroll).
  await column.focus();
  await expect(guest.getByRole("tooltip")).toContainText("minute 0: 2 reactions and messages");
  await guest.keyboard.press("Escape");
  await expect(guest.getByRole("tooltip")).toHaveCount(0);
  await expect(guest.getByTestId("busiest")).toContainText("Minute 0 · 2");
  // The host controls the clock: a busiest moment is a jump for them.
  await expect(host.getByRole("button", { name: "Jump to minute 0: 2 reactions and messages" })).toBeVisible();
  await expectNoSeriousA11yViolations(guest);
});
