import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { AppError } from "../errors";
import type { GenerateRequest, GenerateResponse } from "./generate-questions.types";

/** Proposes questions from an article somewhere other than the caller's event loop. */
export interface QuestionGenerator {
  generate(input: GenerateRequest): Promise<GenerateResponse>;
  /** Lets queued and running articles finish, then stops the threads. */
  close(): Promise<void>;
}

export interface GeneratorPoolOptions {
  /** Worker threads; each keeps one core busy while it works. */
  threads: number;
  /** Articles that may wait for a free thread; one more is answered BUSY. */
  maxQueue: number;
  /** A task running longer is cancelled (its thread is replaced) and answered BUSY. */
  timeoutMs: number;
}

/** A 20,000-character article, the longest accepted, takes about this long on one core (ms). */
const LONGEST_ARTICLE_MS = 500;

/**
 * For a 2-core machine: one thread leaves the other core to the event loop
 * (sockets, pages, the database). Four waiting articles wait at most about
 * 2.5 s; a 10 s timeout is twenty times the longest article and stops only a
 * runaway task.
 */
export const DEFAULT_GENERATOR_POOL: GeneratorPoolOptions = { threads: 1, maxQueue: 4, timeoutMs: 10_000 };
/** What a worker thread may hold: far above one article's needs, far below the machine's memory. */
const WORKER_HEAP_MB = 256;
/** An idle thread is stopped after this long and started again by the next article. */
const IDLE_MS = 5 * 60_000;

const WORKER = path.join(import.meta.dirname, "generate-questions.worker.ts");
// The worker is TypeScript: each thread loads tsx's loader first (a runtime dependency).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export function createGeneratorPool(options: GeneratorPoolOptions = DEFAULT_GENERATOR_POOL): QuestionGenerator {
  const pool = new Piscina<GenerateRequest, GenerateResponse>({
    filename: WORKER,
    execArgv: ["--import", TSX_LOADER],
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: IDLE_MS,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // piscina's own maxQueue does not count tasks that carry an AbortSignal (they wait
  // in a separate queue), and every task here has one for its timeout: the bound is kept here.
  const capacity = options.threads + options.maxQueue;
  let inFlight = 0;
  // About how long a full queue takes to drain, for Retry-After.
  const retryAfterSeconds = Math.ceil((capacity * LONGEST_ARTICLE_MS) / 1000 / options.threads);
  return {
    async generate(input) {
      if (inFlight >= capacity) {
        throw new AppError("BUSY", `Many articles are being turned into questions right now. Try again in ${retryAfterSeconds} s.`, undefined, {
          retryAfterSeconds,
        });
      }
      inFlight += 1;
      try {
        return await pool.run(input, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        if (error instanceof Error && error.name === "AbortError") {
          throw new AppError("BUSY", "Proposing questions from this article took too long. Try again in a minute, or paste a shorter article.", undefined, {
            retryAfterSeconds: 60,
          });
        }
        throw error;
      } finally {
        inFlight -= 1;
      }
    },
    close: () => pool.close(),
  };
}
