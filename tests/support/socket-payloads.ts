/**
 * fast-check generators of malformed Socket.IO traffic: payloads for every
 * client event of server/realtime/protocol.ts, unknown event names, and the
 * argument shapes a broken client sends.
 */
import fc from "fast-check";
import type { ClientEventName } from "@/server/realtime/protocol";
import { REACTIONS } from "@/server/room/room";
import { edgeNumber, fitsInOneMessage, hostileObject, hostileString, hostileValue, INT4_MAX, prototypeWord } from "./hostile-values";

/** Real ids of the storm's party, so that a share of the payloads reaches past validation into the actions. */
export interface StormTargets {
  partyId: string;
  invite: string;
  roundId: string;
  messageId: string;
  userId: string;
}

const oneOf = <T>(...values: T[]) => fc.constantFrom(...values);

/**
 * Payloads for every client event, each under the message size limit (larger
 * ones close the connection by design, tested on their own).
 */
export function eventPayloads(t: StormTargets): Record<ClientEventName, fc.Arbitrary<unknown>> {
  const all = plausiblePayloads(t);
  return Object.fromEntries(Object.entries(all).map(([event, arbitrary]) => [event, arbitrary.filter(fitsInOneMessage)])) as typeof all;
}

function plausiblePayloads(t: StormTargets): Record<ClientEventName, fc.Arbitrary<unknown>> {
  const partyId = fc.oneof({ weight: 5, arbitrary: fc.constant(t.partyId) }, { weight: 2, arbitrary: prototypeWord }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,40}$/) }, { weight: 1, arbitrary: hostileString });
  const count = fc.oneof(edgeNumber, fc.integer({ min: 0, max: 12 }));
  const seq = fc.oneof(edgeNumber, fc.constantFrom(0, 1, INT4_MAX - 1, INT4_MAX, INT4_MAX + 1, 2 ** 40));
  const position = fc.oneof(edgeNumber, fc.integer({ min: 0, max: 21_600_000 }));
  const episode = fc.oneof(edgeNumber, fc.integer({ min: 0, max: 11 }));
  const text = fc.oneof(fc.string({ maxLength: 80 }), hostileString);
  const id = (real: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 2, arbitrary: prototypeWord }, { weight: 1, arbitrary: hostileString });
  const room = { partyId };
  const showPoint = { episode, positionMs: position };
  // A valid payload of each event, for the "one field off" cases.
  const inRoom = { partyId: t.partyId };
  const validPoint = { episode: 1, positionMs: 1000 };
  const command = fc.oneof(
    hostileObject({ type: oneOf("play", "pause", "seek", "episode", "rewind", "playAt", "__proto__"), positionMs: position, episode, startAtServerMs: edgeNumber }),
    hostileValue,
  );
  const answer = fc.oneof(
    hostileObject({ kind: oneOf("choice", "truefalse", "number", "order", "text", "constructor"), option: count, value: fc.oneof(fc.boolean(), edgeNumber), order: fc.array(count, { maxLength: 12 }), text }),
    hostileValue,
  );
  return {
    "clock:sync": hostileObject({ clientSentAt: edgeNumber }, { clientSentAt: 1 }),
    "room:join": hostileObject({ ...room, invite: fc.oneof(fc.constant(t.invite), hostileString), afterSeq: seq }, { partyId: t.partyId, invite: t.invite, afterSeq: 0 }),
    "room:leave": hostileObject(room, inRoom),
    "clock:command": hostileObject({ ...room, command }, { ...inRoom, command: { type: "seek", positionMs: 1000 } }),
    "clock:control-mode": hostileObject({ ...room, mode: oneOf("hosts", "everyone", "nobody", "constructor") }, { ...inRoom, mode: "hosts" }),
    "ready:set": hostileObject({ ...room, ready: fc.boolean() }, { ...inRoom, ready: true }),
    "ready:countdown": hostileObject({ ...room, seconds: count }, { ...inRoom, seconds: 3 }),
    "viewer:report": hostileObject({ ...room, driftMs: fc.oneof(edgeNumber, fc.constant(null)), inSync: fc.boolean(), roundTripMs: edgeNumber }, { ...inRoom, driftMs: 5, inSync: true, roundTripMs: 30 }),
    "chat:send": hostileObject({ ...room, ...showPoint, clientId: fc.oneof(fc.uuid(), hostileString), text }, { ...inRoom, ...validPoint, clientId: "storm-client-0001", text: "hello" }),
    "chat:history": hostileObject({ ...room, afterSeq: seq }, { ...inRoom, afterSeq: 0 }),
    "chat:react": hostileObject(
      { ...room, ...showPoint, messageId: fc.oneof(id(t.messageId), fc.constant(null)), emoji: fc.oneof(oneOf(...REACTIONS), hostileString) },
      { ...inRoom, ...validPoint, messageId: t.messageId, emoji: "🔥" },
    ),
    "chat:typing": hostileObject({ ...room, typing: fc.boolean() }, { ...inRoom, typing: true }),
    "chat:delete": hostileObject({ ...room, messageId: id(t.messageId) }, { ...inRoom, messageId: t.messageId }),
    "member:mute": hostileObject({ ...room, userId: id(t.userId), on: fc.boolean() }, { ...inRoom, userId: t.userId, on: true }),
    "member:remove": hostileObject({ ...room, userId: id(t.userId) }, { ...inRoom, userId: t.userId }),
    "trivia:start": hostileObject(
      { ...room, deck: oneOf("ballard", "party", "constructor"), questionCount: count, secondsPerQuestion: count },
      { ...inRoom, deck: "ballard", questionCount: 3, secondsPerQuestion: 60 },
    ),
    "trivia:next": hostileObject(room, inRoom),
    "trivia:end": hostileObject(room, inRoom),
    "trivia:answer": hostileObject(
      { ...room, roundId: id(t.roundId), questionIndex: count, answer },
      { ...inRoom, roundId: t.roundId, questionIndex: 0, answer: { kind: "truefalse", value: true } },
    ),
    "trivia:sync": hostileObject(room, inRoom),
    "trivia:pin": hostileObject(
      { ...room, roundId: id(t.roundId), deck: oneOf("ballard", "party", "constructor"), question: count, ...showPoint },
      { ...inRoom, roundId: t.roundId, deck: "ballard", question: 0, ...validPoint },
    ),
    "trivia:shown": hostileObject({ ...room, roundId: id(t.roundId), pinId: id(t.roundId) }, { ...inRoom, roundId: t.roundId, pinId: t.roundId }),
    "trivia:moment-answer": hostileObject(
      { ...room, roundId: id(t.roundId), pinId: id(t.roundId), answer },
      { ...inRoom, roundId: t.roundId, pinId: t.roundId, answer: { kind: "truefalse", value: true } },
    ),
    "extension:unlink": hostileObject({ partyId }),
    "extension:renew": hostileObject({ token: fc.oneof(text, fc.constant("bwx1.e30.x")) }, { token: "bwx1.e30.x" }),
    "call:join": hostileObject({ ...room, muted: fc.boolean(), camera: fc.boolean() }, { ...inRoom, muted: false, camera: false }),
    "call:leave": hostileObject(room, inRoom),
    "call:relay": hostileObject(room, inRoom),
    "call:signal": hostileObject(
      { ...room, to: fc.oneof(text, fc.constant("AAAAAAAAAAAAAAAAAAAA")), signal: fc.oneof(hostileObject({ type: oneOf("offer", "answer", "candidate", "__proto__"), sdp: text, candidate: hostileValue }), hostileValue) },
      { ...inRoom, to: "AAAAAAAAAAAAAAAAAAAA", signal: { type: "offer", sdp: "v=0" } },
    ),
    "call:update": hostileObject({ ...room, muted: fc.boolean(), camera: fc.boolean() }, { ...inRoom, muted: true, camera: false }),
    "call:host": hostileObject(
      { ...room, action: oneOf("mute", "unmute", "mute-all", "remove", "end", "open", "constructor"), userId: id(t.userId) },
      { ...inRoom, action: "mute", userId: t.userId },
    ),
  };
}

