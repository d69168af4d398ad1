import { mkdirSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

/** PostgreSQL's settings for the embedded database (docs/performance.md, "Where the memory goes"). */
export const PGLITE_SETTINGS = ["shared_buffers=16MB"];

/**
 * Opens (creating when new) the embedded database in a folder; PGlite wants the parent to exist.
 * `modules`: PGlite's WebAssembly, already compiled (else PGlite compiles it).
 */
export function openPGlite(dir: string, modules?: Pick<PGliteOptions, "pgliteWasmModule" | "initdbWasmModule">): PGlite {
  mkdirSync(dir, { recursive: true });
  return new PGlite(dir, { ...modules, postgresqlconf: PGLITE_SETTINGS });
}
