import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { CLUSTER_PORT } from "./cluster-ports";
import { closeContexts, expectNoSeriousA11yViolations, signInAsMember } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

// The shared e2e server has no mail set up (the party page says so: invites.spec.ts).
// This spec starts a server of its own with SMTP_URL pointing at a real SMTP
// server on loopback, on the cluster tier's port (the two never run at once).
const PORT = CLUSTER_PORT;
const BASE = `http://localhost:${PORT}`;
let server: ChildProcess;
let sink: SmtpSink;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sink = await startSmtpSink();
  server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      DATA_DIR: path.join(os.tmpdir(), `bwp-e2e-mail-${process.pid}`),
      AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters",
      AUTH_URL: BASE,
      SMTP_URL: sink.url,
      MAIL_FROM: "Ballard Watch Party <reminders@party.test>",
      LOG_LEVEL: "warn",
      TRUST_PROXY: "1",
    },
  });
  await expect.poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 110_000, intervals: [500] }).toBe(200);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await sink?.close();
});

async function page(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: BASE })).newPage();
}

test("a guest opts in with a party-only address, gets the 15-minute reminder by e-mail, and stops the rest with its link", async ({ browser }) => {
  test.setTimeout(150_000);
  const host = await signInAsMember(await page(browser), "Mail Host");
  // Starts 15 minutes after the next whole minute: the 15-minute reminder is due now.
  const start = DateTime.now().setZone("UTC").startOf("minute").plus({ minutes: 16 });
  const created = await host.request.post("/api/parties", {
    data: { title: "Reminder night", episodePlan: "single", episodeFrom: 2, startsAtLocal: start.toFormat("yyyy-LL-dd'T'HH:mm"), timeZone: "UTC", visibility: "public" },
  });
  expect(created.status()).toBe(201);
  const { id } = ((await created.json()) as { party: { id: string } }).party;

  const guest = await page(browser);
  await guest.goto(`/parties/${id}`);
  // The invitation's one question: your name, then join (as going).
  await expect(guest.getByRole("button", { name: "Join the party" })).toBeEnabled();
  await guest.getByLabel("Your name").fill("Mailed Guest");
  await guest.getByRole("button", { name: "Join the party" }).click();
  await expect(guest.getByTestId("signed-in-as")).toContainText("Mailed Guest");
  await guest.getByRole("button", { name: "E-mail me reminders" }).click();
  await expect(guest.getByText("Enter an e-mail address.")).toBeVisible();
  await guest.getByLabel("Your e-mail").fill("mailed.guest@example.test");
  await guest.getByRole("button", { name: "E-mail me reminders" }).click();
  await expect(guest.getByTestId("reminders-said")).toHaveText("Reminders on: they go to mailed.guest@example.test.");
  await expect(guest.getByTestId("reminders-on")).toContainText("mailed.guest@example.test");
  await expectNoSeriousA11yViolations(guest);
  for (const width of [375, 1280]) {
    await guest.setViewportSize({ width, height: 900 });
    await guest.screenshot({ path: test.info().outputPath(`reminders-on-${width}.png`), fullPage: true });
  }

  // The server's own sweep (every 20 s) sends it.
  await expect.poll(() => sink.accepted.filter((m) => m.to.includes("mailed.guest@example.test")).length, { timeout: 90_000, intervals: [1000] }).toBe(1);
  const mail = sink.accepted.find((m) => m.to.includes("mailed.guest@example.test"))!;
  expect(mail.subject).toBe("Starting in 15 minutes: Reminder night");
  expect(mail.text).toContain(`${BASE}/parties/${id}/room`);
  const link = /(http:\/\/localhost:\d+\/reminders\/unsubscribe\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  await guest.goto(link);
  await guest.getByRole("button", { name: "Stop reminders for this party" }).click();
  await expect(guest.getByTestId("unsubscribe-done")).toHaveText("Done: no more reminders for this party.");
  await guest.goto(`/parties/${id}`);
  await expect(guest.getByRole("button", { name: "E-mail me reminders" })).toBeVisible();
});
