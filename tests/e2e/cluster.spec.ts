import { expect, test, type Page } from "@playwright/test";
import { createParty, guestIn, memberIn } from "./support";

/** The process a page's browser context is kept to: HAProxy's cookie, and the process /api/health names through it. */
async function servedBy(page: Page): Promise<{ server: string | undefined; processId: string }> {
  const server = (await page.context().cookies()).find((c) => c.name === "bwp_server")?.value;
  const health = (await (await page.request.get("/api/health")).json()) as { processId: string };
  return { server, processId: health.processId };
}

test("browsers on two processes behind the balancer chat and share the clock", async ({ browser }) => {
  const host = await memberIn(browser, "Host on one");
  const partyId = await createParty(host, "Two processes");
  const onHost = await servedBy(host);
  // Round robin gives each new browser the next process; a few tries find the other one whatever came between.
  let guest: Page | undefined;
  for (let i = 0; i < 6 && !guest; i++) {
    const candidate = await guestIn(browser, `Guest ${i}`);
    if ((await servedBy(candidate)).processId !== onHost.processId) guest = candidate;
    else await candidate.context().close();
  }
  if (!guest) throw new Error("every browser landed on the host's process");
  const onGuest = await servedBy(guest);
  expect(onGuest.server).not.toBe(onHost.server);

  await host.goto(`/parties/${partyId}/room`);
  await guest.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("timecode-value")).toHaveText("0:00");
  await expect(guest.getByTestId("timecode-value")).toHaveText("0:00");
  await guest.getByLabel("Your message").fill("Hello from the other process");
  await guest.getByRole("button", { name: "Send" }).click();
  await expect(host.getByTestId("messages")).toContainText("Hello from the other process");
  await host.getByRole("button", { name: "Play", exact: true }).click();
  await expect(guest.getByTestId("timecode")).toContainText("playing");
});
