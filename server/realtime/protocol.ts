/**
 * The Socket.IO protocol, shared by the server and the browser: every event a
 * client may send, every event the server sends, and the acknowledgement each
 * client event is answered with. docs/realtime-protocol.md describes them.
 */
import type { SessionUser } from "../auth/session-user";
import type { PublicError } from "../errors";
import type { ClockState } from "../../shared/party-clock";
import type { MomentResult } from "../../shared/trivia-moments";
import type { ChatMessage, ControlMode, HistoryMessage, MomentBucket, PresenceEntry, PresenceNotice, ReportSource } from "../room/room";
import type { PresenceList } from "../room/list-presence";
import type { RoomSnapshot } from "../room/join-room";
import type { AnswerInput, PlayerView, PublicRoundView, RoundStep } from "../trivia/round";
import type { z } from "zod";
import type * as room from "../room/room-events.types";
import type * as trivia from "../trivia/trivia-events.types";
import type { PublicMoment } from "../trivia/moments";
import type * as call from "../voice/call-events.types";
import type * as connection from "./connection-events.types";

/** What a client may send for an event: what its schema accepts (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;

export type { AnswerInput, RoundStep, ChatMessage, HistoryMessage, ClockState, ControlMode, MomentBucket, PlayerView, PresenceEntry, PresenceNotice, PublicRoundView, ReportSource };

export type PresenceCount = PresenceList["presenceCount"];
export type { RoomSnapshot };

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };
export type Ack<T> = (result: AckResult<T>) => void;

export type ClockSyncRequest = ClientPayload<"clock:sync">;

export interface ClockSyncResponse {
  clientSentAt: number;
  /** The server's clock (ms since the Unix epoch) when the request arrived and when the answer left. */
  serverReceivedAt: number;
  serverSentAt: number;
}


type InRoom = { partyId: string };
type ShowPoint = { episode: number; positionMs: number };

/**
 * Every event a client may send: its payload is what the event's zod schema
 * accepts (`z.input` of the one schema the server validates it with, so the
 * type and the schema cannot drift apart), and its acknowledgement.
 */
