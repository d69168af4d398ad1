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
  /** Writes begun per owner: a counter for every owner ever written to (a few bytes each). */
  const writes = new Map<string, number>();
  const written = (owner: string) => {
    writes.set(owner, (writes.get(owner) ?? 0) + 1);
    kept.delete(owner);
  };
  return {
    /** The kept answer of `slot` for `owner`, or `load()`'s, kept if no write to `owner` began meanwhile. */
    read<V>(owner: string, slot: string, load: () => Promise<V>): Promise<V> {
      const hit = kept.get(owner)?.get(slot);
      if (hit) return hit as Promise<V>;
      const before = writes.get(owner) ?? 0;
      const reading = load();
      const keep = () => {
        if ((writes.get(owner) ?? 0) !== before) return;
        let slots = kept.get(owner);
        if (!slots) {
          if (kept.size >= maxOwners) kept.delete(kept.keys().next().value!);
          kept.set(owner, (slots = new Map()));
        }
        slots.set(slot, reading);
      };
      reading.then(keep, () => undefined);
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
  };
}
