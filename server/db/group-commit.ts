/**
 * Group commit: calls that arrive while a write is in flight are written
 * together by the next one (one statement for many rows), each caller still
 * waiting for its own outcome. `write` answers every item of its batch, in
 * order; when it throws, every caller of that batch gets the error.
 *
 * `inFlight` (default 1) writes may run at once, each on its own connection:
 * a call that arrives while fewer are running starts a write at once instead
 * of waiting for the running one to end. With more than one, batches commit
 * in any order: only for callers that keep their own order (one party's
 * messages are stored one at a time, chat-delivery.ts) and a database with a
 * connection pool (an embedded database answers one call at a time, so only
 * the batching would be lost).
 */
export function groupCommit<I, O>(write: (batch: I[]) => Promise<O[]>, options: { inFlight?: number } = {}): (input: I) => Promise<O> {
  const inFlight = options.inFlight ?? 1;
  let pending: Array<{ input: I; resolve(value: O): void; reject(error: unknown): void }> = [];
  let running = 0;

  async function flush(): Promise<void> {
    running++;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const outcomes = await write(batch.map((item) => item.input));
        batch.forEach((item, i) => item.resolve(outcomes[i]!));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    running--;
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (running < inFlight) void flush();
    });
}
