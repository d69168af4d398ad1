import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "pino";

/**
 * The key of the session-level advisory lock a server holds on its PostgreSQL
 * database for as long as it serves it: exclusively when it is the only
 * process (its read caches trust that nobody else writes), shared when it is
 * one of several on Redis. A second single-process server on the database,
 * or a cluster process next to a single-process server, cannot take it and
 * refuses to start. (Advisory locks belong to one database: other databases
 * on the same server are not affected.)
 */
export const SERVING_LOCK_KEY = 4_207_120_413;

export class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseInUseError";
  }
}

export interface ServingLock {
  /** Gives the lock back and closes its connection. */
  release(): Promise<void>;
}

const REFUSALS = {
  exclusive:
    "Another server is already serving this PostgreSQL database. A server without REDIS_URL must be the only one on its database " +
    "(it keeps reads in memory that another server's writes would make stale): stop the other one, or run several processes with REDIS_URL (README, \"More than one process\").",
  shared:
    "A single-process server (one without REDIS_URL) is serving this PostgreSQL database: stop it before starting processes with REDIS_URL on it.",
} as const;

/**
 * Takes the serving lock on one dedicated connection, trying again for up to
 * `waitMs` (a server that was just stopped may not have been seen to go yet);
 * then throws a DatabaseInUseError that says what to do.
 */
export async function holdServingLock(options: { url: string; mode: "exclusive" | "shared"; logger: Logger; waitMs?: number }): Promise<ServingLock> {
  const { mode, logger } = options;
  const client = new pg.Client({ connectionString: options.url, application_name: `ballard-watch-party serving (${mode})`, keepAlive: true });
  await client.connect();
  const take = mode === "exclusive" ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
  const deadline = Date.now() + (options.waitMs ?? 5000);
  try {
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT ${take}($1) AS locked`, [SERVING_LOCK_KEY]);
      if (rows[0]?.locked) break;
      if (Date.now() >= deadline) throw new DatabaseInUseError(REFUSALS[mode]);
      await delay(250);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  let released = false;
  // The lock lives with the connection: losing it means another server could start on this database.
  client.on("error", (err) => {
    if (!released) logger.error({ err }, "lost the connection that holds the database's serving lock");
  });
  return {
    async release() {
      if (released) return;
      released = true;
      const give = mode === "exclusive" ? "pg_advisory_unlock" : "pg_advisory_unlock_shared";
      await client.query(`SELECT ${give}($1)`, [SERVING_LOCK_KEY]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
