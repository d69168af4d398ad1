import { AppError } from "../errors";
import { canManage, canView } from "../parties/access";
import { partyNotFound } from "../parties/load-party";
import type { Party, PartyRepository } from "../parties/party";
import type { RoomRepository } from "./room";
import { partyCancelled } from "../parties/party-cancelled";

/**
 * What someone wants of a party's room: to be in it (the live room, and the
 * browser extension's link: minting, handshake and renewal), or to read its
 * replay (the chat and reactions afterwards).
 */
export type RoomAccessPurpose = "enter" | "replay";

export const removedFromRoom = () => new AppError("FORBIDDEN", "A host removed you from this party's room.");

/**
 * The one rule for a party's room, used by the room, the extension link and
 * the replay alike (docs/security.md, "Who may be in a room"):
 *
 * 1. They may see the party (public, a host, an answer, or its invite link): NOT_FOUND otherwise.
 * 2. To enter, the party is not cancelled: CONFLICT otherwise (a replay of a cancelled party stays readable).
 * 3. A host did not remove them: FORBIDDEN otherwise.
 * 4. To read the replay of a party whose replay is for its members (the
 *    default), they are a host or answered the invitation: FORBIDDEN
 *    otherwise (UNAUTHENTICATED when not signed in). A host may open it to
 *    anyone who may see the party ("anyone").
 *
 * Resolves with whether the person is muted (read with the removal).
 */
export async function checkRoomAccess(options: {
  parties: Pick<PartyRepository, "rsvpOf">;
  rooms: Pick<RoomRepository, "sanctions">;
  party: Party;
  userId: string | undefined;
  invite: string | null | undefined;
  purpose: RoomAccessPurpose;
}): Promise<{ muted: boolean }> {
  const { party, userId, purpose } = options;
  // The answer is read only when needed: a public party's room or a host needs none.
  let answered: boolean | undefined;
  const hasAnswered = async () => (answered ??= userId !== undefined && (await options.parties.rsvpOf(party.id, userId)) !== null);
  const viewer = { userId, inviteToken: options.invite };
  const mayView = canView(party, { ...viewer, hasAnswered: false }) || canView(party, { ...viewer, hasAnswered: await hasAnswered() });
  if (!mayView) throw partyNotFound();
  if (purpose === "enter" && party.cancelledAt) throw partyCancelled();
  const sanctions = userId ? await options.rooms.sanctions(party.id, userId) : { muted: false, removed: false };
  if (sanctions.removed) throw removedFromRoom();
  if (purpose === "replay" && party.replayVisibility === "members" && !canManage(party, userId) && !(await hasAnswered())) {
    if (!userId) throw new AppError("UNAUTHENTICATED", "This party's replay is for its members: sign in to read it.");
    throw new AppError("FORBIDDEN", "This party's replay is for its members: the host and the people who answered the invitation.");
  }
  return { muted: sanctions.muted };
}
