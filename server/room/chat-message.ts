import type { ChatMessage, HistoryMessage } from "./room";

/** A stored chat row, as the database returns it: what a chat message is built from. */
export interface ChatRow {
  seq: number;
  id: string;
  clientId: string;
  senderId: string;
  text: string;
  episode: number;
  positionMs: number;
  /** The sender marked it as a spoiler: hidden from others until each reveals it. */
  spoiler: boolean;
  createdAt: Date | string;
}

/**
 * The chat message's wire shape, built in this one place (for a read, a new
 * row and a notified one): a stored row, its sender's name and its reaction counts.
 */
export function chatMessage(row: ChatRow, senderName: string, reactions: Record<string, number> = {}): ChatMessage {
  return {
    seq: row.seq,
    id: row.id,
    clientId: row.clientId,
    senderId: row.senderId,
    senderName,
    text: row.text,
    episode: row.episode,
    positionMs: row.positionMs,
    spoiler: row.spoiler,
    createdAt: typeof row.createdAt === "string" ? row.createdAt : row.createdAt.toISOString(),
    reactions,
  };
}

/** A message as a joining client's history carries it (room.ts, HistoryMessage). */
export function historyMessage(m: ChatMessage): HistoryMessage {
  return { seq: m.seq, id: m.id, senderId: m.senderId, senderName: m.senderName, text: m.text, episode: m.episode, positionMs: m.positionMs, spoiler: m.spoiler, reactions: m.reactions };
}

/** How many of each emoji, from a message's reaction rows. */
export function reactionCounts(rows: ReadonlyArray<{ emoji: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.emoji] = (counts[r.emoji] ?? 0) + 1;
  return counts;
}

/**
 * A stored message as its PostgreSQL notification carries it (several
 * processes): what `chatMessage` needs, not the wire shape. The row is the
 * stored one (`createdAt` as ISO text); `reactions` only for a resend of a
 * message stored before (a new one has none).
 */
export interface ChatNotification {
  partyId: string;
  row: ChatRow & { createdAt: string };
  senderName: string;
  reactions?: Record<string, number>;
}

/** PostgreSQL refuses a NOTIFY payload of this many bytes or more (a failed pg_notify would fail the whole batch). */
export const NOTIFY_PAYLOAD_LIMIT = 8000;
/** The longest sender name a notification carries when the full one would not fit. */
export const NOTIFIED_NAME_FALLBACK = 60;

/**
 * The payload of a message's notification. A message is far below the limit:
 * 500 characters of text (the schema's maximum), a clientId of 64 ASCII
 * characters and short ids, at most 3 UTF-8 bytes per UTF-16 unit once
 * JSON-escaped (the text has no control characters but LF and tab), about
 * 1,800 bytes. Only the sender's name is not bounded by a schema of ours (an
 * OAuth provider's profile name): one that would not fit goes shortened.
 * The repository builds the same payload in SQL for a new row.
 */
export function chatNotification(notification: ChatNotification): string {
  const payload = JSON.stringify(notification);
  if (Buffer.byteLength(payload, "utf8") < NOTIFY_PAYLOAD_LIMIT) return payload;
  return JSON.stringify({ ...notification, senderName: notification.senderName.slice(0, NOTIFIED_NAME_FALLBACK) });
}

/** The message a notification stands for. */
export function chatMessageFromNotification(notification: ChatNotification): ChatMessage {
  return chatMessage(notification.row, notification.senderName, notification.reactions);
}
