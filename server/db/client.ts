import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-target";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { openPGlite } from "./pglite";
import { migrationAdapterFactory } from "./schema-engine";

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: PrismaClient;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations and returns the one Prisma
 * client of this process. The embedded database is opened once and shared by
 * the migration engine and the client: a PGlite folder allows one opener.
 */
export async function openDatabase(options: { target: DatabaseTarget; migrate?: boolean }): Promise<Database> {
  const { target } = options;
  const pglite: PGlite | undefined = target.kind === "embedded" ? openPGlite(target.dir) : undefined;
  const adapter = pglite ? new PrismaPGlite(pglite) : new PrismaPg({ connectionString: (target as { url: string }).url });

  if (options.migrate !== false) {
    await applyMigrations({
      adapterFactory: pglite ? migrationAdapterFactory({ kind: "pglite", client: pglite }) : migrationAdapterFactory(target),
    });
  }

  const prisma = new PrismaClient({ adapter });
  return {
    kind: target.kind,
    prisma,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}
