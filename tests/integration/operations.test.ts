import { randomUUID } from "node:crypto";
import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { call, next } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const TOKEN = "a-metrics-token-of-24-characters-or-more";

/** The value of one sample in the Prometheus text, e.g. `bwp_sockets_connected`. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe.each(testDatabaseKinds())("operations (%s): /metrics and draining", (kind) => {
  let app: TestApp;
  let url: string;
  let token: string | undefined;
  const clients: TestClient[] = [];

  /** The assembled app, behind one trusted proxy (the edge's /metrics), with a token the test changes. */
  beforeAll(async () => {
    app = await startTestApp({ kind, http: { trustProxyHops: 1 }, metricsToken: () => token });
    url = app.url;
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
  });

  function connect(cookie: string): TestClient {
    const client: TestClient = connectSocket(url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    client.on("clock:ping", (_p, ack) => ack());
    clients.push(client);
    return client;
  }

  it("counts connections, rooms, events and chat, and says the database answers", async () => {
    const hostCookie = await app.signInAsMember("Metrics host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    // Both signed in first: a connection made before an await could connect before `connected` listens.
    const guestCookie = await app.signInAsGuest("Metrics guest");
    const [a, b] = [connect(hostCookie), connect(guestCookie)];
    await Promise.all([connected(a), connected(b)]);
    for (const client of [a, b]) expect((await call(client, "room:join", { partyId: party.id })).ok).toBe(true);
    const delivered = next(b, "chat:message");
    expect((await call(a, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "measured", episode: 1, positionMs: 0 })).ok).toBe(true);
    await delivered;

    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, "bwp_sockets_connected")).toBe(2);
    expect(sample(text, "bwp_rooms_joined")).toBe(2);
    expect(sample(text, "bwp_parties_live")).toBe(1);
    expect(sample(text, "bwp_trivia_rounds_held")).toBe(0);
    expect(sample(text, "bwp_database_up")).toBe(1);
    expect(sample(text, "bwp_redis_up")).toBeUndefined();
    expect(sample(text, "bwp_socket_connections_total")).toBe(2);
    expect(sample(text, "bwp_socket_event_duration_seconds_count", 'event="room:join",outcome="ok"')).toBe(2);
    expect(sample(text, "bwp_socket_event_duration_seconds_count", 'event="chat:send",outcome="ok"')).toBe(1);
    expect(sample(text, "bwp_chat_store_duration_seconds_count")).toBe(1);
    // Handed to both members' connections (the sender's too).
    expect(sample(text, "bwp_chat_delivery_seconds_count")).toBe(2);
    expect(sample(text, "bwp_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    expect(text).toContain(`process_id="${app.processId}"`);
  });

  it("serves /metrics only to the internal network without a token, and only with it when one is set", async () => {
    // Relayed by a proxy on this machine for a client outside: refused.
    expect((await fetch(`${url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(403);
    expect((await fetch(`${url}/metrics`, { headers: { "x-forwarded-for": "10.1.2.3" } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { method: "POST", headers: { "content-type": "application/json" } })).status).toBe(405);
    token = TOKEN;
    try {
      const refused = await fetch(`${url}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toBe("Bearer");
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      const allowed = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "203.0.113.7" } });
      expect(allowed.status).toBe(200);
    } finally {
      token = undefined;
    }
  });

  it("drains: health answers 503, connections are told to reconnect and closed, new ones are refused", async () => {
    const cookie = await app.signInAsGuest("Drained viewer");
    const client = connect(cookie);
    await connected(client);
    const told = next(client, "server:draining");
    const closed = new Promise<string>((resolve) => client.once("disconnect", resolve));
    try {
      const drained = app.drain();
      const answer = await health();
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { status: string }).status).toBe("draining");
      expect(await drained).toBeGreaterThanOrEqual(1);
      expect((await told).reconnectInMs).toBeGreaterThanOrEqual(0);
      // A server-side disconnect: the room page reconnects on its own after the hint (use-room.ts).
      expect(await closed).toBe("io server disconnect");
      await expect(connected(connect(cookie))).rejects.toThrow();
    } finally {
      app.context.draining = false;
    }
  });
});