export interface ClientEvents {
  "clock:sync": (payload: In<typeof connection.clockSyncSchema>, ack: Ack<ClockSyncResponse>) => void;
  "room:join": (payload: In<typeof room.joinRoomSchema>, ack: Ack<RoomSnapshot>) => void;
  "room:leave": (payload: In<typeof room.inRoomSchema>, ack: Ack<{ left: true }>) => void;
  "clock:command": (payload: In<typeof room.clockCommandSchema>, ack: Ack<{ clock: ClockState }>) => void;
  "clock:control-mode": (payload: In<typeof room.controlModeSchema>, ack: Ack<{ controlMode: ControlMode }>) => void;
  "ready:set": (payload: In<typeof room.readySchema>, ack: Ack<{ ready: boolean }>) => void;
  "ready:countdown": (payload: In<typeof room.countdownSchema>, ack: Ack<{ startAtServerMs: number; clock: ClockState }>) => void;
  "viewer:report": (payload: In<typeof room.reportSchema>, ack: Ack<{ reported: true }>) => void;
  /** A browser extension's connection only: a fresh link token for the one it holds. */
  "extension:renew": (payload: In<typeof connection.extensionRenewSchema>, ack: Ack<{ token: string; expiresAt: number }>) => void;
  /** A browser extension's connection only: ends its own link (its tokens are void, its connections close). */
  "extension:unlink": (payload: In<typeof connection.extensionUnlinkSchema>, ack: Ack<{ unlinked: true }>) => void;
  "chat:send": (payload: In<typeof room.sendMessageSchema>, ack: Ack<{ message: ChatMessage }>) => void;
  "chat:history": (payload: In<typeof room.historySchema>, ack: Ack<{ messages: ChatMessage[] }>) => void;
  "chat:react": (payload: In<typeof room.reactSchema>, ack: Ack<{ reacted: true }>) => void;
  "chat:typing": (payload: In<typeof room.typingSchema>, ack: Ack<{ typing: boolean }>) => void;
  "chat:delete": (payload: In<typeof room.deleteMessageSchema>, ack: Ack<{ deleted: true }>) => void;
  "member:mute": (payload: In<typeof room.sanctionSchema>, ack: Ack<{ muted: boolean }>) => void;
  "member:remove": (payload: In<typeof room.sanctionSchema>, ack: Ack<{ removed: true }>) => void;
  "trivia:start": (payload: In<typeof trivia.startRoundSchema>, ack: Ack<{ round: PublicRoundView }>) => void;
  /** `from`: where the host saw the round; when it has moved on already the command changes nothing (`moved: false`). */
  "trivia:next": (payload: In<typeof trivia.nextStepSchema>, ack: Ack<{ round: PublicRoundView; moved: boolean }>) => void;
  /** `roundId`: end only that round (a repeated command after it ended changes nothing: `ended: false`). */
  "trivia:end": (payload: In<typeof trivia.endRoundSchema>, ack: Ack<{ ended: boolean }>) => void;
  "trivia:answer": (payload: In<typeof trivia.submitAnswerSchema>, ack: Ack<{ elapsedMs: number }>) => void;
  /** `moments`: the live round's questions pinned to episode moments (none at the podium). */
  "trivia:sync": (payload: In<typeof trivia.roundInPartySchema>, ack: Ack<{ round: PublicRoundView | null; you: PlayerView | null; moments: PublicMoment[] }>) => void;
  /** Host only: pin a deck question to an episode moment in the live round (each viewer is asked when their player gets there). */
  "trivia:pin": (payload: In<typeof trivia.pinMomentSchema>, ack: Ack<{ moment: PublicMoment }>) => void;
  /** This person's player reached a pinned moment and showed its question: the first report starts their time. */
  "trivia:shown": (payload: In<typeof trivia.momentShownSchema>, ack: Ack<{ shownAt: number; closesAt: number }>) => void;
  /** An answer to a pinned question, once, within the round's time per question from when it was shown to this person. */
  "trivia:moment-answer": (payload: In<typeof trivia.momentAnswerSchema>, ack: Ack<{ elapsedMs: number; correct: boolean; points: number }>) => void;
  // The call (server/voice, docs/voice.md).
  "call:join": (payload: In<typeof call.callJoinSchema>, ack: Ack<CallJoined>) => void;
  "call:leave": (payload: In<typeof call.callLeaveSchema>, ack: Ack<{ left: true }>) => void;
  /** New TURN credentials for this person, before the old ones expire (a long call). */
  "call:relay": (payload: In<typeof call.callLeaveSchema>, ack: Ack<Pick<CallJoined, "iceServers" | "relayExpiresAt">>) => void;
  "call:signal": (payload: In<typeof call.callSignalSchema>, ack: Ack<{ sent: true }>) => void;
  "call:update": (payload: In<typeof call.callUpdateSchema>, ack: Ack<{ muted: boolean; camera: boolean }>) => void;
  "call:host": (payload: In<typeof call.callHostSchema>, ack: Ack<{ done: true }>) => void;
}

