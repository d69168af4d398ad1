import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Where the data lives: the embedded PGlite database (the default, a folder
 * inside the data directory) or a PostgreSQL server.
 */
export type DatabaseTarget =
  | { kind: "embedded"; dir: string }
  | { kind: "postgres"; url: string };

const EMBEDDED_PROTOCOL = "pglite:";

export function embeddedDatabaseDir(dataDir: string): string {
  return path.resolve(dataDir, "pglite");
}

/** The URL form of a target, as Prisma's CLI hands it to the schema engine. */
export function databaseUrl(target: DatabaseTarget): string {
  if (target.kind === "postgres") return target.url;
  return pathToFileURL(target.dir).href.replace(/^file:/, EMBEDDED_PROTOCOL);
}

export function databaseTargetFromUrl(url: string): DatabaseTarget {
  if (url.startsWith(EMBEDDED_PROTOCOL)) {
    return { kind: "embedded", dir: fileURLToPath(url.replace(EMBEDDED_PROTOCOL, "file:")) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error(`Unsupported database URL "${url.split(":")[0]}:…": use postgres:// or leave DATABASE_URL unset for the embedded database.`);
}

/** The target named by the environment: DATABASE_URL, else the embedded database in DATA_DIR. */
export function databaseTargetFromEnv(env: Record<string, string | undefined>): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return databaseTargetFromUrl(url);
  return { kind: "embedded", dir: embeddedDatabaseDir(env.DATA_DIR?.trim() || ".data") };
}
