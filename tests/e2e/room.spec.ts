import { expect, test } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

const seconds = (timecode: string) => timecode.split(":").reduce((total, part) => total * 60 + Number(part), 0);

test("two viewers share the clock and the chat; a viewer who is behind sees a later message blurred", async ({ browser }) => {
  const host = await memberIn(browser, "Host Q");
  const partyId = await createParty(host, "Room night");

  await host.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("timecode-value")).toHaveText("0:00");
  const guest = await guestIn(browser, "Guest Q");
  await guest.goto(`/parties/${partyId}/room`);
  await expect(guest.getByTestId("presence")).toContainText("Host Q");
  await expect(host.getByTestId("presence")).toContainText("Guest Q");
  // The host is told of the arrival once; the guest is not told of their own.
  await expect(host.getByTestId("notice").filter({ hasText: "Guest Q joined." })).toHaveCount(1);
  await expect(guest.getByTestId("notice").filter({ hasText: "joined." })).toHaveCount(0);
  await expect(guest.getByText("The host controls playback.")).toBeVisible();

  await host.getByRole("button", { name: "Play", exact: true }).click();
  await expect(guest.getByTestId("timecode")).toContainText("playing");
  await expect.poll(async () => seconds(await guest.getByTestId("timecode-value").innerText()), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

  await host.getByLabel("Your message").fill("Hello from the host");
  await host.getByRole("button", { name: "Send" }).click();
  await expect(host.getByTestId("messages")).toContainText("Hello from the host");
  await expect(guest.getByTestId("messages")).toContainText("Hello from the host");

  // The guest's stream runs 6 s behind: a message written now is ahead of them.
  for (let i = 0; i < 3; i++) await guest.getByRole("button", { name: "I'm 2 s behind" }).click();
  await expect(guest.getByTestId("my-drift")).toContainText("6 s behind");
  await host.getByLabel("Your message").fill("Did you see the badge?");
  await host.getByRole("button", { name: "Send" }).click();
  const latest = guest.getByTestId("message").last();
  await expect(latest.getByTestId("spoiler")).toHaveText("Did you see the badge?");
  await expect(latest.getByTestId("message-text")).toHaveCount(0);
  await expect(host.getByTestId("presence")).toContainText("-6.0 s");
  await latest.getByRole("button", { name: "Reveal spoiler" }).click();
  await expect(latest.getByTestId("message-text")).toHaveText("Did you see the badge?");

  await expectNoSeriousA11yViolations(guest);
  await expectNoSeriousA11yViolations(host);
});

test("cancelling the party closes its room for everyone in it", async ({ browser }) => {
  const host = await memberIn(browser, "Host Z");
  const partyId = await createParty(host, "Cancelled night");
  await host.goto(`/parties/${partyId}/room`);
  const guest = await guestIn(browser, "Guest Z");
  await guest.goto(`/parties/${partyId}/room`);
  await expect(guest.getByTestId("presence")).toContainText("Host Z");

  expect((await host.request.post(`/api/parties/${partyId}/cancel`, { data: {} })).status()).toBe(200);
  const closed = (page: typeof guest) => page.getByRole("alert").filter({ hasText: "This party was cancelled." });
  await expect(closed(guest)).toBeVisible();
  await expect(closed(host)).toBeVisible();
  await expect(guest.getByLabel("Your message")).toHaveCount(0);
  // Coming back finds the room closed too.
  await guest.reload();
  await expect(closed(guest)).toBeVisible();
  await expectNoSeriousA11yViolations(guest);
});
