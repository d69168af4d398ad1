import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { parseIcs } from "../support/parse-ics";
import { closeContexts, expectNoSeriousA11yViolations, formsReady, TEST_PASSWORD, uniqueEmail } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

async function signInAsGuest(page: Page, name: string): Promise<void> {
  await formsReady(page);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(name);
}

test("a host schedules a party; a guest follows the invite link, RSVPs and downloads the calendar file", async ({ browser }) => {
  // Two people, sign-up, three axe scans and a download: past 30 s on a loaded machine.
  test.setTimeout(60_000);
  const host = await browser.newContext({ timezoneId: "America/New_York" });
  const hostPage = await host.newPage();
  await hostPage.goto("/parties/new");
  await expect(hostPage).toHaveURL(/\/signin\?callbackUrl=%2Fparties%2Fnew/);
  await signInAsGuest(hostPage, "Maggie");
  await expect(hostPage).toHaveURL("/parties/new");
  // A guest is told how to host instead of getting a form that would be refused.
  await expect(hostPage.getByTestId("guest-cannot-host")).toContainText("Create an account to host a party.");
  await expect(hostPage.getByRole("button", { name: "Schedule the party" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(hostPage);
  await hostPage.getByTestId("guest-cannot-host").getByRole("link", { name: "Create an account" }).click();
  await formsReady(hostPage);
  await hostPage.getByLabel("Your name").fill("Maggie");
  await hostPage.getByLabel("Email").fill(uniqueEmail("maggie"));
  await hostPage.getByLabel("Password").fill(TEST_PASSWORD);
  await hostPage.getByRole("button", { name: "Create account" }).click();
  await expect(hostPage.getByTestId("signed-in-as")).toHaveText("Signed in as Maggie");
  await hostPage.goto("/parties/new");
  await expectNoSeriousA11yViolations(hostPage);

  const start = DateTime.now().setZone("America/New_York").plus({ days: 3 }).set({ hour: 20, minute: 0, second: 0, millisecond: 0 });
  const title = `Finale <script>window.__pwned = true</script>`;
  await hostPage.getByLabel("Title").fill(title);
  await hostPage.getByLabel("Description").fill("Cold case night.");
  await hostPage.getByLabel("Episode", { exact: true }).selectOption("10");
  await hostPage.getByLabel("Starts at").fill(start.toFormat("yyyy-LL-dd'T'HH:mm"));
  await expect(hostPage.getByLabel("Time zone")).toHaveValue("America/New_York");
  await hostPage.getByLabel("Capacity").fill("4");
  await hostPage.getByLabel(/Unlisted/).check();
  await hostPage.getByRole("button", { name: "Schedule the party" }).click();

  await expect(hostPage.getByRole("heading", { level: 1 })).toHaveText(title);
  expect(await hostPage.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(hostPage.getByTestId("start-host-zone")).toContainText(/8:00\s?PM E[SD]T/);
  await expect(hostPage.getByTestId("join-room")).toBeDisabled();
  await expect(hostPage.getByTestId("party-countdown")).toContainText(/^in (2|3) days?/);
  const inviteUrl = await hostPage.getByTestId("invite-link").inputValue();
  expect(inviteUrl).toMatch(/\/parties\/\w+\?invite=[\w-]{24}$/);
  await expectNoSeriousA11yViolations(hostPage);

  // The guest, in London, opens the invite link in a separate browser context.
  const guest = await browser.newContext({ timezoneId: "Europe/London", acceptDownloads: true });
  const guestPage = await guest.newPage();
  await guestPage.goto(inviteUrl);
  await expect(guestPage.getByRole("heading", { level: 1 })).toHaveText(title);
  // Guests first: a name and "Join the party" answer the invitation as going.
  await expect(guestPage.getByRole("button", { name: "Join the party" })).toBeEnabled();
  await guestPage.getByLabel("Your name").fill("Volunteer");
  await guestPage.getByRole("button", { name: "Join the party" }).click();
  await expect(guestPage.getByTestId("signed-in-as")).toContainText("Volunteer");
  await expect(guestPage).toHaveURL(inviteUrl);
  await expect(guestPage.getByTestId("rsvp-status")).toHaveText("You are going.");
  const londonStart = start.setZone("Europe/London").toFormat("h:mm a");
  await expect(guestPage.getByTestId("start-viewer-zone")).toContainText(londonStart);
  await expect(guestPage.getByTestId("start-viewer-zone")).toContainText(/GMT|BST/);

  await guestPage.getByRole("button", { name: "Going", exact: true }).click();
  await expect(guestPage.getByTestId("rsvp-status")).toHaveText("You are going.");
  // The host counts as going to their own party.
  await expect(guestPage.getByTestId("rsvp-counts")).toContainText("2 going");
  await expect(guestPage.getByTestId("attendees")).toContainText("Volunteer");
  await expectNoSeriousA11yViolations(guestPage);

  const [download] = await Promise.all([guestPage.waitForEvent("download"), guestPage.getByTestId("download-ics").click()]);
  const ics = parseIcs(await readFile((await download.path())!, "utf8"));
  const partyId = new URL(inviteUrl).pathname.split("/").pop();
  expect(ics).toMatchObject({
    uid: `party-${partyId}@ballard-watch-party`,
    sequence: 0,
    status: "CONFIRMED",
    tzid: "America/New_York",
    start: start.toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    timezones: ["America/New_York"],
    alarmTrigger: "-PT30M",
    rrule: null,
  });
  expect(ics.summary).toBe(`${title} (Ballard episode 10)`);
  expect(String(ics.url)).toBe(inviteUrl);

  // The host sees the guest and the party on "My parties".
  await hostPage.reload();
  await expect(hostPage.getByTestId("attendees")).toContainText("Volunteer");
  await hostPage.goto("/my");
  await expect(hostPage.getByTestId("hosting")).toContainText(title);
  await expectNoSeriousA11yViolations(hostPage);

  await host.close();
  await guest.close();
});

test("a tampered invite link finds nothing", async ({ page }) => {
  const response = await page.goto("/parties/cnotarealparty0000000?invite=forged");
  expect(response?.status()).toBe(404);
});

test("the landing page shows the release in the viewer's zone and how long ago it was", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("premiere-local")).toContainText("July 9, 2025");
  await expect(page.getByTestId("premiere-local")).toContainText("4:00 PM");
  await expect(page.getByTestId("premiere-distance")).toHaveText(/ago|last year/);
  await context.close();
});
