import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import { clusterTier } from "../support/cluster-tier";
import { call, next } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

describe.skipIf(!clusterTier)("two processes on PostgreSQL and Redis", () => {
  let app: TestApp;
  let second: Awaited<ReturnType<TestApp["startInstance"]>>;

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres", redis: true });
    second = await app.startInstance();
  });
  afterAll(() => app.close());

  async function join(client: TestClient, partyId: string): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId });
    if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
    return result.data;
  }

  it("reports the Redis adapter and that Redis answers", async () => {
    const { GET } = await import("@/app/api/health/route");
    expect(await (await GET()).json()).toEqual({
      status: "ok",
      database: "postgres",
      socketAdapter: "redis-streams",
      redis: "ok",
      processId: second.context.cluster!.processId,
    });
  });

  it("delivers a message sent through one process to a member connected to the other", async () => {
    const hostCookie = await app.signInAsMember("Host on one");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    const guestCookie = await app.signInAsGuest("Guest on two");
    const onOne = app.connect(hostCookie);
    const onTwo = second.connect(guestCookie);
    await Promise.all([connected(onOne), connected(onTwo)]);
    await join(onOne, party.id);
    await join(onTwo, party.id);
    const received = next(onTwo, "chat:message");
    const sent = await call(onOne, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "across", episode: 1, positionMs: 0 });
    expect(sent.ok).toBe(true);
    expect((await received).message.text).toBe("across");
  });
});
