import { describe, expect, it } from "vitest";
import { chatNotification, NOTIFY_PAYLOAD_LIMIT } from "@/server/room/prisma-room-repository";
import type { ChatMessage } from "@/server/room/room";

// Characters that cost the most once JSON-escaped and UTF-8 encoded: 3 bytes per UTF-16 unit.
const widest = (n: number) => "€".repeat(n);
const largest = (senderName: string): ChatMessage => ({
  seq: 2_147_483_647,
  id: "m".repeat(32),
  clientId: '"'.repeat(64),
  senderId: "u".repeat(32),
  senderName,
  text: widest(500),
  episode: 10,
  positionMs: 21_600_000,
  createdAt: "2026-12-01T12:00:00.000Z",
  reactions: { "👍": 1000, "😂": 1000, "😮": 1000, "😢": 1000, "🔥": 1000, "🕵️": 1000 },
});

describe("a chat message's notification", () => {
  it("carries the whole message, the largest the schemas let through, under PostgreSQL's payload limit", () => {
    const payload = chatNotification("p".repeat(32), largest(widest(60)));
    expect(Buffer.byteLength(payload, "utf8")).toBeLessThan(NOTIFY_PAYLOAD_LIMIT / 2);
    expect(JSON.parse(payload)).toEqual({ partyId: "p".repeat(32), message: largest(widest(60)) });
  });

  it("shortens a sender name too long to fit (an OAuth profile name) rather than fail the batch", () => {
    const payload = chatNotification("p".repeat(32), largest(widest(3000)));
    expect(Buffer.byteLength(payload, "utf8")).toBeLessThan(NOTIFY_PAYLOAD_LIMIT);
    expect(JSON.parse(payload)).toMatchObject({ message: { senderName: widest(60), text: widest(500) } });
  });
});
