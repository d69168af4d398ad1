/**
 * Group commit: calls that arrive while a write is in flight are written
 * together by the next one (one statement for many rows), each caller still
 * waiting for its own outcome. `write` answers every item of its batch, in
 * order; when it throws, every caller of that batch gets the error.
 */
export function groupCommit<I, O>(write: (batch: I[]) => Promise<O[]>): (input: I) => Promise<O> {
  let pending: Array<{ input: I; resolve(value: O): void; reject(error: unknown): void }> = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
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
    flushing = false;
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (!flushing) void flush();
    });
}
