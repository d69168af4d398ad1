import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/server/db/migrate";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const PROCESSES = 4;

describe.skipIf(!process.env.TEST_DATABASE_URL)("several processes starting at once on an empty PostgreSQL database", () => {
  let testDatabase: TestDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase("postgres");
  });
  afterAll(() => testDatabase.destroy());

  it("apply every migration once, and every one of them starts", async () => {
    // Each open is one process's start-up: its own engine, connections and migration run.
    const databases = await Promise.all(Array.from({ length: PROCESSES }, () => testDatabase.open()));

    const expected = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const client = new pg.Client({ connectionString: (testDatabase.target as { url: string }).url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number; finished: boolean }>(
        `SELECT migration_name AS name, count(*)::int AS times, bool_and(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished
           FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name`,
      );
      expect(rows).toEqual(expected.map((name) => ({ name, times: 1, finished: true })));
    } finally {
      await client.end();
    }
    // Every process can use the database it opened.
    await Promise.all(databases.map((db) => db.ping()));
  });
});
