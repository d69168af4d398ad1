import { expect, test, type Page } from "@playwright/test";
import { closeContexts, createParty, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/**
 * Issue 23, point 10: every page, as the people who use it meet it, without a
 * console error, an uncaught exception or a Content-Security-Policy violation.
 * Chromium reports a CSP violation as a console error too; the page's own
 * `securitypolicyviolation` events are collected as well, so that a report
 * without a console line is caught.
 */
type Problem = { page: string; kind: string; text: string };

/** Chromium logs a document answered 404 as a console error: expected of the not-found page itself. */
const EXPECTED_404 = /^Failed to load resource: the server responded with a status of 404/;

function watch(page: Page, problems: Problem[], label: () => string): void {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (label() === "/no-such-page" && EXPECTED_404.test(message.text())) return;
    problems.push({ page: label(), kind: "console", text: message.text() });
  });
  page.on("pageerror", (error) => problems.push({ page: label(), kind: "exception", text: error.message }));
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** Records the page's CSP violations from its first script on. */
async function recordCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
}

/** Opens a page, waits for what shows that it is ready, and adds its CSP violations to the problems. */
async function visit(page: Page, problems: Problem[], url: string, ready: (page: Page) => Promise<void>): Promise<void> {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  await ready(page);
  // Hydration errors and late effects come after the first paint.
  await page.waitForLoadState("networkidle");
  for (const text of await cspViolations(page)) problems.push({ page: url, kind: "csp", text });
}

const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

test("every page opens without a console error or a CSP violation: visitor, member host, guest, phone", async ({ browser }) => {
  test.setTimeout(180_000);
  const problems: Problem[] = [];
  let current = "";

  // A visitor who has not signed in.
  const visitor = await (await browser.newContext()).newPage();
  await recordCsp(visitor);
  watch(visitor, problems, () => current);
  for (const url of ["/", "/signin", "/signup", "/no-such-page"]) {
    current = url;
    await visit(visitor, problems, url, heading);
  }

  // A member who hosts, with a party that has chat, reactions and a finished trivia round.
  const host = await memberIn(browser, "Console Host");
  await recordCsp(host);
  watch(host, problems, () => current);
  const partyId = await createParty(host, "Console night");
  const guest = await guestIn(browser, "Console Guest");
  await recordCsp(guest);
  watch(guest, problems, () => current);

  current = `/parties/${partyId}`;
  await visit(host, problems, current, heading);
  current = "/my";
  await visit(host, problems, current, heading);
  current = `/parties/${partyId}/room (host)`;
  await visit(host, problems, `/parties/${partyId}/room`, (p) => expect(p.getByTestId("timecode-value")).toBeVisible());
  // The guest answers the invitation (a member: the replay below is theirs to read).
  current = `/parties/${partyId} (guest)`;
  await visit(guest, problems, `/parties/${partyId}`, heading);
  await guest.getByRole("button", { name: "Going", exact: true }).click();
  await expect(guest.getByTestId("rsvp-status")).toHaveText("You are going.");
  current = `/parties/${partyId}/room (guest)`;
  await visit(guest, problems, `/parties/${partyId}/room`, (p) => expect(p.getByTestId("timecode-value")).toBeVisible());
  await guest.getByLabel("Your message").fill("Hello from the console test");
  await guest.getByRole("button", { name: "Send" }).click();
  await guest.getByRole("button", { name: "React 🔥 at this moment" }).click();
  await expect(host.getByTestId("message-text").last()).toHaveText("Hello from the console test");

  // A trivia round from start to podium: one question, closed by the host.
  await host.getByRole("button", { name: "Play 5 Ballard questions now" }).click();
  await expect(guest.getByTestId("trivia-prompt")).toBeVisible({ timeout: 15_000 });
  await host.getByRole("button", { name: "End the round" }).click();
  await expect(guest.getByTestId("trivia")).toContainText("No round is running");

  // The guest's phone.
  const phone = await guestIn(browser, "Console Phone");
  await recordCsp(phone);
  watch(phone, problems, () => current);
  await phone.setViewportSize({ width: 375, height: 812 });
  current = `/parties/${partyId}/room (phone)`;
  await visit(phone, problems, `/parties/${partyId}/room`, (p) => expect(p.getByTestId("timecode-value")).toBeVisible());

  current = `/parties/${partyId}/stage`;
  await visit(host, problems, current, (p) => expect(p.getByTestId("stage")).toBeVisible());
  current = `/parties/${partyId}/replay`;
  await visit(guest, problems, current, (p) => expect(p.getByTestId("heat-column").first()).toBeVisible());
  current = `/parties/${partyId}/trivia`;
  await visit(host, problems, current, heading);

  expect(problems).toEqual([]);
});

for (const form of ["new", "edit"] as const) {
  test(`the party form (${form}) opens without a console error or a CSP violation`, async ({ browser }) => {
    test.setTimeout(90_000);
    const problems: Problem[] = [];
    const host = await memberIn(browser, `Console ${form}`);
    const url = form === "new" ? "/parties/new" : `/parties/${await createParty(host, "Form night")}/edit`;
    await recordCsp(host);
    watch(host, problems, () => url);
    await visit(host, problems, url, heading);
    expect(problems).toEqual([]);
  });
}
