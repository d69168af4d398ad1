/**
 * A read that concurrent callers with the same key share. A call joins the
 * next read of its key that has not started yet; while a read of a key runs,
 * the calls that come meanwhile wait for it and then share the one after. So
 * every caller gets the answer of a read that started after its call, as fresh
 * as a read of its own, and a burst of n calls costs about two reads, not n.
 * Nothing is kept once a read is answered: there is nothing to invalidate, on
 * one process or on several.
 */
export function coalesceReads<A extends unknown[], V>(read: (...args: A) => Promise<V>, keyOf: (...args: A) => string): (...args: A) => Promise<V> {
  /** The read of each key that is running. */
  const running = new Map<string, Promise<V>>();
  /** The read of each key that callers wait for and that has not started. */
  const next = new Map<string, Promise<V>>();
  return (...args) => {
    const key = keyOf(...args);
    const waiting = next.get(key);
    if (waiting) return waiting;
    const settled = () => undefined;
    const start = (): Promise<V> => {
      next.delete(key);
      const reading = read(...args);
      running.set(key, reading);
      const done = () => void (running.get(key) === reading && running.delete(key));
      reading.then(done, done);
      return reading;
    };
    const queued = (running.get(key)?.then(settled, settled) ?? Promise.resolve()).then(start);
    next.set(key, queued);
    return queued;
  };
}
