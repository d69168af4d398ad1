import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "pino";
import type { ChatDelivery } from "../realtime/chat-delivery";
import type { RoomPublisher } from "../realtime/room-publisher";
import { chatMessageFromNotification, type ChatNotification } from "../room/chat-message";
import { RECONNECT_MAX_MS } from "./open-redis";

/** The channel every process LISTENs on for stored chat messages (the repository notifies it). */
export const CHAT_CHANNEL = "bwp_chat_message";

/**
 * Chat across processes: the group commit notifies each stored message in its
 * transaction (server/room/prisma-room-repository.ts), so PostgreSQL hands it
 * to every process's LISTEN connection once committed, in commit order, which
 * under the per-party lock is `seq` order. Each process's room publisher emits
 * it to its own sockets only: nothing crosses Redis, a message is delivered
 * even when the process that stored it dies after COMMIT, and it is never
 * delivered when the transaction rolled back. A lost LISTEN connection is
 * opened again, and this process's clients are told to resync what they may
 * have missed meanwhile.
 */
export async function openChatNotifications(options: { databaseUrl: string; logger: Logger; channel?: string }): Promise<ChatDelivery> {
  const channel = options.channel ?? CHAT_CHANNEL;
  const logger = options.logger.child({ component: "chat-notifications" });
  let publisher: RoomPublisher | undefined;
  let resync: (() => void) | undefined;
  let client: pg.Client | undefined;
  let closed = false;

  function deliver(payload: string): void {
    let notification: ChatNotification;
    try {
      notification = JSON.parse(payload) as ChatNotification;
    } catch (err) {
      logger.error({ err }, "an unreadable chat notification");
      return;
    }
    publisher?.chatMessage(notification.partyId, chatMessageFromNotification(notification));
  }

  async function listen(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true });
    next.on("notification", (n) => {
      if (n.channel === channel && n.payload) deliver(n.payload);
    });
    next.on("error", (err) => {
      logger.warn({ err }, "the chat LISTEN connection failed");
      lost(next);
    });
    next.on("end", () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    return next;
  }

  function lost(which: pg.Client): void {
    if (client !== which) return;
    client = undefined;
    which.end().catch(() => undefined);
    if (!closed) void reconnect();
  }

  async function reconnect(): Promise<void> {
    for (let attempt = 1; !closed; attempt++) {
      await delay(Math.min(attempt * 100, RECONNECT_MAX_MS));
      if (closed) return;
      try {
        const next = await listen();
        if (closed) {
          await next.end();
          return;
        }
        client = next;
        logger.info("listening for chat messages again");
        // Messages committed while nobody listened were not delivered here.
        resync?.();
        return;
      } catch (err) {
        logger.warn({ err, attempt }, "could not listen for chat messages yet");
      }
    }
  }

  client = await listen();
  return {
    // Delivered by the notification, to every process: nothing to do after the acknowledgement.
    async send(_partyId, store) {
      return { sent: await store(), deliver: () => undefined };
    },
    attach(to, onMissed) {
      publisher = to;
      resync = onMissed;
    },
    async close() {
      closed = true;
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
