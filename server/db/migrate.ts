import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createSchemaEngine, type MigrationAdapterFactory } from "./schema-engine";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Reads prisma/migrations the way Prisma's CLI does for `migrate deploy`. */
async function readMigrations(baseDir: string) {
  const lockfile = await readFile(path.join(baseDir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true });
  const directories = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      directories.map(async (dir) => {
        const content = await readFile(path.join(baseDir, dir, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Applies pending migrations in-process through the same WebAssembly schema
 * engine that serves `prisma migrate deploy`; returns the names applied.
 */
export async function applyMigrations(options: {
  adapterFactory: MigrationAdapterFactory;
  migrationsDir?: string;
}): Promise<string[]> {
  const engine = await createSchemaEngine({ datamodels: [], adapterFactory: options.adapterFactory });
  try {
    const result = await engine.applyMigrations({
      migrationsList: await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
