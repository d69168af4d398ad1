import { describe, expect, it } from "vitest";
import { listPresence, PRESENCE_LIST_LIMIT, sendsNotices } from "@/server/room/list-presence";
import type { PresenceEntry } from "@/server/room/room";

const entry = (i: number, patch: Partial<PresenceEntry> = {}): PresenceEntry => ({
  userId: `u${i}`,
  name: `Viewer ${i}`,
  role: "guest",
  connected: true,
  ready: false,
  muted: false,
  inSync: false,
  driftMs: null,
  roundTripMs: null,
  ...patch,
});

describe("the presence list a room is sent", () => {
  it("names everyone in a room of up to the limit, in the store's order", () => {
    const entries = Array.from({ length: PRESENCE_LIST_LIMIT }, (_, i) => entry(i, { connected: i % 2 === 0 }));
    expect(listPresence(entries)).toEqual({ presence: entries, presenceCount: { here: PRESENCE_LIST_LIMIT / 2, total: PRESENCE_LIST_LIMIT } });
  });

  it("cuts a bigger room's list to hosts and co-hosts, then the people here, then those away, and counts everyone", () => {
    const entries = [entry(0, { connected: false }), entry(1), entry(2, { role: "cohost" }), entry(3), entry(4, { role: "host", connected: false })];
    expect(listPresence(entries, 3)).toEqual({ presence: [entries[2], entries[4], entries[1]], presenceCount: { here: 3, total: 5 } });
  });

  it("tells arrivals and departures only in rooms this process holds up to the limit of", () => {
    expect(sendsNotices(PRESENCE_LIST_LIMIT)).toBe(true);
    expect(sendsNotices(PRESENCE_LIST_LIMIT + 1)).toBe(false);
  });
});
