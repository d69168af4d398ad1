import type { PartyRole } from "../parties/party";
import type { ClockState } from "../../shared/party-clock";

export type ControlMode = "hosts" | "everyone";

/** The longest chat message, in characters (a plain number: the room's page counts down to it without loading zod). */
export const MAX_MESSAGE_LENGTH = 500;

/** The emoji a viewer may react with. A plain list (no schema), so the room's page can show it without loading zod. */
export const REACTIONS = ["👍", "😂", "😮", "😢", "🔥", "🕵️"] as const;
export type Reaction = (typeof REACTIONS)[number];
export const isReaction = (emoji: string): emoji is Reaction => (REACTIONS as readonly string[]).includes(emoji);

export interface ChatMessage {
  seq: number;
  id: string;
  clientId: string;
  senderId: string;
  senderName: string;
  text: string;
  episode: number;
  positionMs: number;
  /** Marked as a spoiler by its sender: hidden from the others until each reveals it. */
  spoiler: boolean;
  createdAt: string;
  reactions: Record<string, number>;
}

/**
 * A message as a joining client's history carries it (the `room:join`
 * snapshot): a ChatMessage without `clientId`, which only its sender uses
 * (a resend is answered by chat:send), and `createdAt`, which no page shows
 * (a message is placed by its episode moment and `seq`).
 */
export type HistoryMessage = Omit<ChatMessage, "clientId" | "createdAt">;

/** Reactions and messages per minute of an episode: where the big scenes are. */
export interface MomentBucket {
  episode: number;
  minute: number;
  count: number;
}

/** A stored reaction where it was sent (to a message: that message's moment). */
export interface StoredReaction {
  id: string;
  messageId: string | null;
  emoji: string;
  episode: number;
  positionMs: number;
}

export interface RoomRepository {
  /** The saved clock, or null before the room's first use. */
  loadClock(partyId: string): Promise<{ clock: ClockState; controlMode: ControlMode } | null>;
  /**
   * Saves the clock if the saved one is still at `expectedVersion` (or there is
   * none yet): "conflict" when another change came first (read it again and
   * retry), "party-closed" (nothing saved) when the party is cancelled. Every
   * write below refuses a cancelled party in the same statement, so the rule
   * holds for every process and every connection, whenever it joined.
   */
  saveClock(partyId: string, clock: ClockState, controlMode: ControlMode, expectedVersion: number): Promise<"saved" | "conflict" | "party-closed">;
  /**
   * Stores a message; a resend (same sender and clientId) returns the stored one with `created: false`;
   * null when the party is cancelled (and the message was not stored before).
   */
  appendMessage(
    input: Omit<ChatMessage, "seq" | "id" | "createdAt" | "reactions" | "spoiler"> & { partyId: string; spoiler?: boolean },
  ): Promise<{ message: ChatMessage; created: boolean } | null>;
  recentMessages(partyId: string, limit: number): Promise<ChatMessage[]>;
  messagesAfter(partyId: string, afterSeq: number, limit: number): Promise<ChatMessage[]>;
  /** Marks a message deleted: "no-message" when there is none (or it is deleted already). */
  deleteMessage(partyId: string, messageId: string): Promise<"deleted" | "party-closed" | "no-message">;
  /** Stores a reaction, to a message of the party when `messageId` is set. */
  addReaction(input: {
    partyId: string;
    messageId: string | null;
    userId: string;
    emoji: string;
    episode: number;
    positionMs: number;
  }): Promise<"added" | "party-closed" | "no-message">;
  moments(partyId: string): Promise<MomentBucket[]>;
  /** For watching the party back: up to `limit` messages (not deleted) in show order (episode, position, then arrival). */
  replayMessages(partyId: string, limit: number): Promise<ChatMessage[]>;
  /** For watching the party back: up to `limit` reactions in show order, none to a deleted message. */
  replayReactions(partyId: string, limit: number): Promise<StoredReaction[]>;
  sanctions(partyId: string, userId: string): Promise<{ muted: boolean; removed: boolean }>;
  /** Everyone in the party with a sanction, and theirs. */
  sanctionsIn(partyId: string): Promise<Map<string, { muted: boolean; removed: boolean }>>;
  setSanction(partyId: string, userId: string, kind: "muted" | "removed", on: boolean): Promise<void>;
}

export type { PresenceNotice } from "../../shared/presence-notices";

export interface PresenceEntry {
  userId: string;
  name: string;
  role: PartyRole;
  connected: boolean;
  ready: boolean;
  /** Muted by a host: reads the chat, cannot write. */
  muted: boolean;
  inSync: boolean;
  /** What the viewer last reported: positive means ahead of the party clock (ms). */
  driftMs: number | null;
  /** The viewer's measured round trip (ms), for countdowns. */
  roundTripMs: number | null;
  /** Who made the last drift report: the browser extension measures it; absent for the viewer's own nudges. */
  syncedBy?: ReportSource;
}

/** Where a drift report comes from: the viewer's own buttons, or the browser extension reading their player. */
export type ReportSource = "manual" | "extension";

/**
 * Who is in each room right now. Behind an interface so that it can move to a
 * store shared by several processes without touching the handlers.
 */
/** Someone taken out of a room by a sweep (their process is gone): `gone` when it was their last connection there. */
export interface LeftRoom {
  userId: string;
  gone: boolean;
  name: string;
}

export interface RoomStateStore {
  /** Returns true when this is the user's first connection in the room. */
  join(partyId: string, socketId: string, member: Pick<PresenceEntry, "userId" | "name" | "role" | "muted">): Promise<boolean>;
  /** Returns true when the user has no connection left in the room. */
  leave(partyId: string, socketId: string): Promise<{ userId: string; gone: boolean } | null>;
  update(partyId: string, userId: string, patch: Partial<Pick<PresenceEntry, "ready" | "muted" | "inSync" | "driftMs" | "roundTripMs" | "syncedBy">>): Promise<void>;
  presence(partyId: string): Promise<PresenceEntry[]>;
  member(partyId: string, userId: string): Promise<PresenceEntry | null>;
  /**
   * Takes the room's presence-broadcast window: null when another process has
   * it (its list, read after this change, goes out). The returned function
   * gives the window back; call it just before reading the list to send.
   */
  claimPresenceBroadcast(partyId: string, windowMs: number): Promise<(() => Promise<void>) | null>;
}
