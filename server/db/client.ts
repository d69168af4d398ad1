import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlQuery, SqlQueryable } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "./database-target";
import { startEmbeddedDatabase } from "./embedded-database";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { withMigrationLock } from "./migration-lock";
import { migrationAdapterFactory } from "./schema-engine";

/** How long an interactive transaction on the embedded database may wait for its turn. */
const EMBEDDED_TRANSACTION_MAX_WAIT_MS = 10_000;

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: PrismaClient;
  /**
   * The same database through Prisma's driver adapter, without the client:
   * for the few raw statements on a hot path (the chat insert), where the
   * client's own work per query costs more than the statement. On a
   * PostgreSQL server each of its statements is prepared once per connection
   * (`preparedName`): only statements whose text does not vary belong here.
   */
  driver: SqlQueryable;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const preparedNames = new Map<string, string>();
/**
 * The name node-postgres prepares a statement under: one per statement text
 * (a name is bound to its text on each connection). The driver's statements are
 * a fixed few (the chat insert, with or without the cluster's locks, and its
 * resend notification), so the map and each connection's statements stay that few.
 */
function preparedName(query: SqlQuery): string {
  let name = preparedNames.get(query.sql);
  if (!name) {
    name = `bwp_${createHash("sha256").update(query.sql).digest("hex").slice(0, 24)}`;
    preparedNames.set(query.sql, name);
  }
  return name;
}

/**
 * Opens the database, applies pending migrations and returns the one Prisma
 * client of this process. The embedded database lives on a worker thread that
 * opens its folder once (a PGlite folder allows one opener) and migrates it.
 */
export async function openDatabase(options: {
  target: DatabaseTarget;
  migrate?: boolean;
  /** Called when another process holds the migration lock and this one waits for it. */
  onMigrationWait?: () => void;
}): Promise<Database> {
  const { target } = options;
  const migrate = options.migrate !== false;
  const embedded = target.kind === "embedded" ? await startEmbeddedDatabase({ dir: target.dir, migrate }) : undefined;
  // Several processes may start at once on one server: one migrates, the others wait and find nothing to do.
  if (migrate && target.kind === "postgres") {
    await withMigrationLock(target.url, async () => applyMigrations({ adapterFactory: await migrationAdapterFactory(target) }), options.onMigrationWait);
  }

  const adapter = embedded ? embedded.adapter : new PrismaPg({ connectionString: (target as { url: string }).url });
  const prisma = embedded
    ? // One PGlite is one session: an interactive transaction waits for those ahead of it, each a few
      // round trips to the thread, so twenty at once (an RSVP rush) can wait past Prisma's 2 s default.
      new PrismaClient({ adapter, transactionOptions: { maxWait: EMBEDDED_TRANSACTION_MAX_WAIT_MS } })
    : new PrismaClient({ adapter });
  // The driver's own pool (as before: each connect() opens one), its statements named so each is parsed and planned once per connection.
  const driver = embedded ? await adapter.connect() : await new PrismaPg({ connectionString: (target as { url: string }).url }, { statementNameGenerator: preparedName }).connect();
  return {
    kind: target.kind,
    prisma,
    driver,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await driver.dispose();
      await embedded?.close();
    },
  };
}
