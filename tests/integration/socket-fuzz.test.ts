/**
 * Property suite: thousands of generated malformed events against the real
 * Socket.IO server on a real database. Every answer must be typed (never
 * INTERNAL, never a stack trace), nothing is logged at error level or with a
 * stack, the server keeps serving, and the heap does not grow.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AckResult, ClientEventName } from "@/server/realtime/protocol";
import { MAX_MESSAGE_BYTES } from "@/server/realtime/create-realtime-server";
import { checkWithBothSeeds, announceSeeds } from "../support/fuzz-seeds";
import { settledHeapUsed } from "../support/heap";
import { captureLogs } from "../support/log-capture";
import { signInGuest, type Person } from "../support/people";
import { argumentsFor, argumentShape, eventPayloads, unknownEventName, type StormTargets } from "../support/socket-payloads";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";
import { assertTypedAck } from "../support/typed-answers";
import { fitsInOneMessage, hostileValue } from "../support/hostile-values";

/** Cases per client event (half from each seed); 20 events → 10,000, plus unknown events and argument shapes. */
const RUNS_PER_EVENT = 500;
const ACK_TIMEOUT_MS = 3000;

type Loose = { emitWithAck(event: string, ...args: unknown[]): Promise<AckResult<unknown>>; emit(event: string, ...args: unknown[]): void };
const loose = (client: TestClient) => client as unknown as Loose;
const call = (client: TestClient, event: string, ...args: unknown[]) => (client.timeout(ACK_TIMEOUT_MS) as unknown as Loose).emitWithAck(event, ...args);

async function okData<T>(promise: Promise<AckResult<unknown>>, what: string): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

announceSeeds("socket fuzz");

