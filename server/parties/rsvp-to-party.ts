import { AppError } from "../errors";
import type { ExtensionLinkDeps } from "../extension/extension-links";
import { unlinkExtension } from "../extension/unlink-extension";
import { canView } from "./access";
import type { PartyRepository, RsvpCounts } from "./party";
import type { RsvpRequest } from "./rsvp-to-party.types";
import type { RsvpStatus } from "./rsvp-rules";
import { loadParty, partyNotFound } from "./load-party";

/**
 * Answers an invitation. People who move up from the waitlist are told on
 * their open pages; leaving the party ("not going") unlinks the browser
 * extension from it (its tokens void, its connections closed).
 */
export async function rsvpToParty(options: {
  parties: PartyRepository;
  extensionLinks: Pick<ExtensionLinkDeps, "revocations">;
  /** The live rooms' controls (server/context.ts). */
  realtime: { notifyPromoted(partyId: string, userIds: string[]): Promise<void>; endExtensionLinks(userId: string, partyId: string): Promise<void> };
  partyId: string;
  userId: string;
  input: RsvpRequest;
  now: number;
}): Promise<{ status: RsvpStatus; counts: RsvpCounts }> {
  const { parties, userId, input } = options;
  const party = await loadParty(parties, options.partyId);
  const hasAnswered = (await parties.rsvpOf(party.id, userId)) !== null;
  if (!canView(party, { userId, hasAnswered, inviteToken: input.invite })) throw partyNotFound();
  if (party.cancelledAt) throw new AppError("CONFLICT", "This party was cancelled: answers are closed.");
  const { status, promoted } = await parties.setRsvp(party.id, userId, input.status);
  if (promoted.length > 0) await options.realtime.notifyPromoted(party.id, promoted);
  if (status === "not_going") await unlinkExtension({ deps: options.extensionLinks, realtime: options.realtime, userId, partyId: party.id, now: options.now });
  return { status, counts: await parties.counts(party.id) };
}
