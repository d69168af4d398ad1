import { z } from "zod";
import { textInput } from "../text-input";
import { INT4_MAX } from "../db/column-limits";
import { clientIdSchema, partyIdSchema as partyId, rowIdSchema } from "../parties/party-id";
import { BALLARD_RELEASE } from "../release/ballard-release";
import { MAX_MESSAGE_LENGTH, REACTIONS } from "./room";

/**
 * The payload schemas of the live room's socket events (docs/realtime-protocol.md).
 * Every number is bounded by what its database column holds (positions and
 * episodes far below int4; a message seq up to int4's maximum).
 */
const episode = z
  .number({ message: `Episodes are numbered 1 to ${BALLARD_RELEASE.episodeCount}.` })
  .int(`Episodes are numbered 1 to ${BALLARD_RELEASE.episodeCount}.`)
  .min(1, `Episodes are numbered 1 to ${BALLARD_RELEASE.episodeCount}.`)
  .max(BALLARD_RELEASE.episodeCount, `Episodes are numbered 1 to ${BALLARD_RELEASE.episodeCount}.`);
/** No episode of the show runs anywhere near six hours. */
export const MAX_POSITION_MS = 6 * 3600 * 1000;
const position = z
  .number({ message: "A position is a number of milliseconds." })
  .finite()
  .min(0, "A position cannot be negative.")
  .max(MAX_POSITION_MS, "That position is past the end of any episode.");
export { MAX_MESSAGE_LENGTH };
/** An episode number and a position in it, as every event gives them. */
export { episode as episodeSchema, position as positionSchema };
/** A chat message's `seq` (an int4 column): "the last one I saw". */
const seq = z
  .number({ message: "A message seq is a whole number." })
  .int("A message seq is a whole number.")
  .min(0, "A message seq cannot be negative.")
  .max(INT4_MAX, `A message seq is at most ${INT4_MAX}.`);

export const joinRoomSchema = z.object({
  partyId,
  invite: z.string().max(100).optional(),
  /** The last message seq this client saw: a reconnect gets everything after it. */
  afterSeq: seq.optional(),
});

export const inRoomSchema = z.object({ partyId });

export const clockCommandSchema = z.object({
  partyId,
  command: z.discriminatedUnion("type", [
    z.object({ type: z.literal("play") }),
    z.object({ type: z.literal("pause") }),
    z.object({ type: z.literal("seek"), positionMs: position }),
    z.object({ type: z.literal("episode"), episode }),
  ]),
});

export const controlModeSchema = z.object({ partyId, mode: z.enum(["hosts", "everyone"]) });
export const readySchema = z.object({ partyId, ready: z.boolean() });
export const countdownSchema = z.object({ partyId, seconds: z.number().int().min(3).max(10).default(3) });
/** A viewer's own report; its round trip is measured by the server (clock:ping), never taken from here. */
export const reportSchema = z.object({
  partyId,
  driftMs: z.number().finite().min(-MAX_POSITION_MS).max(MAX_POSITION_MS).nullable(),
  inSync: z.boolean(),
  /** "extension": measured by the browser extension on the viewer's player (the room shows "synced by the extension"). */
  source: z.enum(["manual", "extension"]).default("manual"),
});

export const sendMessageSchema = z.object({
  partyId,
  clientId: clientIdSchema,
  // Several lines (Shift+Enter): line breaks are kept as LF.
  text: textInput({ multiline: true, message: "Write a message." })
    .min(1, "Write a message.")
    .max(MAX_MESSAGE_LENGTH, `Messages are at most ${MAX_MESSAGE_LENGTH} characters.`),
  episode,
  positionMs: position,
  /** The sender marks it as a spoiler: hidden from the others until each reveals it. */
  spoiler: z.boolean({ message: "spoiler is true or false." }).default(false),
});
export const historySchema = z.object({ partyId, afterSeq: seq });
export const reactSchema = z.object({
  partyId,
  messageId: rowIdSchema("message").nullable().default(null),
  emoji: z.enum(REACTIONS, { message: `React with one of ${REACTIONS.join(" ")}.` }),
  episode,
  positionMs: position,
});
export const typingSchema = z.object({ partyId, typing: z.boolean() });
export const deleteMessageSchema = z.object({ partyId, messageId: rowIdSchema("message") });
export const sanctionSchema = z.object({ partyId, userId: rowIdSchema("member"), on: z.boolean().default(true) });
