import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { consumeLimits, memoryLimiter, type LimiterFactory } from "./rate-limit";

/**
 * The live room's limits (docs/realtime-protocol.md, "Limits"). Each is set
 * well above what a real viewer does, so only a script meets it:
 *
 * - chat: 5 messages per 10 s per person, across every party and tab. Someone
 *   typing fast in a big scene writes a short message every few seconds.
 * - chat per client address: 50 per 10 s, ten people at the personal maximum
 *   at once behind one address (a household, an office), and what stops one
 *   script from posting as many fresh guests.
 * - reactions: 30 per 10 s per person (a burst of tapping as fast as a thumb
 *   goes, then 3 a second); 150 per 10 s per address (five such people).
 * - typing: 20 per 10 s per person. The room page sends one when typing
 *   starts and one when it stops (or the message is sent), so 2 per message.
 * Each counts per person (or address) across every process when they share
 * Redis (server/cluster/redis-limiters.ts).
 *
 * - host commands, per person (a host, a co-host, or anyone when the host
 *   lets everyone control playback):
 *   - clock commands (play, pause, seek, episode): 150 per 10 s, 15 a second
 *     for as long as a seek bar is dragged; 2,000 a second is a script.
 *   - room settings (ready:countdown, clock:control-mode): 30 per 60 s.
 *   - trivia (trivia:start, trivia:next, trivia:end, trivia:pin): 60 per 60 s.
 *   - moderation (chat:delete, member:mute, member:remove): 60 per 60 s.
 * - trivia play, per person (trivia:answer, trivia:sync, trivia:shown,
 *   trivia:moment-answer): 60 per 10 s. A player sends one answer a question,
 *   one report a pinned moment and a sync when a page opens or comes back;
 *   each reads or writes the database, so a script's flood stops here.
 *   Clock states are also coalesced (clock-broadcast.ts): viewers get the
 *   latest state of a burst, not each one.
 *
 * - connections: 8 at once per person: a phone, a laptop and a few tabs, plus
 *   old connections of a flaky network that the server has not yet noticed
 *   are gone (up to 45 s: Socket.IO's ping interval and timeout).
 * - rooms: 3 per connection. The room page joins one.
 */
export const SOCKET_LIMITS = {
  chatPerPerson: { points: 5, duration: 10 },
  chatPerAddress: { points: 50, duration: 10 },
  reactionsPerPerson: { points: 30, duration: 10 },
  reactionsPerAddress: { points: 150, duration: 10 },
  typingPerPerson: { points: 20, duration: 10 },
  clockPerPerson: { points: 150, duration: 10 },
  roomSettingsPerPerson: { points: 30, duration: 60 },
  triviaHostPerPerson: { points: 60, duration: 60 },
  moderationPerPerson: { points: 60, duration: 60 },
  triviaPlayPerPerson: { points: 60, duration: 10 },
  connectionsPerPerson: 8,
  roomsPerConnection: 3,
} as const;

/** Takes one of a person's points (a host command, a player's trivia event); RATE_LIMITED (with the wait) when they have none left. */
export function limitPerPerson(limiter: RateLimiterAbstract, userId: string, what: string): Promise<void> {
  return consumeLimits([{ limiter, key: userId, message: (s) => `You are sending ${what} too fast. Try again in ${s} s.` }]);
}

/**
 * A person's open connections: a place is taken on connecting and given back
 * on disconnecting. Shared by processes, a place is held per connection, so
 * the places of a process that died are given back by the janitor.
 */
export interface ConnectionPlaces {
  /** Takes a place for this connection; null when the person has none left. The function gives it back (once). */
  take(userId: string, socketId: string): Promise<(() => Promise<void>) | null>;
}

/** The limiters the realtime server consumes; each can be replaced (a Redis store for several processes). */
export interface SocketLimiters {
  chat: RateLimiterAbstract;
  chatByAddress: RateLimiterAbstract;
  reactions: RateLimiterAbstract;
  reactionsByAddress: RateLimiterAbstract;
  typing: RateLimiterAbstract;
  clock: RateLimiterAbstract;
  roomSettings: RateLimiterAbstract;
  triviaHost: RateLimiterAbstract;
  moderation: RateLimiterAbstract;
  triviaPlay: RateLimiterAbstract;
  connections: ConnectionPlaces;
}

/** The limiters from `make` (memory by default), with `overrides` in place of any of them. */
export function socketLimiters(overrides: Partial<SocketLimiters> = {}, make: LimiterFactory = memoryLimiter): SocketLimiters {
  const connections = new RateLimiterMemory({ keyPrefix: "connections", points: SOCKET_LIMITS.connectionsPerPerson, duration: 0 });
  return {
    chat: make("chat", SOCKET_LIMITS.chatPerPerson),
    chatByAddress: make("chat-address", SOCKET_LIMITS.chatPerAddress),
    reactions: make("reactions", SOCKET_LIMITS.reactionsPerPerson),
    reactionsByAddress: make("reactions-address", SOCKET_LIMITS.reactionsPerAddress),
    typing: make("typing", SOCKET_LIMITS.typingPerPerson),
    clock: make("clock", SOCKET_LIMITS.clockPerPerson),
    roomSettings: make("room-settings", SOCKET_LIMITS.roomSettingsPerPerson),
    triviaHost: make("trivia-host", SOCKET_LIMITS.triviaHostPerPerson),
    moderation: make("moderation", SOCKET_LIMITS.moderationPerPerson),
    triviaPlay: make("trivia-play", SOCKET_LIMITS.triviaPlayPerPerson),
    connections: { take: (userId) => takeConnectionPlace(connections, userId) },
    ...overrides,
  };
}

/**
 * Takes one of a person's connection places from a limiter without expiry
 * (duration 0: one process's count); null when they have none left.
 * The returned function gives it back (once, however often it is called).
 */
export async function takeConnectionPlace(limiter: RateLimiterAbstract, userId: string): Promise<(() => Promise<void>) | null> {
  const giveBack = async () => {
    const left = await limiter.reward(userId, 1);
    // No entry stays behind for someone with no connection open.
    if (left.consumedPoints <= 0) await limiter.delete(userId);
  };
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    // A refused consume still counted: take it back.
    await giveBack();
    return null;
  }
  let given = false;
  return async () => {
    if (given) return;
    given = true;
    await giveBack();
  };
}
