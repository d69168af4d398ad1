import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlQueryable } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-target";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { withMigrationLock } from "./migration-lock";
import { openPGlite } from "./pglite";
import { migrationAdapterFactory } from "./schema-engine";

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: PrismaClient;
  /**
   * The same database through Prisma's driver adapter, without the client:
   * for the few raw statements on a hot path (the chat insert), where the
   * client's own work per query costs more than the statement.
   */
  driver: SqlQueryable;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations and returns the one Prisma
 * client of this process. The embedded database is opened once and shared by
 * the migration engine and the client: a PGlite folder allows one opener.
 */
export async function openDatabase(options: {
  target: DatabaseTarget;
  migrate?: boolean;
  /** Called when another process holds the migration lock and this one waits for it. */
  onMigrationWait?: () => void;
}): Promise<Database> {
  const { target } = options;
  const pglite: PGlite | undefined = target.kind === "embedded" ? openPGlite(target.dir) : undefined;
  const adapter = pglite ? new PrismaPGlite(pglite) : new PrismaPg({ connectionString: (target as { url: string }).url });

  if (options.migrate !== false) {
    if (pglite) await applyMigrations({ adapterFactory: migrationAdapterFactory({ kind: "pglite", client: pglite }) });
    // Several processes may start at once on one server: one migrates, the others wait and find nothing to do.
    else if (target.kind === "postgres") await withMigrationLock(target.url, () => applyMigrations({ adapterFactory: migrationAdapterFactory(target) }), options.onMigrationWait);
  }

  const prisma = new PrismaClient({ adapter });
  const driver = await adapter.connect();
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
      await pglite?.close();
    },
  };
}
