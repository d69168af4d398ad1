import pg from "pg";

/**
 * The key of the session-level advisory lock processes take around their
 * migrations. Prisma's engine takes its own (72707369) but gives up after 10 s,
 * so N processes starting at once on an empty database would fail while the
 * first one migrates; this one waits as long as the holder lives, and a
 * different key keeps the engine's own lock free for the holder.
 */
export const MIGRATION_LOCK_KEY = 4_207_120_412;

/**
 * Runs `work` while holding the migration lock on one dedicated connection:
 * the others wait, then find nothing left to apply. The lock goes with the
 * connection, so a process dying mid-migration frees it.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "ballard-watch-party migrations" });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0]?.locked) {
      onWait?.();
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
