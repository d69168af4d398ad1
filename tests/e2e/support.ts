import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DateTime } from "luxon";

/** An axe scan of the page as it is now: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // A scan of a busy page can take many seconds on a loaded machine: the test gets this helper's time on top of its own.
  const info = test.info();
  if (info.timeout > 0) info.setTimeout(info.timeout + 60_000);
  // Next.js streams a page's metadata after its first bytes: scan once the title has arrived.
  // A refresh after an action (an RSVP) streams it again, so a scan can land while the title is being replaced:
  // a violation that lasts fails, one that is gone on the next scan does not.
  await expect(page).toHaveTitle(/\S/);
  const retryUntil = Date.now() + 20_000;
  for (let scan = 1; ; scan++) {
    // One scan at a time, each waited for: axe refuses a second run while one is still going, so a slow scan given
    // up and started again fails every later one ("Axe is already running"), which is what stop 23's CI met.
    // Legacy mode runs axe in the page itself (same-origin frames included; the app has no other), where the
    // default opens a new page in the context for every scan, slow to start on a loaded machine.
    const started = Date.now();
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
    if (process.env.E2E_AXE_TIMES) console.log(`axe scan ${scan} of ${page.url()}: ${Date.now() - started} ms`);
    if (serious.length === 0) return;
    if (Date.now() > retryUntil) expect(serious, `axe: serious or critical violations after ${scan} scans`).toEqual([]);
    await page.waitForTimeout(1000);
  }
}

let counter = 0;
/** An email no other test run has used. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now()}.${counter}@example.com`;
}

/** Waits until the forms that post to Auth.js have their CSRF token. */
export async function formsReady(page: Page): Promise<void> {
  await expect(page.getByRole("button").filter({ hasText: /sign in|continue|create account|sign out/i }).first()).toBeEnabled();
}

let lastProcess: string | undefined;
let signUps = 0;

/**
 * A page in a new browser context. Through the balancer (playwright.cluster.config.ts)
 * each new context is kept on a different process than the one before, so every
 * test with two or more browsers has them on different processes: the balancer's
 * cookie keeps a context on the process its first request reached, and that
 * request is /api/health, which names the process.
 */
export async function newPage(browser: Browser): Promise<Page> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const page = await (await browser.newContext()).newPage();
    if (!process.env.E2E_CLUSTER) return page;
    const { processId } = (await (await page.request.get("/api/health")).json()) as { processId: string };
    if (processId !== lastProcess) {
      lastProcess = processId;
      return page;
    }
    await page.context().close();
  }
  throw new Error("every new browser context landed on the same process");
}

/** A new browser context signed in as a guest with this display name. */
export async function guestIn(browser: Browser, name: string): Promise<Page> {
  return signInAsGuest(await newPage(browser), name);
}

/** Signs this page's context in as a guest with this display name. */
let guests = 0;
export async function signInAsGuest(page: Page, name: string): Promise<Page> {
  // Each guest from an address of its own, as different people's would be (guests are limited per address).
  guests += 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.251.${Math.floor(guests / 250) % 250}.${(guests % 250) + 1}` });
  await page.goto("/signin");
  await formsReady(page);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(name);
  return page;
}

/** The password every test member signs up with. */
export const TEST_PASSWORD = "plant your flag, Q";

/** A new browser context signed in as a new member (an account with a password): only members host. */
export async function memberIn(browser: Browser, name: string): Promise<Page> {
  return signInAsMember(await newPage(browser), name);
}

/** Signs this page's context in as a new member. */
export async function signInAsMember(page: Page, name: string): Promise<Page> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "."));
  // Each account from an address of its own, as different people's would be (sign-ups are limited per address).
  signUps += 1;
  const address = `10.${Math.floor(signUps / 250) % 250}.${signUps % 250}.1`;
  const created = await page.request.post("/api/users", { data: { name, email, password: TEST_PASSWORD }, headers: { "x-forwarded-for": address } });
  expect(created.status()).toBe(201);
  await page.goto("/signin");
  await formsReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(name);
  return page;
}

/** A public party starting in ten minutes, created through the API by the signed-in page; returns its id. */
export async function createParty(host: Page, title: string, options: { visibility?: "public" | "unlisted"; capacity?: number | null } = {}): Promise<string> {
  const created = await host.request.post("/api/parties", {
    data: {
      title,
      episodePlan: "single",
      episodeFrom: 1,
      startsAtLocal: DateTime.now().setZone("UTC").plus({ minutes: 10 }).toFormat("yyyy-LL-dd'T'HH:mm"),
      timeZone: "UTC",
      visibility: options.visibility ?? "public",
      capacity: options.capacity ?? null,
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { party: { id: string } }).party.id;
}

/** A host and a guest in a new party's room, each seeing the other there. */
export async function hostAndGuestInRoom(browser: Browser, names: { host: string; guest: string; title: string }): Promise<{ host: Page; guest: Page; partyId: string }> {
  const host = await memberIn(browser, names.host);
  const partyId = await createParty(host, names.title);
  await host.goto(`/parties/${partyId}/room`);
  const guest = await guestIn(browser, names.guest);
  // The guest answers the invitation first, as the invitation's "your name → join" does (a member then: the replay is theirs too).
  await guest.goto(`/parties/${partyId}`);
  await guest.getByRole("button", { name: "Going", exact: true }).click();
  await expect(guest.getByTestId("rsvp-status")).toHaveText("You are going.");
  await guest.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("presence")).toContainText(names.guest);
  return { host, guest, partyId };
}

/**
 * After each test: closes every context the test opened on the shared browser
 * (`test.afterEach(closeContexts)` in each spec that uses it). Pages left open
 * stay in their rooms (sockets, clocks, timers) and load the machine under the
 * tests after them.
 */
export async function closeContexts({ browser }: { browser: Browser }): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
}
