import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateOffset, type SyncSample } from "@/shared/clock-estimator";
import { positionAt } from "@/shared/party-clock";
import type { ChatMessage, HistoryMessage, RoomSnapshot } from "@/server/realtime/protocol";
import { clusterTier } from "../support/cluster-tier";
import { call, collect, dataOf, next, settle, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

type Instance = { connect: TestApp["connect"]; context: TestApp["context"] };

/** The clock target of docs/sync.md (positions computed by clients at one instant). */
const POSITION_SPREAD_TARGET_MS = 25;

describe.skipIf(!clusterTier)("chat and the clock across three processes", () => {
  let app: TestApp;
  let processes: Instance[];

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres", redis: true });
    processes = [app, await app.startInstance(), await app.startInstance()];
  });
  afterAll(() => app.close());

  async function join(client: TestClient, partyId: string, extra: Record<string, unknown> = {}): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId, ...extra });
    if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
    return result.data;
  }

  // Each viewer from its own loopback address: the per-address chat limit is shared by every process.
  let addresses = 0;
  async function guestOn(instance: Instance, name: string, cookie?: string) {
    const session = cookie ?? (await app.signInAsGuest(name));
    addresses += 1;
    const client = instance.connect(session, { localAddress: `127.0.${Math.floor(addresses / 250) + 1}.${(addresses % 250) + 1}` });
    await connected(client);
    return { cookie: session, client };
  }

  async function hostedParty() {
    const cookie = await app.signInAsMember("Host");
    const host = (await app.context.getSessionUser(cookie))!;
    return { cookie, party: await app.newParty(host.id) };
  }

  async function say(client: TestClient, partyId: string, text: string, clientId = randomUUID()): Promise<ChatMessage> {
    const result = await call(client, "chat:send", { partyId, clientId, text, episode: 1, positionMs: 0 });
    if (!result.ok) throw new Error(`send failed: ${result.error.message}`);
    return result.data.message;
  }

  const byId = (messages: HistoryMessage[]) => new Map(messages.map((m) => [m.id, m]));

  it("delivers messages sent concurrently through every process to every member in one strictly increasing seq order", async () => {
    const { party } = await hostedParty();
    // Two members per process, each sending at the personal limit (5 per 10 s), all at once.
    const members = await Promise.all(processes.flatMap((p, i) => [guestOn(p, `Sender ${i}a`), guestOn(p, `Sender ${i}b`)]));
    for (const m of members) await join(m.client, party.id);
    const inboxes = members.map((m) => collect(m.client, "chat:message"));

    const sent = await Promise.all(members.flatMap((m, i) => Array.from({ length: 5 }, (_, k) => say(m.client, party.id, `m${i}-${k}`))));
    await waitFor(() => inboxes.every((inbox) => inbox.length >= sent.length), "every member to receive every message");
    await settle();

    const stored = await app.context.rooms.messagesAfter(party.id, 0, 1000);
    const order = stored.map((m) => m.seq);
    expect(stored.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]!);
    for (const inbox of inboxes) expect(inbox.map((p) => p.message.seq)).toEqual(order);
  });

  it("gives a member who reconnects with afterSeq exactly what it missed while messages commit on several processes", async () => {
    const { party } = await hostedParty();
    const senders = await Promise.all(processes.flatMap((p, i) => [guestOn(p, `Writer ${i}a`), guestOn(p, `Writer ${i}b`)]));
    for (const s of senders) await join(s.client, party.id);
    const flaky = await guestOn(processes[0]!, "Flaky");
    await join(flaky.client, party.id);
    const before = collect(flaky.client, "chat:message");

    // Every sender writes 5 messages, a few ms apart, while the flaky member leaves and comes back through another process.
    const writing = Promise.all(
      senders.map(async (s, i) => {
        const mine: ChatMessage[] = [];
        for (let k = 0; k < 5; k++) {
          mine.push(await say(s.client, party.id, `w${i}-${k}`));
          await settle(15);
        }
        return mine;
      }),
    );
    await waitFor(() => before.length >= 3, "a few messages before the connection drops");
    flaky.client.close();
    const lastSeen = before.at(-1)!.message.seq;
    const seenBefore = before.map((p) => p.message);
    await settle(30);

    const again = await guestOn(processes[2]!, "Flaky", flaky.cookie);
    const after = collect(again.client, "chat:message");
    const rejoined = await join(again.client, party.id, { afterSeq: lastSeen });
    const sent = (await writing).flat();
    await waitFor(() => byId([...seenBefore, ...rejoined.messages, ...after.map((p) => p.message)]).size >= sent.length, "every message");
    await settle();

    expect(seenBefore.every((m) => m.seq <= lastSeen)).toBe(true);
    expect(rejoined.messages.every((m) => m.seq > lastSeen)).toBe(true);
    const missed = sent.filter((m) => m.seq > lastSeen).map((m) => m.id).sort();
    const received = [...byId([...rejoined.messages, ...after.map((p) => p.message)]).keys()].sort();
    expect(received).toEqual(missed);
    // Nothing seen twice within the history, and once merged by id every message is there once.
    expect(new Set(rejoined.messages.map((m) => m.id)).size).toBe(rejoined.messages.length);
    expect([...byId([...seenBefore, ...rejoined.messages, ...after.map((p) => p.message)]).keys()].sort()).toEqual(sent.map((m) => m.id).sort());
  });

  it("delivers a resend after a lost acknowledgement to the others again, with the same id", async () => {
    const { party } = await hostedParty();
    const sender = await guestOn(processes[0]!, "Lost ack");
    const others = await Promise.all([guestOn(processes[1]!, "Other 1"), guestOn(processes[2]!, "Other 2")]);
    for (const m of [sender, ...others]) await join(m.client, party.id);
    const inboxes = others.map((o) => collect(o.client, "chat:message"));

    const clientId = randomUUID();
    // The acknowledgement never reaches the sender (sent without one), whose connection then drops.
    (sender.client as unknown as { emit(e: string, p: unknown): void }).emit("chat:send", { partyId: party.id, clientId, text: "did it go?", episode: 1, positionMs: 0 });
    await waitFor(() => inboxes.every((inbox) => inbox.length === 1), "the first delivery");
    sender.client.close();

    const back = await guestOn(processes[1]!, "Lost ack", sender.cookie);
    await join(back.client, party.id);
    const resent = await say(back.client, party.id, "did it go?", clientId);
    await waitFor(() => inboxes.every((inbox) => inbox.length === 2), "the resend's delivery");
    for (const inbox of inboxes) expect(inbox.map((p) => p.message.id)).toEqual([resent.id, resent.id]);
    expect(await app.context.rooms.messagesAfter(party.id, 0, 10)).toHaveLength(1);
  });

  it("makes concurrent clock commands from two processes linearisable: every command saved once, in a strict version order", async () => {
    const { cookie, party } = await hostedParty();
    const tabs = [processes[0]!.connect(cookie), processes[1]!.connect(cookie)];
    await Promise.all(tabs.map(connected));
    for (const tab of tabs) await join(tab, party.id);
    const watcher = await guestOn(processes[2]!, "Watcher");
    const start = (await join(watcher.client, party.id)).clock.version;
    const updates = collect(watcher.client, "clock:state");

    // 20 seeks, 10 through each process, all at once; a control-mode change in the middle.
    const commands = Array.from({ length: 20 }, (_, i) =>
      call(tabs[i % 2]!, "clock:command", { partyId: party.id, command: { type: "seek", positionMs: (i + 1) * 1000 } }),
    );
    const mode = call(tabs[1]!, "clock:control-mode", { partyId: party.id, mode: "everyone" });
    const results = await Promise.all(commands);
    expect((await mode).ok).toBe(true);
    const clocks = results.map((r) => {
      if (!r.ok) throw new Error(`command failed: ${r.error.message}`);
      return r.data.clock;
    });

    const versions = clocks.map((c) => c.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(20);
    const saved = await app.context.rooms.loadClock(party.id);
    // 20 commands and the mode change: 21 versions, none lost.
    expect(saved?.clock.version).toBe(start + 21);
    expect(saved?.controlMode).toBe("everyone");
    // The final state is the last command's (a mode change keeps the position of a paused clock).
    const last = clocks.reduce((a, b) => (b.version > a.version ? b : a));
    expect(saved!.clock.positionMs).toBe(last.positionMs);
    // The watcher, keeping only strictly newer versions as the room page does, ends at the saved clock.
    await waitFor(() => updates.some((u) => u.clock.version === saved!.clock.version), "the last clock state");
    let shown = start;
    for (const u of updates) if (u.clock.version > shown) shown = u.clock.version;
    expect(shown).toBe(saved!.clock.version);
  });

  it("keeps one time base: clients of a process whose wall clock is 2 s off agree on the party position", async () => {
    const skewed = await app.startInstance({ clockSkewMs: 2000 });
    const { cookie, party } = await hostedParty();
    const onTrue = processes[0]!.connect(cookie);
    const onSkewed = skewed.connect(cookie);
    await Promise.all([connected(onTrue), connected(onSkewed)]);
    for (const c of [onTrue, onSkewed]) await join(c, party.id);

    async function offsetOf(client: TestClient): Promise<number> {
      const samples: SyncSample[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = Date.now();
        const r = await call(client, "clock:sync", { clientSentAt: t0 });
        const data = dataOf(r);
        samples.push({ t0, t1: data.serverReceivedAt, t2: data.serverSentAt, t3: Date.now() });
      }
      return estimateOffset(samples)!.offsetMs;
    }
    const offsets = [await offsetOf(onTrue), await offsetOf(onSkewed)];

    // Play is stamped by the skewed process; each client computes from its own process's view.
    const states = [next(onTrue, "clock:state"), next(onSkewed, "clock:state")];
    expect((await call(onSkewed, "clock:command", { partyId: party.id, command: { type: "play" } })).ok).toBe(true);
    const [seenOnTrue, seenOnSkewed] = await Promise.all(states);
    const instant = Date.now();
    const positions = [positionAt(seenOnTrue!.clock, instant + offsets[0]!), positionAt(seenOnSkewed!.clock, instant + offsets[1]!)];
    expect(Math.abs(positions[0]! - positions[1]!)).toBeLessThanOrEqual(POSITION_SPREAD_TARGET_MS);
    expect(Math.abs(offsets[0]! - offsets[1]!)).toBeLessThanOrEqual(POSITION_SPREAD_TARGET_MS);
    await skewed.stop();
  });

  it("takes the party's advisory lock before the insert draws a seq", async () => {
    const { party } = await hostedParty();
    const writer = await guestOn(processes[0]!, "Writer");
    await join(writer.client, party.id);
    const url = (app.databaseTarget as { url: string }).url;
    const admin = new pg.Client({ connectionString: url });
    const holder = new pg.Client({ connectionString: url });
    await Promise.all([admin.connect(), holder.connect()]);
    const lastSeq = async () => (await admin.query<{ v: string }>(`SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS v FROM "ChatMessage_seq_seq"`)).rows[0]!.v;
    try {
      // Another session holds the party's lock: the store must wait for it without having drawn a seq.
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text", [party.id]);
      const before = await lastSeq();
      const sending = say(writer.client, party.id, "behind the lock");
      await waitFor(async () => (await admin.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rowCount! > 0, "the store to wait for the lock");
      expect(await lastSeq()).toBe(before);
      await holder.query("COMMIT");
      expect((await sending).seq).toBeGreaterThan(Number(before));
    } finally {
      await Promise.all([admin.end(), holder.end()]);
    }
  });

  it("heals a lost LISTEN connection: the process's clients are told to resync and read what they missed", async () => {
    const { party } = await hostedParty();
    const writer = await guestOn(processes[0]!, "Writer");
    const reader = await guestOn(processes[1]!, "Reader");
    for (const m of [writer, reader]) await join(m.client, party.id);
    const resyncs = collect(reader.client, "room:resync");
    const live = collect(reader.client, "chat:message");

    // Every process of this run loses its LISTEN connection (this run's database only).
    const target = app.databaseTarget as { url: string };
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`);
    } finally {
      await admin.end();
    }
    const during = await say(writer.client, party.id, "while nobody listened");
    await waitFor(() => resyncs.some((r) => r.partyId === party.id), "room:resync");
    expect(resyncs.find((r) => r.partyId === party.id)).toMatchObject({ clock: { version: 0 }, controlMode: "hosts" });
    const history = await call(reader.client, "chat:history", { partyId: party.id, afterSeq: 0 });
    const received = byId([...live.map((p) => p.message), ...dataOf(history).messages]);
    expect(received.has(during.id)).toBe(true);
    // Listening again: the next message arrives live.
    const after = await say(writer.client, party.id, "listening again");
    await waitFor(() => live.some((p) => p.message.id === after.id), "a live message after the reconnect");
  });

  it("tells a process's clients to resync after its Redis connection comes back", async () => {
    const { party } = await hostedParty();
    const member = await guestOn(processes[2]!, "On three");
    await join(member.client, party.id);
    const resync = next(member.client, "room:resync");
    processes[2]!.context.cluster!.state.disconnect(true);
    expect(await resync).toMatchObject({ partyId: party.id, controlMode: "hosts" });
  });
});
