import { readFile } from "node:fs/promises";
import readline from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { databaseTargetFromUrl, type DatabaseTarget } from "./database-target";
import { createSchemaEngine, migrationAdapterFactory, type SchemaEngine } from "./schema-engine";

/**
 * The command line of Prisma's native schema-engine, served by the WebAssembly
 * engine: `--datamodels <files…> --datasource '{"url":…}'` then JSON-RPC 2.0 on
 * stdin/stdout, or `cli <command>` for one-shot database commands whose exit
 * code is the answer. Logs go to stderr as JSON lines, as the CLI expects.
 */
export const ENGINE_COMMIT = "0edf323efd1d98336f3f0a68684b56f689b900d3";

type RpcRequest = { jsonrpc: "2.0"; id?: number; method?: string; params?: unknown };

// The CLI names a few methods differently from the WebAssembly engine.
const METHOD_ALIASES: Record<string, string> = { getDatabaseVersion: "version" };
// Requests the bridge sends to the CLI (to print a diff) use ids far from the CLI's own.
let printRequestId = 1_000_000_000;

// The CLI reads a one-shot command's failure from this log target; P1003 ("database
// does not exist") makes it create the database.
function logLine(level: "INFO" | "ERROR", message: string, errorCode?: string): void {
  const fields = { message, error_code: errorCode };
  process.stderr.write(`${JSON.stringify({ level, target: "schema_engine::logger", fields })}\n`);
}

function connectionErrorCode(error: unknown): string {
  return (error as { code?: string }).code === "3D000" ? "P1003" : "P1001";
}

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** The error shape the CLI reads: `data.message` and, for known errors, `data.error_code`. */
function rpcError(error: unknown) {
  const e = error as { message?: string; code?: string; error_code?: string; meta?: unknown; is_panic?: boolean };
  const message = e?.message ?? String(error);
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: e?.is_panic ?? false, message, error_code: e?.error_code ?? e?.code, meta: e?.meta ?? null },
  };
}

async function callEngine(engine: SchemaEngine, method: string, params: unknown): Promise<unknown> {
  const name = METHOD_ALIASES[method] ?? method;
  const fn = (engine as unknown as Record<string, unknown>)[name];
  if (typeof fn !== "function") throw new Error(`The schema engine bridge does not support "${method}".`);
  const result = await (fn as (p: unknown) => Promise<unknown>).call(engine, params ?? {});
  // The WebAssembly engine returns a diff instead of printing it; the native
  // engine asks the CLI to print it, so the bridge does the same.
  if (name === "diff" && result && typeof (result as { stdout?: unknown }).stdout === "string") {
    send({ jsonrpc: "2.0", id: printRequestId++, method: "print", params: { content: (result as { stdout: string }).stdout } });
  }
  return result ?? null;
}

async function serveRpc(engine: SchemaEngine): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request: RpcRequest;
    try {
      request = JSON.parse(line) as RpcRequest;
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      continue;
    }
    // Replies from the CLI to our print requests carry no method.
    if (!request.method || request.id === undefined) continue;
    try {
      send({ jsonrpc: "2.0", id: request.id, result: await callEngine(engine, request.method, request.params) });
    } catch (error) {
      send({ jsonrpc: "2.0", id: request.id, error: rpcError(error) });
    }
  }
  return 0;
}

async function runOneShot(command: string | undefined, target: DatabaseTarget): Promise<number> {
  // The CLI skips the first line of a one-shot command's log, as the native engine's is a banner.
  logLine("INFO", `schema engine bridge ${ENGINE_COMMIT}: ${command}`);
  if (target.kind === "embedded") {
    // PGlite creates its folder when it opens it: it always exists and connects.
    if (command === "can-connect-to-database" || command === "create-database") return 0;
    logLine("ERROR", `"${command}" is not supported for the embedded database.`);
    return 1;
  }
  const url = new URL(target.url);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (command === "can-connect-to-database") {
    const client = new pg.Client({ connectionString: target.url });
    try {
      await client.connect();
      return 0;
    } catch (error) {
      logLine("ERROR", (error as Error).message, connectionErrorCode(error));
      return 1;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (command === "create-database" || command === "drop-database") {
    url.pathname = "/postgres";
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      const ident = client.escapeIdentifier(database);
      await client.query(command === "create-database" ? `CREATE DATABASE ${ident}` : `DROP DATABASE IF EXISTS ${ident}`);
      return 0;
    } catch (error) {
      logLine("ERROR", (error as Error).message);
      return 1;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  logLine("ERROR", `Unknown command "${command}".`);
  return 1;
}

export async function runBridge(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      datamodels: { type: "string", multiple: true },
      datasource: { type: "string" },
      version: { type: "boolean", short: "V" },
    },
  });
  if (values.version) {
    process.stdout.write(`schema-engine-cli ${ENGINE_COMMIT}\n`);
    return 0;
  }
  const datasource = typeof values.datasource === "string" ? (JSON.parse(values.datasource) as { url?: string }) : {};
  if (!datasource.url) {
    logLine("ERROR", "The schema engine bridge needs --datasource with a url.");
    return 1;
  }
  const target = databaseTargetFromUrl(datasource.url);
  if (positionals[0] === "cli") return runOneShot(positionals[1], target);

  const paths = (values.datamodels ?? []).filter((p): p is string => typeof p === "string");
  const datamodels = await Promise.all(paths.map(async (p): Promise<[string, string]> => [p, await readFile(p, "utf8")]));
  const engine = await createSchemaEngine({
    datamodels,
    adapterFactory: await migrationAdapterFactory(target),
    onLog: (line) => process.stderr.write(`${line}\n`),
  });
  return serveRpc(engine);
}
