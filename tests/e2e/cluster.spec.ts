import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { SOCKET_LIMITS } from "@/server/socket-limits";
import { CLUSTER_PROCESS_PORTS } from "./cluster-ports";
import { closeContexts, createParty, guestIn, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

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
const { points, duration } = SOCKET_LIMITS.chatPerPerson;
const CHAT_EVERY_MS = Math.ceil((duration * 1000) / points) + 500;

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

// One message every CHAT_EVERY_MS (with its acknowledgement) through the whole restart: the
// per-person chat limit (5 per 10 s, shared by every process) would refuse a faster pace.
test("a rolling restart (every process drained and replaced in turn) loses no chat message", async ({ browser }) => {
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
    if (sent.length > 0) await host.waitForTimeout(CHAT_EVERY_MS);
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
  }
  await say("after the restart");

  for (const page of [host, guest]) {
    await expect(page.getByTestId("messages")).toContainText("after the restart", { timeout: 20_000 });
    const shown = await page.getByTestId("message-text").allInnerTexts();
    expect(shown).toEqual(sent);
  }
});
