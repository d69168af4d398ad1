import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { consumeLimits } from "../rate-limit";
import type { RoomDeps } from "./room-deps";
import { partyCancelled } from "../parties/party-cancelled";

/**
 * A reaction at a moment of the episode, or to a message of the party. Each
 * person and each client address have a budget of them (socket-limits.ts).
 */
export async function addReaction(options: {
  deps: RoomDeps;
  limiters: { person: RateLimiterAbstract; address: RateLimiterAbstract };
  partyId: string;
  sender: { id: string; address: string };
  input: { messageId: string | null; emoji: string; episode: number; positionMs: number };
}): Promise<void> {
  const { deps, partyId, sender, input } = options;
  await consumeLimits([
    { limiter: options.limiters.person, key: sender.id, message: (s) => `You are reacting too fast. Try again in ${s} s.` },
    { limiter: options.limiters.address, key: sender.address, message: (s) => `Too many reactions are coming from your network. Try again in ${s} s.` },
  ]);
  const outcome = await deps.rooms.addReaction({ ...input, partyId, userId: sender.id, positionMs: Math.round(input.positionMs) });
  if (outcome === "party-closed") throw partyCancelled();
  if (outcome === "no-message") throw new AppError("NOT_FOUND", "There is no such message in this party.");
}
