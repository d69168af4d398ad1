import { AppError } from "../errors";
import { canView } from "./access";
import type { PartyRepository, RsvpCounts } from "./party";
import type { RsvpRequest } from "./rsvp-to-party.types";
import type { RsvpStatus } from "./rsvp-rules";
import { loadParty, partyNotFound } from "./load-party";

export async function rsvpToParty(options: {
  parties: PartyRepository;
  partyId: string;
  userId: string;
  input: RsvpRequest;
  /** Told who moved up from the waitlist (their open pages hear of it). */
  onPromoted?: (partyId: string, userIds: string[]) => Promise<void>;
}): Promise<{ status: RsvpStatus; counts: RsvpCounts }> {
  const { parties, userId, input } = options;
  const party = await loadParty(parties, options.partyId);
  const hasAnswered = (await parties.rsvpOf(party.id, userId)) !== null;
  if (!canView(party, { userId, hasAnswered, inviteToken: input.invite })) throw partyNotFound();
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled: answers are closed.");
  const { status, promoted } = await parties.setRsvp(party.id, userId, input.status);
  if (promoted.length > 0) await options.onPromoted?.(party.id, promoted);
  return { status, counts: await parties.counts(party.id) };
}