export interface ServerEvents {
  /** Sent once after the handshake: who the server takes this connection to be. */
  "session:ready": (payload: { user: SessionUser; serverTime: number }) => void;
  /** The server timing its round trip to this connection: answer the acknowledgement at once. */
  "clock:ping": (payload: { serverTime: number }, ack: () => void) => void;
  /**
   * This process is shutting down (SIGTERM): the connection closes right after,
   * and the client reconnects after `reconnectInMs` (the balancer sends it to
   * another process) and rejoins its rooms.
   */
  "server:draining": (payload: { reconnectInMs: number }) => void;
  /**
   * The session this connection was opened with has ended (signed-in time
   * over, or an extension link not renewed in time): the connection closes
   * right after. Sign in again (or link again) and reconnect.
   */
  "session:ended": (payload: { reason: "expired"; message: string }) => void;
  /** The party was cancelled: its room is closed and this connection is out of it. */
  "room:closed": (payload: InRoom & { reason: "cancelled" }) => void;
  /**
   * Deliveries to this connection may have been missed (the server lost its
   * chat notifications or Redis for a while): read chat after the last `seq`
   * seen (`chat:history`) and the trivia round (`trivia:sync`) again; the clock
   * comes with it (null when it could not be read).
   */
  "room:resync": (payload: InRoom & { clock: ClockState | null; controlMode: ControlMode | null }) => void;
  "presence:update": (payload: InRoom & { presence: PresenceEntry[]; presenceCount: PresenceCount }) => void;
  /** Who arrived and who left in the last notice window, in order (one frame for a room filling at once). */
  "presence:notice": (payload: InRoom & { people: PresenceNotice[] }) => void;
  "clock:state": (payload: InRoom & { clock: ClockState; controlMode: ControlMode; by: string }) => void;
  "ready:countdown": (payload: InRoom & { startAtServerMs: number; seconds: number; by: string }) => void;
  "chat:message": (payload: InRoom & { message: ChatMessage }) => void;
  "chat:deleted": (payload: InRoom & { messageId: string }) => void;
  "chat:reaction": (payload: InRoom & ShowPoint & { messageId: string | null; emoji: string; userId: string }) => void;
  "chat:typing": (payload: InRoom & { userId: string; name: string; typing: boolean }) => void;
  "member:sanctioned": (payload: InRoom & { userId: string; kind: "muted" | "unmuted" | "removed" }) => void;
  /** To one person's own connections: a place came free and they moved up from the waitlist. */
  "party:promoted": (payload: InRoom & { status: "going" }) => void;
  /** The round as everyone sees it (no answer key before the reveal); null once it is ended. */
  "trivia:round": (payload: InRoom & { round: PublicRoundView | null }) => void;
  /** How many have answered the open question so far (sent as answers arrive, between round updates). */
  "trivia:answered": (payload: InRoom & { roundId: string; index: number; answeredCount: number }) => void;
  /** One player's own standing, to that player's connections only. */
  "trivia:you": (payload: InRoom & { you: PlayerView }) => void;
  /** To one person's own connections: they answered a pinned question (on any of them), so none asks it again. */
  "trivia:moment-result": (payload: InRoom & MomentResult) => void;
  /** The live round's questions pinned to episode moments (never their answers), after each pin. */
  "trivia:moments": (payload: InRoom & { roundId: string; moments: PublicMoment[] }) => void;
  "call:peer-joined": (payload: InRoom & { peer: CallPeer }) => void;
  "call:peer-updated": (payload: InRoom & { peer: CallPeer }) => void;
  "call:peer-left": (payload: InRoom & { peerId: string }) => void;
  /** A WebRTC signal from another peer in the call, to this connection only. */
  "call:signal": (payload: InRoom & { from: string; signal: CallSignal }) => void;
  /** A host's call control, to the whole room (the person named acts on it; the others update their view). */
  "call:moderated": (payload: InRoom & { action: CallModeration; userId?: string; byUserId: string; by: string }) => void;
}

/** One connection in a party's call (docs/voice.md); `peerId` is its connection's id. */
export interface CallPeer {
  peerId: string;
  userId: string;
  name: string;
  muted: boolean;
  camera: boolean;
  /** A host muted this person: they cannot unmute until a host lets them, and the others play nothing of theirs. */
  hostMuted: boolean;
}
export type CallSignal = { type: "offer" | "answer"; sdp: string } | { type: "candidate"; candidate: RTCIceCandidateInitLike };
export interface RTCIceCandidateInitLike {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}
export type CallModeration = "muted" | "unmuted" | "muted-all" | "removed" | "ended" | "opened" | "large";
export interface CallJoined {
  you: CallPeer;
  /** The others in the call, each to connect to (the joiner makes the offers). */
  peers: CallPeer[];
  limit: number;
  /** TURN with credentials minted for this person (empty without a relay). */
  iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
  relayExpiresAt: number | null;
  /** This site has a media server: a host may make the call a large one. */
  largeCalls: boolean;
  /** A large call: media goes through Janus (AudioBridge for voice, VideoRoom for cameras), not a mesh. */
  janus?: { path: string; token: string; room: string; participantId: string };
}

export type ClientEventName = keyof ClientEvents;

/** The payload a client event carries (its first argument). */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientEvents[E]>[0];
/** The data of a successful acknowledgement of a client event. */
export type ClientResult<E extends ClientEventName> = Parameters<ClientEvents[E]>[1] extends Ack<infer T> ? T : never;

/** The error a refused handshake carries in `connect_error`'s `data`. */
export interface HandshakeErrorData {
  code: "UNAUTHENTICATED" | "TOO_MANY_CONNECTIONS";
}
