import { AppError } from "../errors";
import type { ClientEventName } from "./protocol";
import type { AppSocket } from "./socket-types";

/**
 * The events an extension connection may send: following the clock, and the
 * panel beside the player (chat, reactions, trivia answers for the paired
 * person). No host command (trivia's, moderation, settings) is in it, whoever
 * the person is: those stay in the room page. Each handler applies the room's
 * own rules (role, mute, removal, rate limits) as for the person's tab.
 */
const EXTENSION_EVENTS: ReadonlySet<ClientEventName> = new Set([
  "clock:sync",
  "room:join",
  "room:leave",
  "clock:command",
  "viewer:report",
  "extension:renew",
  "extension:unlink",
  "chat:send",
  "chat:history",
  "chat:react",
  "trivia:answer",
  "trivia:sync",
  "trivia:shown",
  "trivia:moment-answer",
]);

/** Why this connection may not send this event (null: it may). Cookie connections are not concerned. */
export function extensionScopeRefusal(socket: AppSocket, event: ClientEventName, payload: unknown): AppError | null {
  const partyId = socket.data.extensionParty;
  if (partyId === undefined) return null;
  if (!EXTENSION_EVENTS.has(event)) return new AppError("FORBIDDEN", "The browser extension follows the clock, chats, reacts and answers trivia: the rest is done in the room.");
  const target = (payload as { partyId?: unknown } | null)?.partyId;
  if (target !== undefined && target !== partyId) return new AppError("FORBIDDEN", "The extension is linked to another party.");
  return null;
}
