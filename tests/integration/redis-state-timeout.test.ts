import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { LagTolerantRedis } from "@/server/cluster/open-redis";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const TIMEOUT_MS = 200;

/** Keeps the event loop busy (no timer or socket runs meanwhile), as a starved process does. */
function blockLoop(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

const clients: LagTolerantRedis[] = [];
const servers: Server[] = [];
const accepted: Socket[] = [];
afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const socket of accepted) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

function client(url: string) {
  const redis = new LagTolerantRedis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableReadyCheck: false, retryStrategy: () => null }, TIMEOUT_MS);
  clients.push(redis);
  return redis;
}

describe("the Redis state client's command timeout", () => {
  it("delivers a reply that arrived while the event loop was blocked past the timeout", async () => {
    const redis = client(REDIS_URL);
    await redis.connect();
    const reply = redis.ping();
    // Redis answers at once; the loop only gets to read it long after the timeout.
    blockLoop(TIMEOUT_MS * 4);
    await expect(reply).resolves.toBe("PONG");
  });

  it("still rejects a command a stalled server never answers", async () => {
    // A server that accepts the connection and never replies.
    const silent = createServer((socket) => accepted.push(socket));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const redis = client(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`);
    await redis.connect();
    await expect(redis.ping()).rejects.toThrow("Command timed out");
  });
});
