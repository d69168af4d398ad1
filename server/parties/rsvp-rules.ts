/**
 * Capacity and waitlist rules, pure. A person asks for going, maybe or not
 * going; "going" at a full party becomes "waitlisted". When someone leaves
 * "going", the person who has waited longest takes the place.
 */
export type RsvpStatus = "going" | "maybe" | "not_going" | "waitlisted";
export type RsvpChoice = Exclude<RsvpStatus, "waitlisted">;

export interface RsvpState {
  /** null: no limit. */
  capacity: number | null;
  goingCount: number;
  /** This person's current answer, if any. */
  current: RsvpStatus | null;
  /** The host goes to their own party whatever its capacity. */
  isHost?: boolean;
}

export interface RsvpDecision {
  status: RsvpStatus;
  /** A place among "going" came free: promote the first on the waitlist. */
  promoteNext: boolean;
}

export function hasRoom(capacity: number | null, goingCount: number): boolean {
  return capacity === null || goingCount < capacity;
}

export function decideRsvp(state: RsvpState, choice: RsvpChoice): RsvpDecision {
  const wasGoing = state.current === "going";
  if (choice === "going") {
    if (state.isHost) return { status: "going", promoteNext: false };
    if (wasGoing || state.current === "waitlisted") return { status: state.current!, promoteNext: false };
    return { status: hasRoom(state.capacity, state.goingCount) ? "going" : "waitlisted", promoteNext: false };
  }
  return { status: choice, promoteNext: wasGoing };
}

/** How many waiting people fit after the capacity changed (an edit that raised it). */
export function placesToFill(capacity: number | null, goingCount: number, waitingCount: number): number {
  if (capacity === null) return waitingCount;
  return Math.max(0, Math.min(waitingCount, capacity - goingCount));
}

export interface RsvpCounts {
  going: number;
  maybe: number;
  notGoing: number;
  waitlisted: number;
}

const COUNT_OF: Record<RsvpStatus, keyof RsvpCounts> = { going: "going", maybe: "maybe", not_going: "notGoing", waitlisted: "waitlisted" };

/** Counts answers by status; each entry may stand for several people. */
export function tallyRsvps(entries: Iterable<{ status: RsvpStatus; count?: number }>): RsvpCounts {
  const counts: RsvpCounts = { going: 0, maybe: 0, notGoing: 0, waitlisted: 0 };
  for (const { status, count = 1 } of entries) counts[COUNT_OF[status]] += count;
  return counts;
}
