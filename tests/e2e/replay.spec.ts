import { expect, test } from "@playwright/test";
import { closeContexts, createParty, expectNoSeriousA11yViolations, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

test("a friend watches the party back: a message appears once the replay clock passes its moment, and seeking back hides it again", async ({ browser }) => {
  // Three people, a refusal checked with axe and photographed at two widths: more than the default 30 s on a busy machine.
  test.slow();
  const host = await memberIn(browser, "Host R");
  const partyId = await createParty(host, "Replay night");

  // The night itself: one message at the start, then one (and a reaction) twenty seconds in.
  await host.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("timecode-value")).toHaveText("0:00");
  await host.getByLabel("Your message").fill("Here we go");
  await host.getByRole("button", { name: "Send" }).click();
  await expect(host.getByTestId("messages")).toContainText("Here we go");
  const playback = host.getByRole("group", { name: "Playback" });
  await playback.getByRole("button", { name: "Forward 10 s" }).click();
  await expect(host.getByTestId("timecode-value")).toHaveText("0:10");
  await playback.getByRole("button", { name: "Forward 10 s" }).click();
  await expect(host.getByTestId("timecode-value")).toHaveText("0:20");
  await host.getByLabel("Your message").fill("Did you see the badge?");
  await host.getByRole("button", { name: "Send" }).click();
  await expect(host.getByTestId("messages")).toContainText("Did you see the badge?");
  await host.getByRole("button", { name: "React 🔥 at this moment" }).click();

  // The friend who missed it, later, on their own replay clock.
  // A stranger who was never in it does not read the chat: a new party's replay is for its members.
  const stranger = await guestIn(browser, "Stranger R");
  await stranger.goto(`/parties/${partyId}/replay`);
  await expect(stranger.getByRole("alert").filter({ hasText: "This party's replay is for its members" })).toBeVisible();
  await expect(stranger.locator("body")).not.toContainText("Did you see the badge?");
  await expectNoSeriousA11yViolations(stranger);
  // Followed from an invitation, the refusal's way back keeps it.
  const partyPage = await host.context().newPage();
  await partyPage.goto(`/parties/${partyId}`);
  const invite = new URL(await partyPage.getByTestId("invite-link").inputValue()).search;
  await partyPage.close();
  await stranger.goto(`/parties/${partyId}/replay${invite}`);
  await expect(stranger.getByRole("link", { name: "Back to the party" })).toHaveAttribute("href", `/parties/${partyId}${invite}`);
  for (const width of [375, 1280]) {
    await stranger.setViewportSize({ width, height: 800 });
    await stranger.screenshot({ path: test.info().outputPath(`replay-refused-${width}.png`) });
  }

  // The friend answered the invitation (a member), and watches it back later.
  const friend = await guestIn(browser, "Friend R");
  await friend.goto(`/parties/${partyId}`);
  await friend.getByRole("button", { name: "Going", exact: true }).click();
  await expect(friend.getByTestId("rsvp-status")).toHaveText("You are going.");
  await friend.goto(`/parties/${partyId}/replay`);
  const log = friend.getByRole("log", { name: "Chat up to this point" });
  await expect(log).toContainText("Here we go");
  await expect(log).not.toContainText("Did you see the badge?");
  await expect(friend.getByTestId("heat-column")).toHaveCount(1);
  await expectNoSeriousA11yViolations(friend);

  // Keyboard only: the slider moves a second per arrow key.
  const slider = friend.getByRole("slider", { name: "Replay position" });
  await slider.focus();
  for (let i = 0; i < 19; i++) await friend.keyboard.press("ArrowRight");
  await expect(friend.getByTestId("replay-timecode")).toHaveText("0:19");
  await expect(log).not.toContainText("Did you see the badge?");
  await friend.keyboard.press("ArrowRight");
  await expect(friend.getByTestId("replay-timecode")).toHaveText("0:20");
  await expect(log).toContainText("Did you see the badge?");
  await expect(friend.getByTestId("reaction-bursts")).toContainText("🔥");

  // Seeking back hides it again (Tab to "Back 10 s", Enter).
  await friend.getByRole("button", { name: "Back 10 s" }).focus();
  await friend.keyboard.press("Enter");
  await expect(friend.getByTestId("replay-timecode")).toHaveText("0:10");
  await expect(log).not.toContainText("Did you see the badge?");
  await expect(friend.getByTestId("reaction-bursts")).not.toContainText("🔥");

  // The busiest moment on the heat map seeks there; playing runs the replay clock on.
  await friend.getByRole("button", { name: /^Jump to minute 0/ }).click();
  await expect(friend.getByTestId("replay-timecode")).toHaveText("0:00");
  await friend.getByRole("button", { name: "Play replay" }).click();
  await expect(friend.getByRole("button", { name: "Pause replay" })).toBeVisible();
  await expect(friend.getByTestId("replay-timecode")).not.toHaveText("0:00");
  await friend.getByRole("button", { name: "Pause replay" }).press("Enter");
  await expect(friend.getByRole("button", { name: "Play replay" })).toBeVisible();
  await expectNoSeriousA11yViolations(friend);
});

test("a party that does not exist has no replay page", async ({ browser }) => {
  const stranger = await guestIn(browser, "Stranger R");
  const response = await stranger.goto("/parties/abc123/replay");
  expect(response?.status()).toBe(404);
});
