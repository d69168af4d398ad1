import { z } from "zod";
import { partyIdSchema as partyId, rowIdSchema } from "../parties/party-id";

/**
 * The payload schemas of the call's socket events (docs/voice.md). A peer id
 * is a Socket.IO connection id (20 URL-safe characters), a session description
 * is bounded (a mesh call's offer is a few kB), and only the fields
 * RTCIceCandidateInit has are passed on.
 */
export const peerIdSchema = z.string({ message: "Name the peer (its peerId)." }).regex(/^[A-Za-z0-9_-]{8,40}$/, "That is not a peer id.");

export const MAX_SDP_LENGTH = 20_000;
const sessionDescription = z.object({
  type: z.enum(["offer", "answer"]),
  sdp: z.string().min(1, "A session description cannot be empty.").max(MAX_SDP_LENGTH, `A session description is at most ${MAX_SDP_LENGTH} characters.`),
});
const candidate = z.object({
  type: z.literal("candidate"),
  candidate: z.object({
    candidate: z.string().max(1000, "An ICE candidate is at most 1000 characters."),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  }),
});
export const signalSchema = z.discriminatedUnion("type", [sessionDescription, candidate], { message: "A signal is an offer, an answer or a candidate." });
export type CallSignal = z.infer<typeof signalSchema>;

export const callJoinSchema = z.object({
  partyId,
  muted: z.boolean({ message: "muted is true or false." }).default(false),
  camera: z.boolean({ message: "camera is true or false." }).default(false),
});
export const callLeaveSchema = z.object({ partyId });
export const callSignalSchema = z.object({ partyId, to: peerIdSchema, signal: signalSchema });
export const callUpdateSchema = z.object({
  partyId,
  muted: z.boolean({ message: "muted is true or false." }),
  camera: z.boolean({ message: "camera is true or false." }),
});
export const HOST_ACTIONS = ["mute", "unmute", "mute-all", "remove", "end", "open", "large"] as const;
export const callHostSchema = z
  .object({ partyId, action: z.enum(HOST_ACTIONS, { message: `action is one of ${HOST_ACTIONS.join(", ")}.` }), userId: rowIdSchema("member").optional() })
  .refine((v) => !["mute", "unmute", "remove"].includes(v.action) || v.userId !== undefined, { message: "Name the member (userId).", path: ["userId"] });
