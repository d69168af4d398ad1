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
  /** An article running longer is cancelled (its thread is replaced) and answered BUSY; waiting does not count. */
  timeoutMs: number;
  /** Start the threads (and load the generator in them) now rather than on the first article; a pool that is not warm stops an idle thread. */
  warm: boolean;
}

/** A 20,000-character article, the longest accepted, takes about this long on one core (ms). */
const LONGEST_ARTICLE_MS = 500;

/**
 * For a 2-core machine: one thread leaves the other core to the event loop
 * (sockets, pages, the database). Four waiting articles wait at most about
 * 2.5 s; a 10 s timeout is twenty times the longest article and stops only a
 * runaway task. Not warm: the thread (~76 MB with the generator loaded) starts
 * on the first article and stops after IDLE_MS without one; that first article
 * waits a few seconds more while the thread loads the generator
 * (docs/performance.md, "Where the memory goes").
 */
export const DEFAULT_GENERATOR_POOL: GeneratorPoolOptions = { threads: 1, maxQueue: 4, timeoutMs: 10_000, warm: false };
/** What a worker thread may hold: far above one article's needs, far below the machine's memory. */
const WORKER_HEAP_MB = 256;
/**
 * The threads run at a lower CPU priority (Linux nice, per thread, through
 * piscina's optional @napi-rs/nice): on a busy machine the event loop gets the
 * core first, and the generator takes what is left.
 */
const WORKER_NICE = 10;
/** An idle thread of a pool that is not warm is stopped after this long. */
const IDLE_MS = 5 * 60_000;

const WORKER = path.join(import.meta.dirname, "generate-questions.worker.ts");
// The worker is TypeScript: each thread loads tsx's loader first (a runtime dependency).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function busy(message: string, retryAfterSeconds: number): AppError {
  return new AppError("BUSY", message, undefined, { retryAfterMs: retryAfterSeconds * 1000 });
}

/**
 * Articles wait here, not in piscina, and go to the pool only when a thread is
 * free: so the timeout counts from when an article starts, and the bound on
 * waiting articles holds (piscina's own maxQueue does not count tasks that
 * carry an AbortSignal, and every task here has one).
 */
export function createGeneratorPool(options: GeneratorPoolOptions = DEFAULT_GENERATOR_POOL): QuestionGenerator {
  const pool = new Piscina<GenerateRequest, GenerateResponse>({
    filename: WORKER,
    execArgv: ["--import", TSX_LOADER],
    minThreads: options.warm ? options.threads : 0,
    maxThreads: options.threads,
    idleTimeout: IDLE_MS,
    niceIncrement: WORKER_NICE,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // About how long a full queue takes to drain, for Retry-After.
  const retryAfterSeconds = Math.ceil(((options.threads + options.maxQueue) * LONGEST_ARTICLE_MS) / 1000 / options.threads);
  let running = 0;
  const waiting: Array<() => void> = [];
  let closing = false;
  let drained: (() => void) | undefined;

  /** Hands the finished article's thread to the next one waiting. */
  function release(): void {
    const next = waiting.shift();
    if (next) return next();
    running -= 1;
    if (running === 0) drained?.();
  }

  return {
    async generate(input) {
      if (closing || running + waiting.length >= options.threads + options.maxQueue) {
        throw busy(`Many articles are being turned into questions right now. Try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
      }
      if (running < options.threads) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        // A thread that is starting loads the generator first: the timeout counts from when it can work.
        if (pool.threads.length < options.threads) await pool.run({ text: "" }, { name: "ready" });
        return await pool.run(input, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        if (error instanceof Error && error.name === "AbortError") {
          throw busy("Proposing questions from this article took too long. Try again in a minute, or paste a shorter article.", 60);
        }
        throw error;
      } finally {
        release();
      }
    },
    async close() {
      closing = true;
      if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
      await pool.close();
    },
  };
}
