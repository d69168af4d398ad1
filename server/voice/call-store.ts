/**
 * What a party's call remembers beyond who is connected to it (the Socket.IO
 * rooms say that): whether the hosts turned it off, who was removed from it
 * (they cannot join it again), who a host muted (they cannot unmute until a
 * host lets them). In memory for one process; in Redis for several
 * (redis-call-store.ts), so every process refuses the same people.
 */
export interface CallRules {
  off: boolean;
  removed: string[];
  hostMuted: string[];
  /** The call goes through Janus (a large call: above the mesh's size, or the hosts chose it). */
  large: boolean;
}

export interface CallStore {
  read(partyId: string): Promise<CallRules>;
  setOff(partyId: string, off: boolean): Promise<void>;
  remove(partyId: string, userId: string): Promise<void>;
  setHostMuted(partyId: string, userId: string, on: boolean): Promise<void>;
  setLarge(partyId: string, on: boolean): Promise<void>;
}

export function createMemoryCallStore(): CallStore {
  const parties = new Map<string, { off: boolean; large: boolean; removed: Set<string>; hostMuted: Set<string> }>();
  const of = (partyId: string) => {
    let rules = parties.get(partyId);
    if (!rules) parties.set(partyId, (rules = { off: false, large: false, removed: new Set(), hostMuted: new Set() }));
    return rules;
  };
  return {
    async read(partyId) {
      const rules = parties.get(partyId);
      return { off: rules?.off ?? false, removed: [...(rules?.removed ?? [])], hostMuted: [...(rules?.hostMuted ?? [])], large: rules?.large ?? false };
    },
    async setOff(partyId, off) {
      of(partyId).off = off;
    },
    async setLarge(partyId, on) {
      of(partyId).large = on;
    },
    async remove(partyId, userId) {
      of(partyId).removed.add(userId);
    },
    async setHostMuted(partyId, userId, on) {
      const set = of(partyId).hostMuted;
      if (on) set.add(userId);
      else set.delete(userId);
    },
  };
}