/** Event names a client may emit (Socket.IO reserves a few) that the server does not know. */
const RESERVED = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);
export const unknownEventName = (known: readonly string[]) =>
  fc
    .oneof(
      prototypeWord,
      fc.constantFrom(...known).map((name) => `${name}x`),
      fc.constantFrom(...known).map((name) => name.toUpperCase()),
      fc.constantFrom("", " ", "room:", "admin:grant", "trivia:answer\u0000", "%zz"),
      fc.string({ maxLength: 40 }),
    )
    .filter((name) => !known.includes(name) && !RESERVED.has(name));

/**
 * How the arguments are laid out on the wire. The ack is a function the client
 * registers; JSON has no functions, so "a placeholder before the payload" is a
 * null where a client might have put one.
 */
export type ArgumentShape = "ack only" | "no ack" | "payload, extra, ack" | "null, payload, ack" | "payload, extra, extra, ack";
export const argumentShape = fc.constantFrom<ArgumentShape>("ack only", "no ack", "payload, extra, ack", "null, payload, ack", "payload, extra, extra, ack");

/** The arguments before the ack for a shape (the ack, when there is one, goes last). */
export function argumentsFor(shape: ArgumentShape, payload: unknown, extra: unknown): unknown[] {
  switch (shape) {
    case "ack only":
      return [];
    case "no ack":
      return [payload];
    case "payload, extra, ack":
      return [payload, extra];
    case "null, payload, ack":
      return [null, payload];
    case "payload, extra, extra, ack":
      return [payload, extra, extra];
  }
}
