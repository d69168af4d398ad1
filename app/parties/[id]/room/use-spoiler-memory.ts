"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { rememberPoint, type ShowPoint, type SpoilerMemory } from "@/shared/spoiler";

interface Stored {
  furthest: SpoilerMemory;
  revealed: string[];
  /** The viewer switched the shield off (messages marked as spoilers by their senders stay hidden). */
  off: boolean;
}

const EMPTY: Stored = { furthest: {}, revealed: [], off: false };
const key = (partyId: string) => `bwp:spoilers:${partyId}`;

function load(partyId: string): Stored {
  if (typeof window === "undefined") return EMPTY;
  try {
    const parsed = JSON.parse(window.localStorage.getItem(key(partyId)) ?? "null") as Partial<Stored> | null;
    const furthest = Object.fromEntries(Object.entries(parsed?.furthest ?? {}).filter(([, v]) => typeof v === "number")) as SpoilerMemory;
    const revealed = Array.isArray(parsed?.revealed) ? parsed.revealed.filter((id): id is string => typeof id === "string") : [];
    return { furthest, revealed, off: parsed?.off === true };
  } catch {
    return EMPTY;
  }
}

/** One party's memory on this device, kept in localStorage. */
function createSpoilerStore(partyId: string) {
  let state = load(partyId);
  const listeners = new Set<() => void>();
  const set = (next: Stored) => {
    if (next === state) return;
    state = next;
    try {
      window.localStorage.setItem(key(partyId), JSON.stringify(state));
    } catch {
      // Private mode or a full quota: the shield still works for this visit.
    }
    listeners.forEach((l) => l());
  };
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get: () => state,
    remember(point: ShowPoint) {
      const furthest = rememberPoint(state.furthest, point);
      if (furthest !== state.furthest) set({ ...state, furthest });
    },
    reveal(messageId: string) {
      if (!state.revealed.includes(messageId)) set({ ...state, revealed: [...state.revealed, messageId] });
    },
    setOff(off: boolean) {
      if (off !== state.off) set({ ...state, off });
    },
  };
}

/**
 * The spoiler shield's memory for one party on this device: the furthest point
 * reached in each episode and the messages revealed by hand, so a rewind, an
 * episode change or a reload hides nothing again.
 */
export function useSpoilerMemory(partyId: string, point: ShowPoint | null) {
  const [store] = useState(() => createSpoilerStore(partyId));
  const stored = useSyncExternalStore(store.subscribe, store.get, () => EMPTY);
  const episode = point?.episode;
  const positionMs = point?.positionMs;
  useEffect(() => {
    if (episode !== undefined && positionMs !== undefined) store.remember({ episode, positionMs });
  }, [store, episode, positionMs]);
  return { furthest: stored.furthest, revealed: stored.revealed, reveal: store.reveal, off: stored.off, setOff: store.setOff };
}
