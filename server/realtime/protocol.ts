/**
 * The Socket.IO protocol, shared by the server and the browser: every event a
 * client may send, every event the server sends, and the acknowledgement each
 * client event is answered with. docs/realtime-protocol.md describes them.
 */
import type { SessionUser } from "../auth/session-user";
import type { PublicError } from "../errors";
import type { PartyRole } from "../parties/party";
import type { ClockState } from "../room/party-clock";
import type { ChatMessage, ControlMode, MomentBucket, PresenceEntry, ReportSource } from "../room/room";
import type { PresenceList } from "../room/list-presence";
import type { AnswerInput, PlayerView, PublicRoundView } from "../trivia/round";
import type { DeckName } from "../trivia/trivia";

export type { AnswerInput, ChatMessage, ClockState, ControlMode, MomentBucket, PlayerView, PresenceEntry, PublicRoundView, ReportSource };

export type PresenceCount = PresenceList["presenceCount"];

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };
export type Ack<T> = (result: AckResult<T>) => void;

export interface ClockSyncRequest {
  /** The client's clock when it sent the request, in ms. */
  clientSentAt: number;
}

export interface ClockSyncResponse {
  clientSentAt: number;
  /** The server's clock (ms since the Unix epoch) when the request arrived and when the answer left. */
  serverReceivedAt: number;
  serverSentAt: number;
}

export interface RoomSnapshot {
  party: { id: string; title: string; episodeFrom: number; episodeTo: number };
  you: { userId: string; role: PartyRole; muted: boolean };
  clock: ClockState;
  controlMode: ControlMode;
  /** At most PRESENCE_LIST_LIMIT (50) people: a bigger room lists its hosts and co-hosts, then the people here. */
  presence: PresenceEntry[];
  /** How many are connected in the whole room, and how many it lists as here or away. */
  presenceCount: PresenceCount;
  /** The last 100 messages, or every message after `afterSeq` on a reconnect. */
  messages: ChatMessage[];
  moments: MomentBucket[];
  serverTime: number;
}

type ClockCommand = { type: "play" } | { type: "pause" } | { type: "seek"; positionMs: number } | { type: "episode"; episode: number };
type InRoom = { partyId: string };
type ShowPoint = { episode: number; positionMs: number };

export interface ClientEvents {
  "clock:sync": (payload: ClockSyncRequest, ack: Ack<ClockSyncResponse>) => void;
  "room:join": (payload: InRoom & { invite?: string; afterSeq?: number }, ack: Ack<RoomSnapshot>) => void;
  "room:leave": (payload: InRoom, ack: Ack<{ left: true }>) => void;
  "clock:command": (payload: InRoom & { command: ClockCommand }, ack: Ack<{ clock: ClockState }>) => void;
  "clock:control-mode": (payload: InRoom & { mode: ControlMode }, ack: Ack<{ controlMode: ControlMode }>) => void;
  "ready:set": (payload: InRoom & { ready: boolean }, ack: Ack<{ ready: boolean }>) => void;
  "ready:countdown": (payload: InRoom & { seconds?: number }, ack: Ack<{ startAtServerMs: number; clock: ClockState }>) => void;
  "viewer:report": (
    payload: InRoom & { driftMs: number | null; inSync: boolean; source?: ReportSource },
    ack: Ack<{ reported: true }>,
  ) => void;
  /** A browser extension's connection only: a fresh link token for the one it holds. */
  "extension:renew": (payload: { token: string }, ack: Ack<{ token: string; expiresAt: number }>) => void;
  /** A browser extension's connection only: ends its own link (its tokens are void, its connections close). */
  "extension:unlink": (payload: Record<string, never>, ack: Ack<{ unlinked: true }>) => void;
  "chat:send": (payload: InRoom & ShowPoint & { clientId: string; text: string }, ack: Ack<{ message: ChatMessage }>) => void;
  "chat:history": (payload: InRoom & { afterSeq: number }, ack: Ack<{ messages: ChatMessage[] }>) => void;
  "chat:react": (payload: InRoom & ShowPoint & { messageId?: string | null; emoji: string }, ack: Ack<{ reacted: true }>) => void;
  "chat:typing": (payload: InRoom & { typing: boolean }, ack: Ack<{ typing: boolean }>) => void;
  "chat:delete": (payload: InRoom & { messageId: string }, ack: Ack<{ deleted: true }>) => void;
  "member:mute": (payload: InRoom & { userId: string; on?: boolean }, ack: Ack<{ muted: boolean }>) => void;
  "member:remove": (payload: InRoom & { userId: string }, ack: Ack<{ removed: true }>) => void;
  "trivia:start": (
    payload: InRoom & { deck: DeckName; questionCount: number; secondsPerQuestion: number },
    ack: Ack<{ round: PublicRoundView }>,
  ) => void;
  "trivia:next": (payload: InRoom, ack: Ack<{ round: PublicRoundView }>) => void;
  "trivia:end": (payload: InRoom, ack: Ack<{ ended: true }>) => void;
  "trivia:answer": (
    payload: InRoom & { roundId: string; questionIndex: number; answer: AnswerInput },
    ack: Ack<{ elapsedMs: number }>,
  ) => void;
  "trivia:sync": (payload: InRoom, ack: Ack<{ round: PublicRoundView | null; you: PlayerView | null }>) => void;
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
  "presence:notice": (payload: InRoom & { userId: string; name: string; kind: "joined" | "left" }) => void;
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
  /** One player's own standing, to that player's connections only. */
  "trivia:you": (payload: InRoom & { you: PlayerView }) => void;
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
