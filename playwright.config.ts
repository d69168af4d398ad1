import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Debian's Chromium: Playwright's own browser download cannot run on these machines.
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!CHROMIUM) throw new Error("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH.");

// A fresh embedded database for every run.
const DATA_DIR = path.join(os.tmpdir(), `bwp-e2e-${process.pid}`);

export default defineConfig({
  testDir: "tests/e2e",
  // Through the balancer only (playwright.cluster.config.ts).
  testIgnore: ["cluster.spec.ts"],
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npx tsx scripts/build-if-needed.ts && npx tsx server/main.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      DATA_DIR,
      AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters",
      LOG_LEVEL: "warn",
      // One proxy hop is trusted, so each test account can sign up from an address of its own
      // (support.ts): sign-ups are limited per address, and every browser here is on 127.0.0.1.
      TRUST_PROXY: "1",
    },
  },
});
