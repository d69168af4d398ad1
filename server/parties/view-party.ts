import { canManage, canView } from "./access";
import type { Attendee, Party, PartyRepository, PartyRole, RsvpCounts } from "./party";
import { roleOf } from "./party";
import { tallyRsvps, type RsvpStatus } from "./rsvp-rules";
import { currentOrNextOccurrence, joinOpensAt, occurrences, type Occurrence } from "./schedule";
import { loadParty, partyNotFound } from "./load-party";

export interface PartyView {
  party: Party;
  counts: RsvpCounts;
  attendees: Attendee[];
  myStatus: RsvpStatus | null;
  myRole: PartyRole | null;
  canManage: boolean;
  occurrences: Occurrence[];
  next: Occurrence | null;
  /** When the room's door opens for the next sitting. */
  joinOpensAt: Date | null;
}

/** A party as one viewer may see it; NOT_FOUND when they may not (an unlisted party without its link). */
export async function viewParty(options: {
  parties: PartyRepository;
  partyId: string;
  viewerId: string | undefined;
  inviteToken: string | null | undefined;
  now: Date;
}): Promise<PartyView> {
  const { parties, viewerId, now } = options;
  const party = await loadParty(parties, options.partyId);
  const myStatus = viewerId ? await parties.rsvpOf(party.id, viewerId) : null;
  if (!canView(party, { userId: viewerId, hasAnswered: myStatus !== null, inviteToken: options.inviteToken })) {
    throw partyNotFound();
  }
  // Counts and roles follow from the answers and the party already loaded.
  const answers = await parties.attendees(party.id);
  const attendees = answers.map((a) => ({ ...a, role: roleOf(party, a.userId) }));
  const counts = tallyRsvps(answers);
  const next = party.cancelledAt ? null : currentOrNextOccurrence(party, now);
  return {
    party,
    counts,
    attendees,
    myStatus,
    myRole: viewerId ? roleOf(party, viewerId) : null,
    canManage: canManage(party, viewerId),
    occurrences: occurrences(party),
    next,
    joinOpensAt: party.cancelledAt ? null : joinOpensAt(party, now),
  };
}
