import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { CLUSTER_PROCESS_PORTS } from "./cluster-ports";
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
  const guest = await guestIn(browser, "Guest on two");
  const [onHost, onGuest] = [await servedBy(host), await servedBy(guest)];
  expect(onGuest.processId).not.toBe(onHost.processId);
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

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Each process's id as its own port's /api/health says (straight to the process, not through the balancer). */
async function processIds(): Promise<Array<string | null>> {
  return Promise.all(
    CLUSTER_PROCESS_PORTS.map((port) =>
      fetch(`http://127.0.0.1:${port}/api/health`).then(
        async (r) => (r.ok ? ((await r.json()) as { processId: string }).processId : null),
        () => null,
      ),
    ),
  );
}

// Not yet passing: through the first drain both browsers move and chat goes on; after the second process
// drains, their new connections (HTTP 101 through HAProxy) close again about 3 s later, about when the
// drained process exits, and the pages do not reconnect, so the next message never gets its
// acknowledgement. Under investigation (is HAProxy still sending upgrades to the drained process, or
// does the page miss that close?); run it with E2E_SERVER_LOGS=1 LOG_LEVEL=info to see both sides.
// Seen so far: neither new process logs a connection from them, and the drained process exits about
// then, so the upgrades may reach the drained process after Socket.IO closed (Next's own upgrade
// listener stays) through a connection HAProxy keeps open to it.
test.fixme("a rolling restart (every process drained and replaced in turn) loses no chat message", async ({ browser }) => {
  test.setTimeout(240_000);
  const host = await memberIn(browser, "Host rolling");
  const partyId = await createParty(host, "Rolling restart");
  const guest = await guestIn(browser, "Guest rolling");
  await host.goto(`/parties/${partyId}/room`);
  await guest.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("timecode-value")).toHaveText("0:00");
  await expect(guest.getByTestId("timecode-value")).toHaveText("0:00");
  expect((await servedBy(guest)).processId).not.toBe((await servedBy(host)).processId);

  const sent: string[] = [];
  async function say(text: string) {
    await host.getByLabel("Your message").fill(text);
    await host.getByRole("button", { name: "Send" }).click();
    // Acknowledged (shown to its sender) before the next one; a send refused during a reconnect would fail here.
    await expect(host.getByTestId("messages")).toContainText(text, { timeout: 20_000 });
    sent.push(text);
  }
  await say("before the restart");

  const before = await processIds();
  const clusterPid = Number(readFileSync(path.join(ROOT, ".data", "cluster", `cluster-${new URL(test.info().project.use.baseURL!).port}.pid`), "utf8"));
  process.kill(clusterPid, "SIGHUP");
  for (let i = 1; ; i++) {
    await say(`during the restart ${i}`);
    const now = await processIds();
    if (now.every((id, p) => id !== null && id !== before[p])) break;
    if (i > 120) throw new Error(`the processes were not all replaced: ${JSON.stringify({ before, now })}`);
    await host.waitForTimeout(500);
  }
  await say("after the restart");

  for (const page of [host, guest]) {
    await expect(page.getByTestId("messages")).toContainText("after the restart", { timeout: 20_000 });
    const shown = await page.getByTestId("message-text").allInnerTexts();
    expect(shown).toEqual(sent);
  }
});
