import { describe, expect, it } from "vitest";
import { addNotice, listPresence, PRESENCE_LIST_LIMIT, sendsNotices } from "@/server/room/list-presence";
import { presenceNoticeTexts } from "@/shared/presence-notices";
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

describe("arrivals and departures, one window at a time", () => {
  const ana = { userId: "ana", name: "Ana", kind: "joined" as const };
  const ben = { userId: "ben", name: "Ben", kind: "joined" as const };

  it("keeps a window's notices in order, and cancels a person's leave and return (or visit) inside it", () => {
    const filled = [ana, ben].reduce(addNotice, []);
    expect(filled).toEqual([ana, ben]);
    expect(addNotice(filled, { ...ana, kind: "left" })).toEqual([ben]);
    const blip = [{ ...ana, kind: "left" as const }, ben].reduce(addNotice, []);
    expect(addNotice(blip, ana)).toEqual([ben]);
    // A second tab is no notice; a second arrival after a cancelled pair is one again.
    expect(addNotice(addNotice(addNotice([], ana), { ...ana, kind: "left" }), ana)).toEqual([ana]);
  });

  it("says a window in at most two toasts, never telling viewers of their own arrival", () => {
    const names = ["Ana", "Ben", "Carl", "Dede", "Emi"].map((name) => ({ userId: name.toLowerCase(), name, kind: "joined" as const }));
    expect(presenceNoticeTexts(names.slice(0, 1), "zed")).toEqual(["Ana joined."]);
    expect(presenceNoticeTexts(names.slice(0, 2), "zed")).toEqual(["Ana and Ben joined."]);
    expect(presenceNoticeTexts(names.slice(0, 3), "zed")).toEqual(["Ana, Ben and Carl joined."]);
    expect(presenceNoticeTexts(names, "zed")).toEqual(["Ana, Ben and 3 others joined."]);
    expect(presenceNoticeTexts([...names.slice(0, 2), { userId: "carl", name: "Carl", kind: "left" }], "ana")).toEqual(["Ben joined.", "Carl left."]);
    expect(presenceNoticeTexts(names.slice(0, 1), "ana")).toEqual([]);
  });
});
