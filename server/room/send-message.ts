import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";
import type { ChatMessage } from "./room";
import type { RoomDeps } from "./room-deps";

/** Each person may send this many messages in this many seconds (a burst), then waits. */
export const CHAT_RATE = { points: 5, durationSeconds: 10 } as const;

/** Stores a message before anyone sees it; a resend of the same clientId is answered with the stored one. */
export async function sendMessage(options: {
  deps: RoomDeps;
  limiter: RateLimiterAbstract;
  partyId: string;
  senderId: string;
  senderName: string;
  input: { clientId: string; text: string; episode: number; positionMs: number };
}): Promise<{ message: ChatMessage; created: boolean }> {
  const { deps, partyId, senderId, input } = options;
  // Sanctions are loaded into the room state on join and kept there on change.
  if ((await deps.state.member(partyId, senderId))?.muted) {
    throw new AppError("FORBIDDEN", "A host muted you in this party: you can read the chat but not write.");
  }
  try {
    await options.limiter.consume(`${partyId}:${senderId}`);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const waitMs = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000;
    throw new AppError("RATE_LIMITED", `You are sending messages too fast. Try again in ${Math.ceil(waitMs / 1000)} s.`);
  }
  return deps.rooms.appendMessage({ partyId, senderId, senderName: options.senderName, ...input, positionMs: Math.round(input.positionMs) });
}
