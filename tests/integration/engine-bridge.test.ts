import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl } from "@/server/db/database-target";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../support/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BRIDGE = path.join(ROOT, "prisma/engine-bridge.mjs");
const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");

/** The bridge as Prisma's CLI drives it: JSON-RPC lines on stdin and stdout. */
function startBridge(args: string[]) {
  const child = spawn(BRIDGE, args, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  const lines = readline.createInterface({ input: child.stdout });
  const received: Array<Record<string, unknown>> = [];
  const waiting: Array<() => void> = [];
  lines.on("line", (line) => {
    received.push(JSON.parse(line) as Record<string, unknown>);
    waiting.splice(0).forEach((wake) => wake());
  });
  let nextId = 1;
  return {
    received,
    async call(method: string, params: unknown): Promise<Record<string, unknown>> {
      const id = nextId++;
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      for (;;) {
        const answer = received.find((m) => m.id === id && !("method" in m));
        if (answer) return answer;
        await new Promise<void>((wake) => waiting.push(wake));
      }
    },
    stop() {
      child.stdin.end();
      child.kill();
    },
  };
}

async function queryColumn(target: TestDatabase["target"], sql: string): Promise<string[]> {
  if (target.kind === "embedded") {
    const db = new PGlite(target.dir);
    try {
      return (await db.query<{ value: string }>(sql)).rows.map((r) => r.value);
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query<{ value: string }>(sql)).rows.map((r) => r.value);
  } finally {
    await client.end();
  }
}

describe.each(testDatabaseKinds())("schema engine bridge on the %s database", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("prints its engine version", () => {
    const result = spawnSync(BRIDGE, ["--version"], { encoding: "utf8" });
    expect(result.stdout.trim()).toBe("schema-engine-cli 0edf323efd1d98336f3f0a68684b56f689b900d3");
  });

  it("answers can-connect-to-database through its exit code", () => {
    const url = databaseUrl(database.target);
    const ok = spawnSync(BRIDGE, ["--datasource", JSON.stringify({ url }), "cli", "can-connect-to-database"]);
    expect(ok.status).toBe(0);
    if (kind === "postgres") {
      const missing = new URL(url);
      missing.pathname = "/bwp_no_such_database";
      const refused = spawnSync(BRIDGE, ["--datasource", JSON.stringify({ url: missing.toString() }), "cli", "can-connect-to-database"], {
        encoding: "utf8",
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('"error_code":"P1003"');
    }
  });

  it("runs `prisma migrate deploy` offline, then reports nothing pending", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl(database.target) };
    if (database.target.kind === "embedded") {
      // The embedded default: no DATABASE_URL; the database is the data directory's pglite/ folder.
      delete env.DATABASE_URL;
      env.DATA_DIR = path.dirname(database.target.dir);
    }
    const deploy = spawnSync(process.execPath, [PRISMA_CLI, "migrate", "deploy"], { cwd: ROOT, env, encoding: "utf8" });
    expect(deploy.stdout + deploy.stderr).toContain("All migrations have been successfully applied.");
    expect(deploy.status).toBe(0);

    const again = spawnSync(process.execPath, [PRISMA_CLI, "migrate", "deploy"], { cwd: ROOT, env, encoding: "utf8" });
    expect(again.stdout).toContain("No pending migrations to apply.");
  }, 120_000);

  it("has applied every migration in prisma/migrations and created the schema's tables", async () => {
    const onDisk = (await readdir(path.join(ROOT, "prisma/migrations"), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const applied = await queryColumn(
      database.target,
      'SELECT migration_name AS value FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(applied).toEqual(onDisk);
    const tables = await queryColumn(database.target, "SELECT tablename AS value FROM pg_tables WHERE schemaname = 'public'");
    expect(tables).toEqual(expect.arrayContaining(["User", "Account", "Party", "Rsvp", "_prisma_migrations"]));
  });

  it("serves diff over JSON-RPC and asks the CLI to print the script, as the native engine does", async () => {
    const bridge = startBridge(["--datasource", JSON.stringify({ url: databaseUrl(database.target) })]);
    try {
      const schema = "datasource db {\n  provider = \"postgresql\"\n}\nmodel Clue {\n  id Int @id\n}\n";
      const answer = await bridge.call("diff", {
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(answer.result).toMatchObject({ exitCode: 0 });
      const print = bridge.received.find((m) => m.method === "print") as { params: { content: string } } | undefined;
      expect(print?.params.content).toContain('CREATE TABLE "Clue"');
    } finally {
      bridge.stop();
    }
  });

  it("answers an unsupported method with an error the CLI can show, and keeps serving", async () => {
    const bridge = startBridge(["--datasource", JSON.stringify({ url: databaseUrl(database.target) })]);
    try {
      const bad = await bridge.call("noSuchMethod", {});
      expect(bad.error).toMatchObject({ data: { message: 'The schema engine bridge does not support "noSuchMethod".' } });
      const version = await bridge.call("getDatabaseVersion", {
        datasource: { tag: "ConnectionString", url: databaseUrl(database.target) },
      });
      expect(String(version.result)).toMatch(/PostgreSQL/i);
    } finally {
      bridge.stop();
    }
  });
});

describe("prisma generate", () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "bwp-generate-"));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it("works offline through the bridge", async () => {
    // A copy of the schema that generates into a temporary folder, so the
    // client the other tests import is left alone.
    const schema = (await readFile(path.join(ROOT, "prisma/schema.prisma"), "utf8")).replace(
      'output       = "../server/db/generated"',
      'output       = "./client"',
    );
    await writeFile(path.join(out, "schema.prisma"), schema);
    const result = spawnSync(process.execPath, [PRISMA_CLI, "generate", "--schema", path.join(out, "schema.prisma")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.stdout + result.stderr).toContain("Generated Prisma Client (7.10.0)");
    expect(result.status).toBe(0);
    expect(existsSync(path.join(out, "client", "client.ts"))).toBe(true);
  }, 120_000);
});
