import { spawn } from "node:child_process";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseInUseError } from "@/server/db/serving-lock";
import { openClusterTopology } from "@/server/topology/cluster";
import { openSingleProcessTopology } from "@/server/topology/single-process";
import { clusterTier } from "../support/cluster-tier";
import { freePort } from "../support/process-cluster";
import { deleteKeys, startTestApp, TEST_AUTH_SECRET, testRedisUrl, type TestApp } from "../support/test-app";
import { createTestDatabase } from "../support/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const logger = pino({ level: "silent" });

/** Runs `server/main.ts` as `npm start` does on `databaseUrl`; resolves with its exit code and what it wrote. */
async function startMain(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, REDIS_URL: "", AUTH_SECRET: TEST_AUTH_SECRET, PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "error" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

/**
 * A single-process server keeps reads in memory that only its own writes
 * change: it holds its PostgreSQL database's serving lock, and a second
 * server on the database refuses to start rather than serve stale reads.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("the database's serving lock", () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres" });
    const target = app.databaseTarget;
    if (target.kind !== "postgres") throw new Error("a PostgreSQL database was asked for");
    url = target.url;
  });
  afterAll(() => app.close());

  it("a second single-process server on the same database refuses to start, saying why", async () => {
    const { code, output } = await startMain(url);
    expect(code).toBe(1);
    expect(output).toContain("Another server is already serving this PostgreSQL database");
    expect(output).toContain("The server did not start.");
    // The first one still serves.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  }, 60_000);

  it("is refused in-process too, typed, and free again once the holder closes", async () => {
    await expect(openSingleProcessTopology({ database: { kind: "postgres", url }, logger, lockWaitMs: 0 })).rejects.toBeInstanceOf(DatabaseInUseError);
    await app.restart();
    // restart closed the first holder before the new one took the lock: the new one serves.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it.skipIf(!clusterTier)("keeps cluster processes and a single-process server apart, both ways", async () => {
    const database = await createTestDatabase("postgres");
    const own = database.target.kind === "postgres" ? database.target.url : "";
    const keyPrefix = `bwp-test-lock-${Date.now()}:`;
    const redis = { url: testRedisUrl(), keyPrefix };
    try {
      // One process holds the lock: a cluster process is refused.
      const first = await openSingleProcessTopology({ database: { kind: "postgres", url: own }, logger, lockWaitMs: 0 });
      await expect(openClusterTopology({ redis, databaseUrl: own, logger, lockWaitMs: 0 })).rejects.toThrow(/single-process server .* is serving this PostgreSQL database/);
      await first.close();
      // Two cluster processes share it; a single-process server is refused while they run.
      const one = await openClusterTopology({ redis, databaseUrl: own, logger, lockWaitMs: 0 });
      const two = await openClusterTopology({ redis, databaseUrl: own, logger, lockWaitMs: 0 });
      await expect(openSingleProcessTopology({ database: { kind: "postgres", url: own }, logger, lockWaitMs: 0 })).rejects.toBeInstanceOf(DatabaseInUseError);
      await one.close();
      await two.close();
      const single = await openSingleProcessTopology({ database: { kind: "postgres", url: own }, logger, lockWaitMs: 0 });
      await single.close();
    } finally {
      await deleteKeys(keyPrefix);
      await database.destroy();
    }
  });
});
