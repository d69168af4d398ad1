/**
 * The thread that owns the embedded database: it opens PGlite, applies the
 * migrations and answers Prisma's driver-adapter calls from the main thread
 * (embedded-database.ts), so PostgreSQL's WebAssembly runs off the event loop.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isDriverAdapterError, type SqlDriverAdapter, type Transaction } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { EmbeddedFailure, EmbeddedReady, EmbeddedReply, EmbeddedRequest, EmbeddedTransactionStarted, EmbeddedWorkerData } from "./embedded-database.types";
import { openPGlite } from "./pglite";

const port = parentPort!;
const { dir, migrate, prepareOnly, modules } = workerData as EmbeddedWorkerData;

const pglite = openPGlite(dir, modules);
if (migrate) {
  // Loaded only here: a serving thread that does not migrate never loads the migration engine.
  const [{ applyMigrations }, { migrationAdapterFactory }] = await Promise.all([import("./migrate"), import("./schema-engine")]);
  await applyMigrations({ adapterFactory: await migrationAdapterFactory({ kind: "pglite", client: pglite }) });
}
if (prepareOnly) {
  await pglite.close();
  process.exit(0);
}
const adapter: SqlDriverAdapter = await new PrismaPGlite(pglite).connect();

const transactions = new Map<number, Transaction>();
let nextTransaction = 1;
/** Calls started and not answered yet: closing waits for them, so no acknowledged write is lost. */
const running = new Set<Promise<void>>();

function transaction(tx: number): Transaction {
  const found = transactions.get(tx);
  if (!found) throw new Error(`The transaction ${tx} is not open.`);
  return found;
}

async function perform(request: Exclude<EmbeddedRequest, { op: "close" }>): Promise<unknown> {
  switch (request.op) {
    case "queryRaw":
      return (request.tx === undefined ? adapter : transaction(request.tx)).queryRaw(request.query);
    case "executeRaw":
      return (request.tx === undefined ? adapter : transaction(request.tx)).executeRaw(request.query);
    case "executeScript":
      return adapter.executeScript(request.script);
    case "startTransaction": {
      const started = await adapter.startTransaction(request.isolationLevel);
      const tx = nextTransaction++;
      transactions.set(tx, started);
      return { tx, options: started.options } satisfies EmbeddedTransactionStarted;
    }
    case "commit":
    case "rollback": {
      const open = transaction(request.tx);
      transactions.delete(request.tx);
      return request.op === "commit" ? open.commit() : open.rollback();
    }
  }
}

function failure(error: unknown): EmbeddedFailure {
  if (isDriverAdapterError(error)) return { driver: error.cause };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

async function close(id: number): Promise<void> {
  // A transaction still open has lost its caller (the client is disconnected): it ends unapplied,
  // and the calls waiting behind it can finish.
  const open = [...transactions.values()];
  transactions.clear();
  await Promise.allSettled(open.map((tx) => tx.rollback()));
  while (running.size > 0) await Promise.allSettled([...running]);
  await adapter.dispose();
  await pglite.close();
  port.postMessage({ id, ok: true, value: null } satisfies EmbeddedReply);
  port.close();
}

port.on("message", (request: EmbeddedRequest) => {
  if (request.op === "close") {
    void close(request.id);
    return;
  }
  const call = perform(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies EmbeddedReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: failure(error) } satisfies EmbeddedReply),
  );
  running.add(call);
  void call.finally(() => running.delete(call));
});

port.postMessage({ ready: true, adapterName: adapter.adapterName, connectionInfo: adapter.getConnectionInfo?.() ?? { supportsRelationJoins: true } } satisfies EmbeddedReady);
