import { expect, test, type Page } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, formsReady, hostAndGuestInRoom, memberIn, newPage, TEST_PASSWORD, uniqueEmail } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

// Issue 23 (pages and looks): guests first, the way back after signing in or up,
// time zones by what people type, the host's player controls and who did what,
// the phone as a remote. Each at 1280 px and on a phone.

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const NARROW = { width: 320, height: 640 };

/** An unlisted party starting in ten minutes (its room is open) with this many places; returns its invite path. */
async function partyWithPlaces(host: Page, title: string, capacity: number | null): Promise<{ id: string; invitePath: string }> {
  const id = await createParty(host, title, { visibility: "unlisted", capacity });
  await host.goto(`/parties/${id}`);
  const link = new URL(await host.getByTestId("invite-link").inputValue());
  return { id, invitePath: link.pathname + link.search };
}

/** Console errors (a hydration mismatch is one) and CSP violations on this page from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

async function bottomOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  return box!.y + box!.height;
}

test("guests first: on a phone an invitation opens with 'your name → join', which answers going, or the waitlist with why; never a sign-in page", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Hannah Host");
  // Three places: the host holds one.
  const { id, invitePath } = await partyWithPlaces(host, "Cold case night", 3);

  const guest = await (await browser.newContext({ viewport: PHONE })).newPage();
  const errors = collectErrors(guest);
  // The room's link, followed before joining, comes back to the invitation's name form, not to a sign-in page.
  await guest.goto(`/parties/${id}/room${invitePath.slice(invitePath.indexOf("?"))}`);
  await expect(guest).toHaveURL(new RegExp(`/parties/${id}\\?invite=`));
  const join = guest.getByTestId("invite-join");
  await expect(join).toBeVisible();
  // The first thing on the phone: the name field and its button fit the first screen; no email or password on the page.
  expect(await bottomOf(guest, "[data-testid=invite-join] button[type=submit]")).toBeLessThanOrEqual(PHONE.height);
  await expect(guest.getByLabel("Email")).toHaveCount(0);
  await expect(join.getByTestId("invite-sign-in")).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(invitePath)}`);
  await expectNoSeriousA11yViolations(guest);
  await guest.screenshot({ path: testInfo.outputPath("invite-375.png"), fullPage: true });
  await expect(guest.getByRole("button", { name: "Join the party" })).toBeEnabled();
  await guest.getByLabel("Your name").fill("Samira");
  await guest.getByRole("button", { name: "Join the party" }).click();
  await expect(guest.getByTestId("signed-in-as")).toContainText("Samira (guest)");
  await expect(guest).toHaveURL(invitePath);
  await expect(guest.getByTestId("rsvp-status")).toHaveText("You are going.");
  await expect(guest.getByRole("button", { name: "Going", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(guest.getByTestId("join-room")).toBeVisible();
  await guest.screenshot({ path: testInfo.outputPath("invite-joined-375.png"), fullPage: true });

  // The second place goes to a second guest; the third guest is told it is full before joining, and waitlisted with why.
  const second = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await second.goto(invitePath);
  await expect(second.getByRole("button", { name: "Join the party" })).toBeEnabled();
  await second.getByLabel("Your name").fill("Colin");
  await second.getByRole("button", { name: "Join the party" }).click();
  await expect(second.getByTestId("rsvp-status")).toHaveText("You are going.");
  await second.screenshot({ path: testInfo.outputPath("invite-joined-1280.png"), fullPage: true });

  const third = await (await browser.newContext({ viewport: PHONE })).newPage();
  await third.goto(invitePath);
  await expect(third.getByTestId("invite-join")).toContainText("The party is full");
  await expect(third.getByRole("button", { name: "Join the party" })).toBeEnabled();
  await third.getByLabel("Your name").fill("Laffont");
  await third.getByRole("button", { name: "Join the party" }).click();
  await expect(third.getByTestId("rsvp-status")).toHaveText("The party is full: you are on the waitlist and move up when a place frees.");
  await host.reload();
  await expect(host.getByTestId("capacity")).toHaveText("3 of 3 places taken.");
  await expect(host.getByTestId("attendees")).toContainText("Laffont");
  expect(errors).toEqual([]);
});

test("the way back: 'Host a party' → sign in → create an account lands on the party form; a refused sign-in keeps the email and the way", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/parties/new");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fparties%2Fnew/);
  await page.getByRole("link", { name: "Create an account" }).last().click();
  await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Fparties%2Fnew/);
  await formsReady(page);
  const email = uniqueEmail("wayback");
  await page.getByLabel("Your name").fill("Lisa Moore");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/parties/new");
  await expect(page.getByRole("button", { name: "Schedule the party" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await page.goto("/signin?callbackUrl=%2Fparties%2Fnew");
  await formsReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("That email and password do not match an account. Check them and try again.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page).toHaveURL(/callbackUrl=%2Fparties%2Fnew/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL("/parties/new");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Lisa Moore");
});

test("time zones by what people type, ambiguous ones offer choices, the start previewed in the viewer's zone; no hydration error", async ({ browser }, testInfo) => {
  const member = await memberIn(browser, "Zone Host");
  const page = await (await browser.newContext({ timezoneId: "Europe/Berlin", viewport: DESKTOP, storageState: await member.context().storageState() })).newPage();
  const errors = collectErrors(page);
  await page.goto("/parties/new");
  const zone = page.getByLabel("Time zone", { exact: true });
  await expect(zone).toHaveValue("Europe/Berlin");
  const find = page.getByLabel("Find a zone");
  const hint = page.getByTestId("zone-search-hint");
  for (const [typed, expected] of [
    ["EST", "America/New_York"],
    ["Eastern", "America/New_York"],
    ["PST", "America/Los_Angeles"],
    ["Pacific", "America/Los_Angeles"],
    ["CET", "Europe/Berlin"],
    ["AEST", "Australia/Sydney"],
    ["UTC+9", "Asia/Tokyo"],
    ["Boston", "America/New_York"],
    ["kyiv", "Europe/Kyiv"],
  ] as const) {
    await find.fill(typed);
    await expect(zone, typed).toHaveValue(expected);
  }
  await find.fill("EST");
  await expect(hint).toHaveText(/^US Eastern time: New York \(UTC−[45]\)\.$/);

  // IST: India, Ireland or Israel — the form asks instead of choosing.
  await find.fill("IST");
  const meanings = page.getByRole("group", { name: "Which IST?" });
  await expect(meanings.getByRole("button")).toHaveCount(3);
  await expect(zone).toHaveValue("America/New_York");
  await expect(hint).toHaveText("“IST” can mean 3 zones: choose yours.");
  await meanings.getByRole("button", { name: /Israel time/ }).click();
  await expect(zone).toHaveValue("Asia/Jerusalem");
  await expect(meanings.getByRole("button", { name: /Israel time/ })).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousA11yViolations(page);

  // 9 p.m. in New York on a winter Friday is 3 a.m. Saturday in Berlin.
  await find.fill("EST");
  await page.getByLabel("Starts at").fill("2026-12-11T21:00");
  await expect(page.getByTestId("start-preview")).toHaveText("For you that is Saturday, December 12 at 3:00 AM (your time, Berlin: GMT+1).");
  await page.screenshot({ path: testInfo.outputPath("new-party-1280.png"), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: testInfo.outputPath("new-party-375.png"), fullPage: true });
  expect(errors).toEqual([]);
});

test("the host drives the episode like a player; everyone sees and hears who did what, with a Prime Video prompt", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const { host, guest } = await hostAndGuestInRoom(browser, { host: "Hannah", guest: "Guest P", title: "Player night" });
  await host.setViewportSize(DESKTOP);
  await guest.setViewportSize(PHONE);
  // Before anything: how to get ready on Prime Video, with a link to the series there.
  await expect(guest.getByTestId("streaming-prompt")).toContainText("Open episode 1 on Prime Video, pause at 0:00");
  await expect(guest.getByTestId("prime-video-link")).toHaveAttribute("href", /^https:\/\/www\.primevideo\.com\//);

  // A typed time: one action (and Enter).
  await host.getByLabel("Go to").fill("23:40");
  await host.getByLabel("Go to").press("Enter");
  await expect(guest.getByTestId("timecode-value")).toHaveText("23:40");
  const news = guest.getByRole("status").filter({ has: guest.getByTestId("clock-action") });
  await expect(news).toContainText("Hannah jumped to 23:40.");
  await expect(news).toContainText("Go to 23:40 in episode 1 on Prime Video and pause there.");

  // The scrubber: one drag (here, one value) reaches any moment.
  await host.getByRole("slider", { name: "Episode position" }).fill("750");
  await expect(guest.getByTestId("timecode-value")).toHaveText("12:30");
  await expect(guest.getByTestId("clock-action")).toHaveText("Hannah jumped to 12:30. ");

  // Shortcuts for the host: Space plays and pauses, → jumps 10 s.
  await host.locator("body").click({ position: { x: 5, y: 5 } });
  await host.keyboard.press("Space");
  await expect(guest.getByTestId("clock-state")).toHaveText("▶ playing");
  await expect(guest.getByTestId("clock-action")).toContainText("Hannah pressed play at 12:3");
  await host.keyboard.press("Space");
  await expect(guest.getByTestId("clock-state")).toHaveText("❚❚ paused");
  await expect(guest.getByTestId("clock-action")).toContainText("Hannah paused at 12:3");
  const paused = await host.getByTestId("timecode-value").textContent();
  await host.keyboard.press("ArrowRight");
  const [m, s] = paused!.split(":").map(Number);
  const later = `${m! + Math.floor((s! + 10) / 60)}:${String((s! + 10) % 60).padStart(2, "0")}`;
  await expect(guest.getByTestId("timecode-value")).toHaveText(later);
  // A guest's keys do nothing to the party clock.
  await guest.locator("body").press("Space");
  await expect(host.getByTestId("clock-state")).toHaveText("❚❚ paused");
  await expectNoSeriousA11yViolations(host);
  await expectNoSeriousA11yViolations(guest);
  await host.screenshot({ path: testInfo.outputPath("room-host-1280.png") });
  await guest.screenshot({ path: testInfo.outputPath("room-guest-375.png") });
});

test("the phone is a remote: about 120 px above the tabs, a TV mode with behind / ahead / at, trivia answers on screen at 375×812 and 320×640", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { host, guest, partyId } = await hostAndGuestInRoom(browser, { host: "Host T", guest: "Guest T", title: "Remote night" });
  await host.setViewportSize(DESKTOP);
  for (const size of [PHONE, NARROW]) {
    await guest.setViewportSize(size);
    const tabs = await guest.getByRole("tablist", { name: "Room panels" }).boundingBox();
    expect(tabs!.y, `${size.width} px`).toBeLessThanOrEqual(120);
  }
  await guest.setViewportSize(PHONE);
  await guest.getByRole("tab", { name: "Watch" }).click();
  // A phone starts as a remote for the TV: no file picker, "I'm behind / ahead / at".
  const remote = guest.getByTestId("tv-remote");
  await expect(remote).toBeVisible();
  await expect(guest.getByLabel("Video file")).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "on a TV" })).toHaveAttribute("aria-pressed", "true");
  await remote.getByRole("button", { name: /I'm behind/ }).click();
  await expect(remote.getByTestId("tv-drift")).toHaveText("0:05 behind the party.");
  await expect(host.getByTestId("person").filter({ hasText: "Guest T" })).toContainText("-5.0 s");
  await remote.getByLabel("I'm at").fill("0:30");
  await remote.getByRole("button", { name: "Set" }).click();
  await expect(remote.getByTestId("tv-drift")).toHaveText(/^0:(29|30) ahead of the party\.$/);
  await remote.getByRole("button", { name: "I'm in sync" }).click();
  await expect(remote.getByTestId("tv-drift")).toHaveText("In step with the party.");
  await expectNoSeriousA11yViolations(guest);
  await guest.screenshot({ path: testInfo.outputPath("remote-375.png") });
  // The browser's own player is one tap away.
  await guest.getByRole("button", { name: "in this browser" }).click();
  await expect(guest.getByLabel("Video file")).toBeVisible();
  await guest.getByRole("button", { name: "on a TV" }).click();

  // Four long options: the fourth must still be on the first screen of a small phone.
  const deck = {
    title: "Remote deck",
    questions: [
      {
        id: "remote-1",
        kind: "choice",
        prompt: "Which unit does Detective Renée Ballard run from the basement of a training centre?",
        sources: [{ article: "Ballard (TV series)", paragraph: 1, fact: "Ballard runs the cold case unit." }],
        options: ["The cold case unit of the LAPD", "Robbery–Homicide Division", "The late show at Hollywood Division", "Internal Affairs Group"],
        answer: 0,
      },
    ],
  };
  expect((await host.request.put(`/api/parties/${partyId}/trivia/deck`, { data: deck })).status()).toBe(200);
  await host.getByLabel("Questions from").selectOption("party");
  await host.getByLabel("Number of questions").fill("1");
  await host.getByRole("button", { name: "Start a round" }).click();
  await host.getByRole("button", { name: "Show the first question" }).click();
  const answers = guest.getByTestId("trivia").getByRole("group", { name: "Answers" });
  await expect(answers.getByRole("button")).toHaveCount(4, { timeout: 15_000 });
  for (const size of [PHONE, NARROW]) {
    await guest.setViewportSize(size);
    await guest.evaluate(() => window.scrollTo(0, 0));
    const box = await answers.getByRole("button").last().boundingBox();
    expect(box!.y + box!.height, `the fourth answer at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
    await guest.screenshot({ path: testInfo.outputPath(`trivia-${size.width}.png`) });
  }
  await host.screenshot({ path: testInfo.outputPath("trivia-host-1280.png") });
});
