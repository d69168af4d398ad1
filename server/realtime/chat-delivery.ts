import type { ChatMessage } from "../room/room";
import { createKeyedQueue } from "../keyed-queue";
import type { RoomPublisher } from "./room-publisher";

/** A stored message, or a resend answered with the stored one (`created: false`). */
export interface SentMessage {
  message: ChatMessage;
  created: boolean;
}

/**
 * How stored chat messages reach the party's room. One process: an outbox in
 * this process (below). Several processes: PostgreSQL notifications sent in
 * the storing transaction (server/cluster/chat-notifications.ts). Either way
 * every member receives a party's messages in `seq` order, and a resend is
 * delivered again (clients drop a message whose id they have).
 */
export interface ChatDelivery {
  /** Stores a message through `store`; `deliver` runs once the sender has its acknowledgement. */
  send(partyId: string, store: () => Promise<SentMessage>): Promise<{ sent: SentMessage; deliver(): void }>;
  /** The room publisher to deliver through, and what to call when deliveries may have been missed (its clients resync). */
  attach(publisher: RoomPublisher, resync: () => void): void;
  close(): Promise<void>;
}

/**
 * One process: a party's messages are stored one at a time and queued for
 * broadcast in the order they were stored, so every member receives them in
 * `seq` order.
 */
export function createOutboxChatDelivery(): ChatDelivery {
  const serial = createKeyedQueue();
  const outbox = new Map<string, ChatMessage[]>();
  let publisher: RoomPublisher | undefined;
  const flush = (partyId: string) => {
    const pending = outbox.get(partyId) ?? [];
    outbox.delete(partyId);
    for (const message of pending) publisher?.chatMessage(partyId, message);
  };
  return {
    async send(partyId, store) {
      const sent = await serial(partyId, async () => {
        const result = await store();
        outbox.set(partyId, [...(outbox.get(partyId) ?? []), result.message]);
        return result;
      });
      return { sent, deliver: () => flush(partyId) };
    },
    attach(to) {
      publisher = to;
    },
    async close() {},
  };
}
