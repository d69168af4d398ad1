import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { startInZone } from "@/server/invites/invite-card";
import { closeContexts, expectNoSeriousA11yViolations, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

/** The Open Graph and Twitter tags of a page as a chat app's crawler gets it (no cookies). */
async function previewTags(request: APIRequestContext, path: string): Promise<Record<string, string>> {
  const response = await request.get(path, { headers: { cookie: "" } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  const tags: Record<string, string> = {};
  for (const [, key, content] of html.matchAll(/<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"/g)) {
    tags[key!] ??= content!.replace(/&amp;/g, "&").replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
  }
  return tags;
}

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(request: APIRequestContext, url: string): Promise<{ width: number; height: number; type: string | undefined }> {
  const response = await request.get(url, { headers: { cookie: "" } });
  expect(response.status()).toBe(200);
  const body = await response.body();
  expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20), type: response.headers()["content-type"] };
}

async function createUnlisted(host: Page, title: string, startsAt: DateTime): Promise<{ id: string; invitePath: string }> {
  const created = await host.request.post("/api/parties", {
    data: {
      title,
      episodePlan: "single",
      episodeFrom: 4,
      startsAtLocal: startsAt.setZone("America/New_York").toFormat("yyyy-LL-dd'T'HH:mm"),
      timeZone: "America/New_York",
      visibility: "unlisted",
    },
  });
  expect(created.status()).toBe(201);
  const { id } = ((await created.json()) as { party: { id: string } }).party;
  await host.goto(`/parties/${id}`);
  const link = await host.getByTestId("invite-link").inputValue();
  return { id, invitePath: new URL(link).pathname + new URL(link).search };
}

test("an invite link carries a card: title, start in the host's zone, episode, host; no guest names; cancelled says so", async ({ browser, request }) => {
  // Three browsers, two PNGs drawn and an axe scan: more than the default on a loaded machine.
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Renée Host");
  const startsAt = DateTime.now().setZone("America/New_York").plus({ days: 3 }).set({ hour: 20, minute: 30, second: 0, millisecond: 0 });
  const title = `Pier Forty Stakeout ${Date.now() % 100000}`;
  const { id, invitePath } = await createUnlisted(host, title, startsAt);
  const guest = await guestIn(browser, "Secretguest Olander");
  await guest.goto(invitePath);
  await guest.getByRole("button", { name: "Going", exact: true }).click();
  await expect(guest.getByTestId("rsvp-status")).toContainText("You are going.");

  const when = startInZone(startsAt.toJSDate(), "America/New_York");
  const tags = await previewTags(request, invitePath);
  expect(tags["og:title"]).toBe(title);
  expect(tags["twitter:card"]).toBe("summary_large_image");
  expect(tags["og:description"]).toContain(when);
  expect(tags["og:description"]).toContain("Episode 4");
  expect(tags["og:description"]).toContain("Hosted by Renée Host");
  expect(tags["og:image:width"]).toBe("1200");
  expect(tags["og:image:height"]).toBe("630");
  expect(tags["twitter:image"]).toBe(tags["og:image"]);
  expect(JSON.stringify(tags)).not.toContain("Secretguest");

  // The image: a 1200 × 630 PNG, reachable only with the invite token.
  const image = new URL(tags["og:image"]!);
  expect(await pngSize(request, image.pathname + image.search)).toEqual({ width: 1200, height: 630, type: "image/png" });
  expect((await request.get(`/api/parties/${id}/card.png`, { headers: { cookie: "" } })).status()).toBe(404);
  expect((await request.get(`/parties/${id}`, { headers: { cookie: "" } })).status()).toBe(404);

  // What the image says, read from the page that renders the same card.
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`/parties/${id}/card${image.search}`);
  const card = anonymous.getByTestId("invite-card");
  for (const word of title.split(" ")) await expect(card).toContainText(word);
  await expect(card).toContainText(when);
  await expect(card).toContainText("Episode 4");
  await expect(card).toContainText("Hosted by Renée Host");
  await expect(card).not.toContainText("Secretguest");
  await expectNoSeriousA11yViolations(anonymous);
  for (const width of [375, 1280]) {
    await anonymous.setViewportSize({ width, height: 900 });
    await anonymous.screenshot({ path: test.info().outputPath(`card-page-${width}.png`), fullPage: true });
  }

  // Cancelled: the card and the tags say so.
  host.once("dialog", (d) => void d.accept());
  const cancelled = await host.request.post(`/api/parties/${id}/cancel`, { data: {} });
  expect(cancelled.status()).toBe(200);
  const after = await previewTags(request, invitePath);
  expect(after["og:title"]).toBe(`Cancelled: ${title}`);
  expect(after["og:description"]).toMatch(/^Cancelled\./);
  await anonymous.reload();
  await expect(anonymous.getByTestId("invite-card")).toHaveAttribute("data-cancelled", "true");
  await expect(anonymous.getByTestId("invite-card")).toContainText("This party was cancelled.");
  expect(await pngSize(request, image.pathname + image.search)).toMatchObject({ width: 1200, height: 630 });
});

test("the landing page carries a card too", async ({ request, page }) => {
  const tags = await previewTags(request, "/");
  expect(tags["og:title"]).toBe("Watch Ballard together");
  expect(tags["twitter:card"]).toBe("summary_large_image");
  const image = new URL(tags["og:image"]!);
  expect(image.pathname).toBe("/api/card.png");
  expect(await pngSize(request, image.pathname)).toEqual({ width: 1200, height: 630, type: "image/png" });
  await page.goto("/card");
  for (const word of ["Watch", "Ballard", "together"]) await expect(page.getByTestId("card-title")).toContainText(word);
});

test("Share invite copies the link where the browser cannot share, and shares it where it can, on the party page and in the room", async ({ browser }) => {
  test.setTimeout(90_000);
  const host = await memberIn(browser, "Sharing Host");
  await host.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const created = await host.request.post("/api/parties", {
    data: { title: "Share me", episodePlan: "single", episodeFrom: 1, startsAtLocal: DateTime.now().setZone("UTC").plus({ minutes: 10 }).toFormat("yyyy-LL-dd'T'HH:mm"), timeZone: "UTC", visibility: "public" },
  });
  const { id } = ((await created.json()) as { party: { id: string } }).party;
  await host.goto(`/parties/${id}`);
  const inviteUrl = await host.getByTestId("invite-link").inputValue();
  // Chromium on Linux has no Web Share API: the link is copied.
  expect(await host.evaluate(() => typeof navigator.share)).toBe("undefined");
  await host.getByRole("button", { name: "Share invite" }).click();
  await expect(host.getByTestId("share-invite-status")).toHaveText("Invite link copied: paste it into a chat.");
  expect(await host.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
  await expect(host.getByTestId("reminders-off")).toContainText("E-mail reminders are not set up on this server.");
  await expectNoSeriousA11yViolations(host);
  for (const width of [375, 1280]) {
    await host.setViewportSize({ width, height: 900 });
    await host.screenshot({ path: test.info().outputPath(`party-page-${width}.png`), fullPage: true });
  }

  // A browser with the Web Share API (a phone): the share sheet gets the link (it is stood in for here, the one part not run for real).
  const phone = await memberIn(browser, "Phone Guest");
  await phone.addInitScript(() => {
    const shared: ShareData[] = [];
    Object.assign(window, { __shared: shared });
    Object.defineProperty(navigator, "share", { value: (data: ShareData) => (shared.push(data), Promise.resolve()), configurable: true });
  });
  await phone.goto(`/parties/${id}/room`);
  await phone.setViewportSize({ width: 1280, height: 900 });
  await phone.getByTestId("room-share-invite").click();
  await expect(phone.getByTestId("room-share-invite-status")).toHaveText("Invite shared.");
  const shared = await phone.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared);
  expect(shared).toEqual([expect.objectContaining({ url: inviteUrl })]);
});
