import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQueryable,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type {
  EmbeddedFailure,
  EmbeddedReady,
  EmbeddedReply,
  EmbeddedRequest,
  EmbeddedTransactionStarted,
  EmbeddedWorkerData,
} from "./embedded-database.types";

const WORKER = pathToFileURL(path.join(import.meta.dirname, "embedded-database.worker.ts")).href;
/**
 * The worker is TypeScript: its thread registers tsx's loader (a runtime
 * dependency) and then imports it. tsx does not register itself in worker
 * threads on Node 20, and a worker's execArgv would not reach its entry file.
 */
const WORKER_ENTRY = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); })`;

let compiled: Promise<EmbeddedWorkerData["modules"]> | undefined;

/**
 * PGlite's two WebAssembly modules, compiled once per process and handed to
 * each thread (a database opened again, as the tests do, does not compile them again).
 */
function pgliteModules(): Promise<EmbeddedWorkerData["modules"]> {
  const compile = async (file: string) => WebAssembly.compile(await readFile(new URL(import.meta.resolve(`@electric-sql/pglite/${file}`))));
  compiled ??= Promise.all([compile("pglite.wasm"), compile("initdb.wasm")]).then(([pgliteWasmModule, initdbWasmModule]) => ({ pgliteWasmModule, initdbWasmModule }));
  return compiled;
}

/** The embedded database, running on its own thread. */
export interface EmbeddedDatabase {
  /** Prisma's driver adapter: each call is answered by the thread. */
  adapter: SqlDriverAdapterFactory;
  /** Finishes the calls already made, closes the database and stops the thread. */
  close(): Promise<void>;
  /** The thread (tests stop it to see a crash surface). */
  thread: Worker;
}

type NewRequest = EmbeddedRequest extends infer R ? (R extends EmbeddedRequest ? Omit<R, "id"> : never) : never;

function rebuild(failure: EmbeddedFailure): Error {
  if ("driver" in failure) return new DriverAdapterError(failure.driver);
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/** What happens by default when the thread dies: the process fails loudly, as on any uncaught error. */
function crash(error: Error): void {
  process.nextTick(() => {
    throw error;
  });
}

/**
 * Opens the embedded database (PGlite) in a worker thread, which applies the
 * pending migrations first, so that PostgreSQL's WebAssembly never runs on
 * the caller's event loop. Calls are answered in the order the thread gets
 * them; PGlite itself keeps an open transaction apart from other calls.
 */
export async function startEmbeddedDatabase(options: {
  dir: string;
  migrate: boolean;
  /** Called once if the thread dies while open; every call waiting, and every later call, is refused. */
  onFailure?: (error: Error) => void;
}): Promise<EmbeddedDatabase> {
  const modules = await pgliteModules();
  const spawn = (data: Omit<EmbeddedWorkerData, "modules">) =>
    new Worker(WORKER_ENTRY, {
      eval: true,
      workerData: { ...data, modules } satisfies EmbeddedWorkerData,
      // Not the parent's flags (a CPU profile, tsx's own hooks): the loader above is the one registered.
      execArgv: [],
    });
  if (options.migrate) {
    // A thread of its own creates and migrates the database, then stops: a new folder's initdb and the
    // migration engine leave hundreds of MB behind in the thread that ran them (docs/performance.md).
    const preparing = spawn({ dir: options.dir, migrate: true, prepareOnly: true });
    await new Promise<void>((resolve, reject) => {
      preparing.once("error", reject);
      preparing.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The embedded database's thread stopped while preparing (exit code ${code}).`))));
    });
  }
  const thread = spawn({ dir: options.dir, migrate: false });
  const ready = await new Promise<EmbeddedReady>((resolve, reject) => {
    const exited = (code: number) => reject(new Error(`The embedded database's thread stopped while opening (exit code ${code}).`));
    thread.once("message", (message: EmbeddedReady) => {
      thread.off("error", reject).off("exit", exited);
      resolve(message);
    });
    thread.once("error", reject).once("exit", exited);
  });

  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let refusal: Error | undefined;
  let closing = false;
  // Like a PGlite opened in-process, an idle database does not keep the process alive.
  thread.unref();

  function fail(error: Error): void {
    if (refusal) return;
    refusal = error;
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
    (options.onFailure ?? crash)(error);
  }
  thread.on("message", (reply: EmbeddedReply) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) thread.unref();
    if (reply.ok) call.resolve(reply.value);
    else call.reject(rebuild(reply.error));
  });
  thread.on("error", (error) => fail(new Error(`The embedded database's thread failed: ${error.message}`, { cause: error })));
  thread.on("exit", (code) => {
    if (!closing) fail(new Error(`The embedded database's thread stopped (exit code ${code}).`));
  });

  function call<T>(request: NewRequest): Promise<T> {
    if (refusal) return Promise.reject(refusal);
    if (closing) return Promise.reject(new Error("The embedded database is closed."));
    const id = nextId++;
    if (waiting.size === 0) thread.ref();
    thread.postMessage({ ...request, id });
    return new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  const info = { provider: "postgres", adapterName: ready.adapterName } as const;
  const queryable = (tx?: number): SqlQueryable => ({
    ...info,
    queryRaw: (query) => call({ op: "queryRaw", query, ...(tx === undefined ? {} : { tx }) }),
    executeRaw: (query) => call({ op: "executeRaw", query, ...(tx === undefined ? {} : { tx }) }),
  });
  const adapter: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call({ op: "executeScript", script }),
    async startTransaction(isolationLevel): Promise<Transaction> {
      const { tx, options: txOptions } = await call<EmbeddedTransactionStarted>({ op: "startTransaction", ...(isolationLevel ? { isolationLevel } : {}) });
      return { ...queryable(tx), options: txOptions, commit: () => call({ op: "commit", tx }), rollback: () => call({ op: "rollback", tx }) };
    },
    getConnectionInfo: () => ready.connectionInfo,
    // The thread is stopped by close(), not by Prisma.
    dispose: async () => {},
  };

  return {
    adapter: { ...info, connect: async () => adapter },
    thread,
    async close() {
      if (closing) return;
      const closed = refusal ? undefined : call<void>({ op: "close" });
      closing = true;
      await closed;
      await thread.terminate();
    },
  };
}
