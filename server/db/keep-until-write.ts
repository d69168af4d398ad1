/**
 * Reads kept per owner (a party, a user) until the next write to that owner,
 * for a process that is the only writer of its database: every write goes
 * through `write`, so nothing kept can be older than the last write.
 *
 * A read answered after a write to its owner began is not kept (the owner's
 * write counter moved while it ran), and what was kept for the owner is
 * dropped when a write begins and again when it returns, before its caller
 * goes on (say, to broadcast a message), so a read that comes after a write
 * returned sees it. The oldest owner goes first when `maxOwners` are kept.
 */
export function keepUntilWrite(maxOwners: number) {
  const kept = new Map<string, Map<string, Promise<unknown>>>();
  /**
   * Per owner with reads under way: how many, and the writes begun since the
   * first of them. Only such owners are counted (a write with no read under
   * way has nothing to spoil), so the map is as large as the reads in flight,
   * not as the owners ever written to.
   */
  const inFlight = new Map<string, { reads: number; writes: number }>();
  const written = (owner: string) => {
    const counter = inFlight.get(owner);
    if (counter) counter.writes++;
    kept.delete(owner);
  };
  return {
    /** The kept answer of `slot` for `owner`, or `load()`'s, kept if no write to `owner` began meanwhile. */
    read<V>(owner: string, slot: string, load: () => Promise<V>): Promise<V> {
      const hit = kept.get(owner)?.get(slot);
      if (hit) return hit as Promise<V>;
      let counter = inFlight.get(owner);
      if (!counter) inFlight.set(owner, (counter = { reads: 0, writes: 0 }));
      counter.reads++;
      const before = counter.writes;
      const reading = load();
      const settle = (keep: boolean) => {
        const unchanged = counter.writes === before;
        if (--counter.reads === 0) inFlight.delete(owner);
        if (!keep || !unchanged) return;
        let slots = kept.get(owner);
        if (!slots) {
          if (kept.size >= maxOwners) kept.delete(kept.keys().next().value!);
          kept.set(owner, (slots = new Map()));
        }
        slots.set(slot, reading);
      };
      reading.then(
        () => settle(true),
        () => settle(false),
      );
      return reading;
    },
    /** Runs a write to `owner`: nothing read before it returns is kept. */
    async write<V>(owner: string, run: () => Promise<V>): Promise<V> {
      written(owner);
      try {
        return await run();
      } finally {
        written(owner);
      }
    },
    /** Owners with something kept, and owners with reads under way (for tests and the soak bench). */
    sizes: () => ({ kept: kept.size, inFlight: inFlight.size }),
  };
}
