import type { RsvpChoice, RsvpCounts, RsvpStatus } from "./rsvp-rules";
import type { Schedule } from "./schedule";

export type Visibility = "public" | "unlisted";
/** Who may read a party's replay: its members (hosts and people who answered; the default) or anyone who may see the party. */
export type ReplayVisibility = "members" | "anyone";
export type PartyRole = "host" | "cohost" | "guest";

export interface Party extends Schedule {
  id: string;
  title: string;
  description: string;
  hostId: string;
  hostName: string;
  cohostIds: string[];
  capacity: number | null;
  visibility: Visibility;
  replayVisibility: ReplayVisibility;
  inviteToken: string;
  sequence: number;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type { RsvpCounts };

/** One person's answer to a party. */
export interface RsvpEntry {
  userId: string;
  name: string;
  /** A guest cannot be made co-host. */
  kind: "member" | "guest";
  status: RsvpStatus;
}

export interface Attendee extends RsvpEntry {
  role: PartyRole;
}

export type PartyFields = Omit<
  Party,
  "id" | "hostName" | "cohostIds" | "inviteToken" | "sequence" | "cancelledAt" | "createdAt" | "updatedAt" | "replayVisibility"
> & {
  /** Left out: "members" for a new party, unchanged for an edit. */
  replayVisibility?: ReplayVisibility;
};

export interface PartyRepository {
  create(fields: PartyFields & { inviteToken: string }): Promise<Party>;
  findById(id: string): Promise<Party | null>;
  /** Saves the edit and raises the sequence; people the new capacity makes room for leave the waitlist. */
  update(id: string, fields: Omit<PartyFields, "hostId">): Promise<Party>;
  cancel(id: string, at: Date): Promise<Party>;
  addCohost(partyId: string, userId: string): Promise<void>;
  counts(partyId: string): Promise<RsvpCounts>;
  /** The counts of several parties in one query. */
  countsFor(partyIds: string[]): Promise<Map<string, RsvpCounts>>;
  /** Everyone who answered, in the order they asked. */
  attendees(partyId: string): Promise<RsvpEntry[]>;
  rsvpOf(partyId: string, userId: string): Promise<RsvpStatus | null>;
  /** Applies the capacity and waitlist rules atomically; returns the person's status, and `promoted`: who moved from the waitlist to "going" because a place came free. */
  setRsvp(partyId: string, userId: string, choice: RsvpChoice): Promise<{ status: RsvpStatus; promoted: string[] }>;
  /** Public, not cancelled, not over: soonest first. */
  listUpcomingPublic(now: Date, limit: number): Promise<Party[]>;
  /** Parties the user hosts or co-hosts, and parties they answered going, maybe or waitlisted. */
  listForUser(userId: string): Promise<{ hosting: Party[]; attending: Party[] }>;
}

export function roleOf(party: Pick<Party, "hostId" | "cohostIds">, userId: string | undefined): PartyRole {
  if (userId && party.hostId === userId) return "host";
  if (userId && party.cohostIds.includes(userId)) return "cohost";
  return "guest";
}
