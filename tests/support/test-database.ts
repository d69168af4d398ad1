import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "@/server/db/client";
import type { DatabaseTarget } from "@/server/db/database-target";

export type TestDatabaseKind = DatabaseTarget["kind"];

/** The kinds integration suites run against: always PGlite; PostgreSQL too when TEST_DATABASE_URL names a server. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];
}

export interface TestDatabase {
  target: DatabaseTarget;
  /** Opens the database (applying migrations); may be called again after close to test a restart. */
  open(): Promise<Database>;
  /** Closes what was opened and deletes the database. */
  destroy(): Promise<void>;
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the given kind: a temporary PGlite folder, or a new database on the server. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  let target: DatabaseTarget;
  let drop: () => Promise<void>;
  if (kind === "embedded") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bwp-test-"));
    target = { kind, dir: path.join(dir, "pglite") };
    drop = () => rm(dir, { recursive: true, force: true });
  } else {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `bwp_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = { kind, url: url.toString() };
    drop = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const opened: Database[] = [];
  return {
    target,
    async open() {
      const db = await openDatabase({ target });
      opened.push(db);
      return db;
    },
    async destroy() {
      for (const db of opened.splice(0)) await db.close().catch(() => undefined);
      await drop();
    },
  };
}