describe.each(testDatabaseKinds())("malformed socket traffic on the %s database", (kind) => {
  const logs = captureLogs();
  let app: TestApp;
  let targets: StormTargets;
  let senders: Array<{ name: string; cookie: string; client: TestClient }>;
  let host: Person;
  let guest: Person;
  let heapBefore = 0;

  /** Replaces a connection a previous case closed (that case has failed already), then joins the room. */
  async function joinAll() {
    for (const sender of senders) {
      if (sender.client.connected) continue;
      sender.client = app.connect(sender.cookie);
      await connected(sender.client);
    }
    await okData(call(senders[0]!.client, "room:join", { partyId: targets.partyId }), "host joins");
    await call(senders[1]!.client, "room:join", { partyId: targets.partyId, invite: targets.invite });
  }

  beforeAll(async () => {
    app = await startTestApp({
      kind,
      logger: logs.logger,
      triviaTimings: { readMs: 0, revealMs: 60_000, leaderboardMs: 60_000 },
    });
    host = await signInGuest(app, "Storm host");
    guest = await signInGuest(app, "Storm guest");
    const outsider = await signInGuest(app, "Storm outsider");
    const victim = await signInGuest(app, "Storm victim");
    const party = await app.newParty(host.user.id, "unlisted");
    senders = [host, guest, outsider].map((p) => ({ name: p.user.name, cookie: p.cookie, client: app.connect(p.cookie) }));
    await Promise.all(senders.map((s) => connected(s.client)));
    targets = { partyId: party.id, invite: party.inviteToken, roundId: "", messageId: "", userId: victim.user.id };
    await joinAll();
    const sent = await okData<{ message: { id: string } }>(
      call(senders[0]!.client, "chat:send", { partyId: party.id, clientId: randomUUID(), text: "hello", episode: 1, positionMs: 0 }),
      "first message",
    );
    targets.messageId = sent.message.id;
    const started = await okData<{ round: { roundId: string } }>(
      call(senders[0]!.client, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 30, secondsPerQuestion: 120 }),
      "trivia starts",
    );
    targets.roundId = started.round.roundId;
    await okData(call(senders[0]!.client, "trivia:next", { partyId: party.id }), "first question");
    // Warm up (JIT, pools, caches) before the heap is measured.
    for (const event of Object.keys(eventPayloads(targets))) {
      for (const payload of fc.sample(eventPayloads(targets)[event as ClientEventName], { numRuns: 10, seed: 1 })) {
        await call(senders[0]!.client, event, payload).catch(() => undefined);
      }
    }
    await joinAll();
    logs.takeOffending();
    heapBefore = await settledHeapUsed();
  });
  afterAll(() => app?.close());
  // Each test answers for its own log lines.
  beforeEach(() => void logs.takeOffending());

  /** One of the three connections: the host, a guest who joined, someone who did not join. */
  const fromAnyone = fc.integer({ min: 0, max: 2 });
  const messageValue = hostileValue.filter(fitsInOneMessage);

  /** Sends, waits for the answer, and checks the answer is typed and the connection still open. */
  async function sendAndCheck(sender: number, event: string, args: unknown[], what: string) {
    const { client, name } = senders[sender]!;
    const ack = await call(client, event, ...args).catch((error: unknown) => {
      throw new Error(`${what} from ${name} was never answered: ${String(error)}`);
    });
    assertTypedAck(ack, `${what} from ${name}`);
    if (!client.connected) throw new Error(`${what} from ${name} closed the connection`);
    return ack;
  }

  it.each(Object.keys(eventPayloads({ partyId: "p", invite: "i", roundId: "r", messageId: "m", userId: "u" })) as ClientEventName[])(
    "answers %s with a typed result whatever the payload",
    async (event) => {
      await joinAll();
      const payloads = eventPayloads(targets)[event];
      await checkWithBothSeeds(
        fc.asyncProperty(fromAnyone, payloads, async (sender, payload) => {
          await sendAndCheck(sender, event, [payload], event);
        }),
        RUNS_PER_EVENT,
      );
      expect(logs.takeOffending()).toEqual([]);
    },
  );

  it("answers unknown events UNKNOWN_EVENT", async () => {
    const known = Object.keys(eventPayloads(targets));
    await checkWithBothSeeds(
      fc.asyncProperty(fromAnyone, unknownEventName(known), messageValue, async (sender, event, payload) => {
        const ack = await sendAndCheck(sender, event, [payload], `unknown event ${JSON.stringify(event)}`);
        expect(ack).toMatchObject({ ok: false, error: { code: "UNKNOWN_EVENT" } });
      }),
      400,
    );
    expect(logs.takeOffending()).toEqual([]);
  });

  it("answers every event whatever the shape of its arguments: ack only, extra arguments, a null before the payload", async () => {
    await joinAll();
    const events = Object.keys(eventPayloads(targets)) as ClientEventName[];
    const payloads = eventPayloads(targets);
    const anyCall = fc
      .tuple(fc.constantFrom(...events).chain((event) => fc.tuple(fc.constant(event), payloads[event])), argumentShape, messageValue)
      .map(([[event, payload], shape, extra]) => ({ event, shape, args: argumentsFor(shape, payload, extra) }))
      .filter(({ args }) => fitsInOneMessage(args));
    await checkWithBothSeeds(
      fc.asyncProperty(fromAnyone, anyCall, async (sender, { event, shape, args }) => {
        if (shape === "no ack") {
          loose(senders[sender]!.client).emit(event, ...args);
          // Nothing can be answered; the connection must still answer the next event.
          await sendAndCheck(sender, "clock:sync", [{ clientSentAt: Date.now() }], `clock:sync after ${event} without an ack`);
          return;
        }
        await sendAndCheck(sender, event, args, `${event} sent as (${shape})`);
      }),
      1000,
      // A shape the server does not answer fails every run after a timeout: one counterexample is enough.
      { endOnFailure: true },
    );
    expect(logs.takeOffending()).toEqual([]);
  });

  it("closes only the connection that sends a message over the size limit", async () => {
    const bigSender = app.connect(host.cookie);
    await connected(bigSender);
    const closed = new Promise<string>((resolve) => bigSender.once("disconnect", resolve));
    loose(bigSender).emit("chat:send", { partyId: targets.partyId, text: "x".repeat(MAX_MESSAGE_BYTES + 1024) });
    expect(await closed).toBe("transport close");
    assertTypedAck(await call(senders[0]!.client, "clock:sync", { clientSentAt: Date.now() }), "host after the oversized message");
  });

  it("still serves every connection and a new one after the storm", async () => {
    for (const { name, client } of senders) {
      expect(client.connected, name).toBe(true);
      expect(await call(client, "clock:sync", { clientSentAt: 1 }), name).toMatchObject({ ok: true });
    }
    const fresh = await signInGuest(app, "After the storm");
    const client = app.connect(fresh.cookie);
    await connected(client);
    expect(await call(client, "room:join", { partyId: targets.partyId, invite: targets.invite })).toMatchObject({ ok: true, data: { you: { role: "guest" } } });
    // Events no rate limit applies to: the storm may have used up this address's chat allowance.
    expect(await call(client, "viewer:report", { partyId: targets.partyId, driftMs: 20, inSync: true })).toMatchObject({ ok: true });
    expect(await call(client, "chat:history", { partyId: targets.partyId, afterSeq: 0 })).toMatchObject({ ok: true, data: { messages: expect.any(Array) } });
    expect(logs.takeOffending()).toEqual([]);
  });

  it("does not grow the heap", async () => {
    const heapAfter = await settledHeapUsed();
    const grownMb = (heapAfter - heapBefore) / 2 ** 20;
    console.info(`socket fuzz on ${kind}: heapUsed ${(heapBefore / 2 ** 20).toFixed(1)} MB before the storm, ${(heapAfter / 2 ** 20).toFixed(1)} MB after (${grownMb.toFixed(1)} MB), ${logs.lines} log lines`);
    expect(grownMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});

/**
 * Above what the storm leaves after the warm-up (about 4 MB on PGlite, 2 MB on
 * PostgreSQL, measured over all ≈ 11,400 events); keeping 1 KB per event would fail it.
 */
const MAX_HEAP_GROWTH_MB = 10;
