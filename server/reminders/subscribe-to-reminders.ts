import { randomBytes } from "node:crypto";
import type { SessionUser } from "../auth/session-user";
import { AppError } from "../errors";
import { canView } from "../parties/access";
import { loadParty, partyNotFound } from "../parties/load-party";
import type { PartyRepository } from "../parties/party";
import { partyEndsAt } from "../parties/schedule";
import { MAX_PARTIES_PER_GUEST_EMAIL, MAX_REMINDERS_PER_PERSON, type ReminderRepository } from "./reminder";
import type { ReminderStatus, SubscribeRequest } from "./subscribe-to-reminders.types";

export const MAIL_OFF_MESSAGE = "E-mail reminders are not set up on this server.";

/**
 * Opts one person in to e-mail reminders of one party: a member's account
 * e-mail, or an address a guest gives for this party only. Anyone who may see
 * the party may; not once it is cancelled or over.
 */
export async function subscribeToReminders(options: {
  parties: PartyRepository;
  reminders: ReminderRepository;
  mailEnabled: boolean;
  user: SessionUser;
  partyId: string;
  input: SubscribeRequest;
  now: Date;
}): Promise<ReminderStatus> {
  const { parties, reminders, user, input, now } = options;
  if (!options.mailEnabled) throw new AppError("CONFLICT", MAIL_OFF_MESSAGE);
  const party = await loadParty(parties, options.partyId);
  const hasAnswered = (await parties.rsvpOf(party.id, user.id)) !== null;
  if (!canView(party, { userId: user.id, hasAnswered, inviteToken: input.invite ?? null })) throw partyNotFound();
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled: there is nothing to remind you of.");
  if (partyEndsAt(party).getTime() <= now.getTime()) throw new AppError("CONFLICT", "This party is over.");
  const existing = await reminders.find(party.id, user.id);
  // A member's reminders go to the account's address; a guest gives one for this party only.
  const email = user.email ? null : (input.email ?? null);
  if (!user.email && !email) throw new AppError("VALIDATION_FAILED", "Enter the e-mail address the reminders should go to.", { email: "Enter an e-mail address." });
  if (!existing && (await reminders.countForPerson(user.id, now, party.id)) >= MAX_REMINDERS_PER_PERSON) {
    throw new AppError("CONFLICT", `You have reminders for ${MAX_REMINDERS_PER_PERSON} parties already: stop some first.`);
  }
  if (email && email !== existing?.email && (await reminders.countForEmail(email, now, party.id)) >= MAX_PARTIES_PER_GUEST_EMAIL) {
    throw new AppError("CONFLICT", `This address gets reminders for ${MAX_PARTIES_PER_GUEST_EMAIL} parties already.`, { email: "This address has enough reminders." });
  }
  const saved = await reminders.subscribe({
    partyId: party.id,
    userId: user.id,
    email,
    timeZone: input.timeZone,
    unsubscribeToken: existing?.unsubscribeToken ?? randomBytes(24).toString("base64url"),
  });
  return { subscribed: true, address: saved.email ?? user.email, timeZone: saved.timeZone };
}

/** The person's reminders for a party, as the page shows them. */
export async function viewReminderStatus(options: { reminders: ReminderRepository; user: SessionUser; partyId: string }): Promise<ReminderStatus> {
  const found = await options.reminders.find(options.partyId, options.user.id);
  return found ? { subscribed: true, address: found.email ?? options.user.email, timeZone: found.timeZone } : { subscribed: false, address: null, timeZone: null };
}
