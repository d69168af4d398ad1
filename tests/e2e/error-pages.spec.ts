import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { closeContexts, expectNoSeriousA11yViolations, formsReady } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function expectProblemPage(page: Page, heading: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Watch Ballard together");
}

test("an unknown page and a party that does not exist answer 404 with a way home", async ({ page }) => {
  for (const url of ["/no-such-page", "/parties/cnotarealparty000000000"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page).toHaveTitle(/Page not found/);
    await expectProblemPage(page, "Page not found");
  }
});

/** A free port for a second server (the first one's port is the run's E2E_PORT). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe("a stored party that cannot be shown", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bwp-e2e-unshowable-"));
  const email = "harry@example.com";
  const password = "the one who got away";
  let server: ChildProcess | undefined;
  let log = "";
  let baseURL = "";
  let ids: { brokenId: string; fineId: string };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The embedded database has one owner at a time: seed it, then start a second server on it.
    const seeded = spawnSync(process.execPath, ["--import", "tsx", "tests/e2e/seed-unshowable-party.ts", dataDir, email, password], { cwd: ROOT, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);
    ids = JSON.parse(seeded.stdout.trim().split("\n").pop()!) as typeof ids;
    const port = await freePort();
    baseURL = `http://localhost:${port}`;
    server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [500] })
      .toBe(200);
  });

  test.afterAll(() => {
    server?.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the home page, /my and the API still answer; the party's own page shows the error page with a way home", async ({ browser }) => {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto("/");
    await expect(page.getByTestId("upcoming")).toContainText("A fine party");
    await expect(page.getByTestId("upcoming")).not.toContainText("The year 10000");
    const api = await page.request.get("/api/parties");
    expect(api.status()).toBe(200);
    expect(((await api.json()) as { parties: Array<{ id: string }> }).parties.map((p) => p.id)).toEqual([ids.fineId]);

    await page.goto("/signin");
    await formsReady(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("Harry Bosch");
    await page.goto("/my");
    await expect(page.getByTestId("hosting")).toContainText("A fine party");
    await expect(page.getByTestId("hosting")).not.toContainText("The year 10000");
    await expectNoSeriousA11yViolations(page);

    const response = await page.goto(`/parties/${ids.brokenId}`);
    expect(response?.status()).toBe(500);
    await expect(page.getByTestId("problem-page").getByRole("alert")).toContainText("This page could not be shown.");
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    await expectProblemPage(page, "Something went wrong");

    expect(log).toContain("party left out of a list: its stored schedule cannot be shown");
  });
});
