import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { CLUSTER_PORT, CLUSTER_PROCESS_PORTS } from "./tests/e2e/cluster-ports";

/**
 * The room and trivia browser tests through HAProxy in front of two app
 * processes on PostgreSQL and Redis (`npm run cluster`), each test's browsers
 * on different processes (support.ts `newPage`), plus a rolling restart. Run by scripts/test.sh when
 * TEST_DATABASE_URL and TEST_REDIS_URL are set; the cluster gets a database
 * and a Redis key prefix of its own, removed when it stops.
 */
const PORT = CLUSTER_PORT;
// Read by tests/e2e/support.ts (newPage): each new browser goes to another process than the one before.
process.env.E2E_CLUSTER = "1";

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ["cluster.spec.ts", "room.spec.ts", "trivia.spec.ts"],
  // Every page goes through HAProxy to one of two processes: twice the one-process default.
  timeout: 60_000,
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: `npx tsx scripts/cluster.ts ${CLUSTER_PROCESS_PORTS.length} --ephemeral`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 400_000,
    reuseExistingServer: false,
    // E2E_SERVER_LOGS=1 shows the processes' and HAProxy's output (with LOG_LEVEL, default warn).
    stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
    stderr: "pipe",
    // The cluster drains its processes and removes its database on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      PORT: String(PORT),
      CLUSTER_FIRST_PORT: String(CLUSTER_PROCESS_PORTS[0]),
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? "",
      REDIS_URL: process.env.TEST_REDIS_URL ?? "",
      AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
});
