import { readFile } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import type * as EngineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "./database-target";

export type { SchemaEngine };

type WasmExports = WebAssembly.Exports & { __wbindgen_start(): void };

let engineClass: Promise<typeof SchemaEngine> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly. The package imports its
 * .wasm file as an ES module, which Node 20 cannot do, so it is instantiated
 * here by hand with the package's own JavaScript glue as the import object.
 */
function loadEngineClass(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    // The engine reports a Rust panic's message here before it throws.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => process.stderr.write(`${JSON.stringify({ level: "ERROR", fields: { message } })}\n`),
    };
    const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(glueUrl)) as typeof EngineGlue & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(new URL("schema_engine_bg.wasm", glueUrl));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as WasmExports).__wbindgen_start();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

/**
 * An adapter factory for the target, as the schema engine needs it (with a shadow database).
 * PGlite's JavaScript is loaded only for an embedded target: imported, it holds ~39 MB in
 * the thread that loads it (docs/performance.md), and the main thread of a server never needs
 * it (on PostgreSQL, or with the embedded database, whose own thread opens it).
 */
export async function migrationAdapterFactory(target: DatabaseTarget | { kind: "pglite"; client: PGlite }): Promise<PrismaPg | PrismaPGlite> {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url });
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (target.kind === "pglite") return new PrismaPGlite(target.client);
  const { openPGlite } = await import("./pglite");
  return new PrismaPGlite(openPGlite(target.dir));
}

/** What `migrationAdapterFactory` gives. */
export type MigrationAdapterFactory = Awaited<ReturnType<typeof migrationAdapterFactory>>;

export type EngineLog = (line: string) => void;

export async function createSchemaEngine(options: {
  datamodels: Array<[path: string, content: string]>;
  adapterFactory: MigrationAdapterFactory;
  onLog?: EngineLog;
}): Promise<SchemaEngine> {
  const Engine = await loadEngineClass();
  return Engine.new(
    { datamodels: options.datamodels.length > 0 ? options.datamodels : undefined },
    (line: string) => options.onLog?.(line),
    bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
  );
}
