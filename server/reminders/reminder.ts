import type { Party } from "../parties/party";
import { occurrences } from "../parties/schedule";

/** "day": a day ahead; "soon": 15 minutes ahead; "cancelled": the party was called off. */
export type ReminderKind = "day" | "soon" | "cancelled";
export type DeliveryStatus = "pending" | "sent" | "failed" | "skipped";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** When each reminder may go out, relative to the sitting's start (docs/reminders.md). */
export const REMINDER_WINDOWS = {
  day: { fromMs: 24 * HOUR, untilMs: 12 * HOUR },
  soon: { fromMs: 16 * MINUTE, untilMs: 14 * MINUTE },
} as const;

/** Opt-ins one person may hold at once (parties not yet over). */
export const MAX_REMINDERS_PER_PERSON = 20;
/** Parties one guest-given address may get reminders for at once: the app never becomes a way to mail a stranger. */
export const MAX_PARTIES_PER_GUEST_EMAIL = 5;
/** Sends of one reminder before it is given up. */
export const MAX_SEND_ATTEMPTS = 5;
/** How long a sweep's claim on a reminder lasts: longer than a send may take (the mailer's timeouts are shorter). */
export const CLAIM_LEASE_MS = 60_000;

/** Wait before the next try after `attempts` failed sends: 5 s, 10 s, 20 s, 40 s… (at most 5 minutes). */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * MINUTE);
}

export interface ReminderSubscription {
  id: string;
  partyId: string;
  userId: string;
  /** A guest's address for this party only; null: the member's account e-mail. */
  email: string | null;
  timeZone: string;
  unsubscribeToken: string;
}

export interface PlannedReminder {
  subscriptionId: string;
  kind: ReminderKind;
  /** The sitting's number (0: the first): one reminder of a kind per person and sitting. */
  sitting: number;
  startsAt: Date;
  dueAt: Date;
  notAfter: Date;
}

/**
 * The reminders of one subscription that are due now and not yet past their
 * window: planned only once due, so a rescheduled party plans from its new
 * start and the old start's are never made. Pure.
 */
export function dueReminders(party: Party, subscriptionId: string, now: Date): PlannedReminder[] {
  const t = now.getTime();
  if (party.cancelledAt) {
    // One cancellation, for the sitting that was next when it was cancelled, until that sitting's start.
    const sittings = occurrences(party);
    const sitting = sittings.findIndex((o) => o.startsAt.getTime() > party.cancelledAt!.getTime());
    const next = sittings[sitting];
    if (!next || t >= next.startsAt.getTime()) return [];
    return [{ subscriptionId, kind: "cancelled", sitting, startsAt: next.startsAt, dueAt: party.cancelledAt, notAfter: next.startsAt }];
  }
  const planned: PlannedReminder[] = [];
  for (const [sitting, { startsAt }] of occurrences(party).entries()) {
    for (const kind of ["day", "soon"] as const) {
      const dueAt = new Date(startsAt.getTime() - REMINDER_WINDOWS[kind].fromMs);
      const notAfter = new Date(startsAt.getTime() - REMINDER_WINDOWS[kind].untilMs);
      if (t >= dueAt.getTime() && t < notAfter.getTime()) planned.push({ subscriptionId, kind, sitting, startsAt, dueAt, notAfter });
    }
  }
  return planned;
}

/**
 * What to do with a claimed reminder before sending it: "send"; "replan" when
 * its sitting moved since it was planned (the row goes, and the next sweep
 * plans it for the new start if that is due); "skip" when the party was
 * cancelled since (the cancellation mail goes instead).
 */
export function claimedReminderFate(party: Party, reminder: { kind: ReminderKind; sitting: number; startsAt: Date }): "send" | "replan" | "skip" {
  if (reminder.kind === "cancelled") return party.cancelledAt ? "send" : "skip";
  if (party.cancelledAt) return "skip";
  return occurrences(party)[reminder.sitting]?.startsAt.getTime() === reminder.startsAt.getTime() ? "send" : "replan";
}

/** A reminder claimed by this process's sweep, with what its mail needs. */
export interface ClaimedReminder {
  id: string;
  kind: ReminderKind;
  sitting: number;
  startsAt: Date;
  notAfter: Date;
  attempts: number;
  subscription: ReminderSubscription;
  /** The guest's address, or the member's account e-mail (null: none any more). */
  to: string | null;
  recipientName: string;
  party: Party;
}

export interface ReminderRepository {
  find(partyId: string, userId: string): Promise<ReminderSubscription | null>;
  /** Creates or updates (address, zone) one person's opt-in to one party; the unsubscribe token stays. */
  subscribe(input: Omit<ReminderSubscription, "id">): Promise<ReminderSubscription>;
  /** Opt-ins of a person to parties not yet over (`exceptPartyId` left out). */
  countForPerson(userId: string, now: Date, exceptPartyId: string): Promise<number>;
  /** Opt-ins with this guest-given address to parties not yet over (`exceptPartyId` left out). */
  countForEmail(email: string, now: Date, exceptPartyId: string): Promise<number>;
  unsubscribe(partyId: string, userId: string): Promise<boolean>;
  /** The opt-in behind an unsubscribe link, with its party's title. */
  findByToken(token: string): Promise<{ subscription: ReminderSubscription; partyTitle: string } | null>;
  unsubscribeByToken(token: string): Promise<boolean>;

  /** Subscriptions whose parties have reminders that may be due: not over, first start within a day and a bit, or recently cancelled. */
  candidates(now: Date): Promise<Array<{ party: Party; subscriptionIds: string[] }>>;
  /** Stores planned reminders; ones already planned (same subscription, kind and sitting) are left as they are. */
  plan(reminders: PlannedReminder[], now: Date): Promise<number>;
  /** Takes up to `limit` due reminders for this process (FOR UPDATE SKIP LOCKED, a lease until `now + leaseMs`). */
  claim(options: { processId: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedReminder[]>;
  /** Records the outcome of a claimed reminder, only while this process still holds it. */
  settle(id: string, processId: string, outcome: { status: "sent"; at: Date } | { status: "failed" | "skipped"; error: string } | { status: "retry"; at: Date; error: string }): Promise<boolean>;
  /** Drops a claimed, unsent reminder whose sitting moved: the next sweep plans it again. */
  drop(id: string, processId: string): Promise<boolean>;
  /** Gives back this process's claims (it is stopping): other sweeps take them at once. */
  release(processId: string): Promise<number>;
  /** Deletes the opt-ins (guest addresses with them) of parties that are over. */
  forgetFinished(now: Date): Promise<number>;
}
