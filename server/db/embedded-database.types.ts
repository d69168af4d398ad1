import type { ConnectionInfo, Error as DriverError, IsolationLevel, SqlQuery, TransactionOptions } from "@prisma/driver-adapter-utils";

/**
 * The messages between the main thread and the thread that owns the embedded
 * database (embedded-database.ts, embedded-database.worker.ts). Both sides are
 * this project's code, so the types are compile-time only.
 */

export interface EmbeddedWorkerData {
  dir: string;
  migrate: boolean;
  /** Open (creating it when new), migrate, close and stop: the thread that then serves never holds initdb's or the migration engine's memory. */
  prepareOnly?: boolean;
  modules: { pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module };
}

/** An operation of Prisma's driver-adapter interface; `tx` names an open transaction. */
export type EmbeddedRequest =
  | { id: number; op: "queryRaw" | "executeRaw"; tx?: number; query: SqlQuery }
  | { id: number; op: "executeScript"; script: string }
  | { id: number; op: "startTransaction"; isolationLevel?: IsolationLevel }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "close" };

/** A driver error keeps Prisma's mapped form (the PostgreSQL code included); anything else its name and message. */
export type EmbeddedFailure = { driver: DriverError } | { name: string; message: string; stack?: string };

export type EmbeddedReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: EmbeddedFailure };

/** The worker's first message, once the database is open and migrated. */
export interface EmbeddedReady {
  ready: true;
  adapterName: string;
  connectionInfo: ConnectionInfo;
}

export type EmbeddedTransactionStarted = { tx: number; options: TransactionOptions };
