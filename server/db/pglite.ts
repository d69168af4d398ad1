import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

/** Opens (creating when new) the embedded database in a folder; PGlite wants the parent to exist. */
export function openPGlite(dir: string): PGlite {
  mkdirSync(dir, { recursive: true });
  return new PGlite(dir);
}
