import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { consumeLimits } from "../rate-limit";
import type { ChatMessage } from "./room";
import type { RoomDeps } from "./room-deps";
import { partyCancelled } from "../parties/party-cancelled";

/**
 * Stores a message before anyone sees it; a resend of the same clientId is
 * answered with the stored one. Each person, across all parties and tabs,
 * and each client address have a budget of messages (socket-limits.ts).
 */
export async function sendMessage(options: {
  deps: RoomDeps;
  limiters: { person: RateLimiterAbstract; address: RateLimiterAbstract };
  partyId: string;
  sender: { id: string; name: string; address: string };
  input: { clientId: string; text: string; episode: number; positionMs: number; spoiler?: boolean };
}): Promise<{ message: ChatMessage; created: boolean }> {
  const { deps, partyId, sender, input } = options;
  // Sanctions are loaded into the room state on join and kept there on change.
  if ((await deps.state.member(partyId, sender.id))?.muted) {
    throw new AppError("FORBIDDEN", "A host muted you in this party: you can read the chat but not write.");
  }
  await consumeLimits([
    { limiter: options.limiters.person, key: sender.id, message: (s) => `You are sending messages too fast. Try again in ${s} s.` },
    { limiter: options.limiters.address, key: sender.address, message: (s) => `Too many messages are coming from your network. Try again in ${s} s.` },
  ]);
  // The insert itself refuses a cancelled party (no read of the party on this hot path).
  const stored = await deps.rooms.appendMessage({
    partyId,
    senderId: sender.id,
    senderName: sender.name,
    ...input,
    spoiler: input.spoiler ?? false,
    positionMs: Math.round(input.positionMs),
  });
  if (!stored) throw partyCancelled();
  return stored;
}
