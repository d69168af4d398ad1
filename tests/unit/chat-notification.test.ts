import { describe, expect, it } from "vitest";
import { chatMessageFromNotification, chatNotification, NOTIFY_PAYLOAD_LIMIT, type ChatNotification } from "@/server/room/chat-message";

// Characters that cost the most once JSON-escaped and UTF-8 encoded: 3 bytes per UTF-16 unit.
const widest = (n: number) => "€".repeat(n);
const largest = (senderName: string): ChatNotification => ({
  partyId: "p".repeat(32),
  row: {
    seq: 2_147_483_647,
    id: "m".repeat(32),
    clientId: '"'.repeat(64),
    senderId: "u".repeat(32),
    text: widest(500),
    episode: 10,
    positionMs: 21_600_000,
    spoiler: false,
    createdAt: "2026-12-01T12:00:00.000Z",
  },
  senderName,
  reactions: { "👍": 1000, "😂": 1000, "😮": 1000, "😢": 1000, "🔥": 1000, "🕵️": 1000 },
});

describe("a chat message's notification", () => {
  it("carries what the message is built from, the largest the schemas let through, under PostgreSQL's payload limit", () => {
    const payload = chatNotification(largest(widest(60)));
    expect(Buffer.byteLength(payload, "utf8")).toBeLessThan(NOTIFY_PAYLOAD_LIMIT / 2);
    expect(chatMessageFromNotification(JSON.parse(payload) as ChatNotification)).toEqual({
      ...largest(widest(60)).row,
      senderName: widest(60),
      reactions: largest("").reactions,
    });
  });

  it("shortens a sender name too long to fit (an OAuth profile name) rather than fail the batch", () => {
    const payload = chatNotification(largest(widest(3000)));
    expect(Buffer.byteLength(payload, "utf8")).toBeLessThan(NOTIFY_PAYLOAD_LIMIT);
    expect(chatMessageFromNotification(JSON.parse(payload) as ChatNotification)).toMatchObject({ senderName: widest(60), text: widest(500) });
  });
});
