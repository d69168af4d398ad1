import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as cancel } from "@/app/api/parties/[id]/cancel/route";
import { INT4_MAX } from "@/server/db/column-limits";
import type { RoomSnapshot } from "@/server/realtime/protocol";
import { SOCKET_LIMITS } from "@/server/socket-limits";
import { MAX_ROUND_TRIP_MS, COUNTDOWN_MARGIN_MS } from "@/server/room/start-countdown";
import { call, callRaw, collect, dataOf, next, settle, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/** What the app logged at error level or above (pino level 50+), to check that client input never causes one. */
const logged: Array<{ level: number; msg: string }> = [];
const recordingLogger = pino(
  { level: "debug" },
  {
    write(line: string) {
      logged.push(JSON.parse(line) as { level: number; msg: string });
    },
  },
);
const errorsLogged = () => logged.filter((l) => l.level >= 50);

const PROTOTYPE_KEYS = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__proto__", "prototype", "__defineGetter__"];

describe.each(testDatabaseKinds())("the live room's hardening on the %s database", (kind) => {
  let app: TestApp;
  /** When set, the room state's presence list fails: a failure after a join registered presence. */
  let failPresence = false;

  beforeAll(async () => {
    app = await startTestApp({
      kind,
      logger: recordingLogger,
      wrapRoom: (deps) => ({
        ...deps,
        state: {
          ...deps.state,
          presence: (partyId) => (failPresence ? Promise.reject(new Error("presence store down")) : deps.state.presence(partyId)),
        },
      }),
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    logged.length = 0;
  });

  async function person(name: string, extra: { localAddress?: string } = {}) {
    const cookie = await app.signInAsGuest(name);
    const client = app.connect(cookie, extra);
    await connected(client);
    const user = (await app.context.getSessionUser(cookie))!;
    return { cookie, client, user };
  }

  async function join(client: TestClient, partyId: string, extra: Record<string, unknown> = {}): Promise<RoomSnapshot> {
    const result = await call(client, "room:join", { partyId, ...extra });
    if (!result.ok) throw new Error(`join failed: ${result.error.message}`);
    return result.data;
  }

  /** A host in a new party's room, and guests in it too (joined in order). */
  async function roomWith<Names extends string[]>(hostName: string, ...guestNames: Names) {
    type Person = Awaited<ReturnType<typeof person>>;
    const host = await person(hostName);
    const party = await app.newParty(host.user.id);
    await join(host.client, party.id);
    const guests: Person[] = [];
    for (const name of guestNames) {
      const guest = await person(name);
      await join(guest.client, party.id);
      guests.push(guest);
    }
    return { host, party, guests: guests as { [K in keyof Names]: Person } };
  }

  const say = (client: TestClient, partyId: string, text = "hello") =>
    call(client, "chat:send", { partyId, clientId: randomUUID(), text, episode: 1, positionMs: 1000 });
  const react = (client: TestClient, partyId: string) => call(client, "chat:react", { partyId, messageId: null, emoji: "🔥", episode: 1, positionMs: 1000 });

  describe("numbers a database column cannot hold", () => {
    it("answers room:join with afterSeq 2^31 VALIDATION_FAILED and keeps no ghost in presence", async () => {
      const host = await person("Host N1");
      const party = await app.newParty(host.user.id);
      await join(host.client, party.id);
      const guest = await person("Guest N1");
      expect(await call(guest.client, "room:join", { partyId: party.id, afterSeq: 2 ** 31 })).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED", fields: { afterSeq: `A message seq is at most ${INT4_MAX}.` } },
      });
      expect(await app.context.roomState.member(party.id, guest.user.id)).toBeNull();
      expect((await app.context.roomState.presence(party.id)).map((p) => p.name)).toEqual(["Host N1"]);
      // The largest seq the column holds is fine.
      expect((await join(guest.client, party.id, { afterSeq: INT4_MAX })).messages).toEqual([]);
      expect(errorsLogged()).toEqual([]);
    });

    it("refuses every numeric field past its column's range with VALIDATION_FAILED naming the field", async () => {
      const { host, party } = await roomWith("Host N2");
      const partyId = party.id;
      const big = 2 ** 31;
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ["chat:history", { afterSeq: big }, "afterSeq"],
        ["chat:history", { afterSeq: 1e300 }, "afterSeq"],
        ["clock:command", { command: { type: "seek", positionMs: big } }, "command.positionMs"],
        ["clock:command", { command: { type: "episode", episode: big } }, "command.episode"],
        ["ready:countdown", { seconds: big }, "seconds"],
        ["viewer:report", { driftMs: big, inSync: false }, "driftMs"],
        ["chat:send", { clientId: randomUUID(), text: "x", episode: big, positionMs: 0 }, "episode"],
        ["chat:send", { clientId: randomUUID(), text: "x", episode: 1, positionMs: big }, "positionMs"],
        ["chat:react", { messageId: null, emoji: "🔥", episode: 1, positionMs: big }, "positionMs"],
        ["trivia:start", { deck: "ballard", questionCount: big, secondsPerQuestion: 10 }, "questionCount"],
        ["trivia:start", { deck: "ballard", questionCount: 3, secondsPerQuestion: big }, "secondsPerQuestion"],
        ["trivia:answer", { roundId: "r", questionIndex: big, answer: { kind: "truefalse", value: true } }, "questionIndex"],
        ["trivia:answer", { roundId: "r", questionIndex: 0, answer: { kind: "choice", option: big } }, "answer.option"],
        ["trivia:answer", { roundId: "r", questionIndex: 0, answer: { kind: "order", order: [0, big, 1] } }, "answer.order.1"],
        ["trivia:answer", { roundId: "r", questionIndex: 0, answer: { kind: "number", value: 1e300 } }, "answer.value"],
      ];
      for (const [event, payload, field] of cases) {
        const result = await callRaw(host.client, event, { partyId, ...payload });
        expect(result, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
        expect(Object.keys((result as { error: { fields: object } }).error.fields), event).toContain(field);
      }
      expect(errorsLogged()).toEqual([]);
    });

    it("leaves nothing behind when a join fails after presence was registered", async () => {
      const host = await person("Host N3");
      const party = await app.newParty(host.user.id);
      const guest = await person("Guest N3");
      failPresence = true;
      let result;
      try {
        result = await call(guest.client, "room:join", { partyId: party.id });
      } finally {
        failPresence = false;
      }
      expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
      expect(await app.context.roomState.member(party.id, guest.user.id)).toBeNull();
      // Not in the room either: its events are refused as for any room not joined.
      expect(await say(guest.client, party.id)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      await join(host.client, party.id);
      expect((await app.context.roomState.presence(party.id)).map((p) => p.name)).toEqual(["Host N3"]);
    });
  });

  it("stores chat text without control characters or bidi overrides (a line break kept as one LF), and refuses text that is nothing else", async () => {
    const { host, party, guests } = await roomWith("Cleaner host", "Cleaner guest");
    const arriving = next(guests[0].client, "chat:message");
    const sent = await say(host.client, party.id, "spoiler\u0000 in\r\nep\u202Eisode 3\u0007");
    expect(sent.ok).toBe(true);
    expect(dataOf(sent).message.text).toBe("spoiler in\nepisode 3");
    expect((await arriving).message.text).toBe("spoiler in\nepisode 3");
    const empty = await say(host.client, party.id, "\u0000\u202E\u0007");
    expect(empty).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(errorsLogged()).toEqual([]);
  });

  it("treats room ids as data: prototype names join nothing, store nothing and log no error", async () => {
    const { client } = await person("Prober");
    for (const partyId of PROTOTYPE_KEYS) {
      const payloads: Array<[string, Record<string, unknown>]> = [
        ["room:join", {}],
        ["chat:send", { clientId: randomUUID(), text: "boo", episode: 1, positionMs: 0 }],
        ["chat:react", { messageId: null, emoji: "🔥", episode: 1, positionMs: 0 }],
        ["chat:typing", { typing: true }],
        ["chat:history", { afterSeq: 0 }],
        ["clock:command", { command: { type: "play" } }],
        ["ready:set", { ready: true }],
        ["viewer:report", { driftMs: 0, inSync: true }],
        ["member:mute", { userId: "someone" }],
        ["room:leave", {}],
        ["trivia:start", { deck: "ballard", questionCount: 3, secondsPerQuestion: 10 }],
        ["trivia:sync", {}],
      ];
      for (const [event, payload] of payloads) {
        const result = await callRaw(client, event, { partyId, ...payload });
        expect(result.ok, `${event} ${partyId}`).toBe(false);
        const { code } = (result as { error: { code: string } }).error;
        expect(["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"], `${event} ${partyId}: ${code}`).toContain(code);
      }
      expect(await app.context.rooms.moments(partyId)).toEqual([]);
      expect(await app.context.roomState.presence(partyId)).toEqual([]);
    }
    expect(errorsLogged()).toEqual([]);
  });

  describe("cancelling a party", () => {
    const cancelRequest = (partyId: string, cookie: string) =>
      cancel(
        new Request(`http://localhost/api/parties/${partyId}/cancel`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost", cookie },
        }),
        { params: Promise.resolve({ id: partyId }) },
      );

    /** Every room write a member can try, each answered CONFLICT for a cancelled party. */
    async function expectEveryWriteRefused(client: TestClient, partyId: string, otherUserId: string) {
      const writes: Array<[string, Record<string, unknown>]> = [
        ["chat:send", { clientId: randomUUID(), text: "still here?", episode: 1, positionMs: 0 }],
        ["chat:react", { messageId: null, emoji: "🔥", episode: 1, positionMs: 0 }],
        ["clock:command", { command: { type: "play" } }],
        ["clock:control-mode", { mode: "everyone" }],
        ["ready:countdown", { seconds: 3 }],
        ["trivia:start", { deck: "ballard", questionCount: 3, secondsPerQuestion: 10 }],
        ["member:mute", { userId: otherUserId }],
      ];
      for (const [event, payload] of writes) {
        expect(await callRaw(client, event, { partyId, ...payload }), event).toMatchObject({
          ok: false,
          error: { code: "CONFLICT", message: "This party was cancelled." },
        });
      }
    }

    it("tells every member, takes them out of the room and presence, ends trivia, and refuses all that follows", async () => {
      const { host, party, guests: [guest] } = await roomWith("Host C1", "Guest C1");
      const started = await call(host.client, "trivia:start", { partyId: party.id, deck: "ballard", questionCount: 3, secondsPerQuestion: 10 });
      expect(started.ok).toBe(true);
      const closedForHost = next(host.client, "room:closed");
      const closedForGuest = next(guest.client, "room:closed");
      const rounds = collect(guest.client, "trivia:round");

      const response = await cancelRequest(party.id, host.cookie);
      expect(response.status).toBe(200);
      expect(await closedForHost).toEqual({ partyId: party.id, reason: "cancelled" });
      expect(await closedForGuest).toEqual({ partyId: party.id, reason: "cancelled" });
      expect(rounds.map((r) => r.round)).toContainEqual(null);
      expect(await app.context.roomState.presence(party.id)).toEqual([]);
      expect((await app.context.trivia.rounds(party.id))[0]?.endedAt).not.toBeNull();

      await expectEveryWriteRefused(guest.client, party.id, host.user.id);
      await expectEveryWriteRefused(host.client, party.id, guest.user.id);
      for (const event of ["chat:typing", "ready:set", "trivia:sync", "trivia:next", "chat:history"]) {
        const payload = event === "chat:typing" ? { typing: true } : event === "ready:set" ? { ready: true } : event === "chat:history" ? { afterSeq: 0 } : {};
        expect(await callRaw(guest.client, event, { partyId: party.id, ...payload }), event).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      }
      expect(await call(guest.client, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "This party was cancelled." } });
      const newcomer = await person("Newcomer C1");
      expect(await call(newcomer.client, "room:join", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      expect(await app.context.rooms.recentMessages(party.id, 10)).toEqual([]);
      expect(errorsLogged()).toEqual([]);
    });

    it("is enforced by the database for a connection the close never reached (another process's)", async () => {
      const { host, party, guests: [guest] } = await roomWith("Host C2", "Guest C2");
      const said = (await say(host.client, party.id, "before the cancel")) as { ok: true; data: { message: { id: string } } };
      // Stored as the cancel route stores it, without closing the room here.
      await app.context.parties.cancel(party.id, new Date());
      await expectEveryWriteRefused(host.client, party.id, guest.user.id);
      expect(await call(host.client, "chat:delete", { partyId: party.id, messageId: said.data.message.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      expect((await app.context.rooms.recentMessages(party.id, 10)).map((m) => m.text)).toEqual(["before the cancel"]);
      expect(await app.context.rooms.moments(party.id)).toEqual([{ episode: 1, minute: 0, count: 1 }]);
      expect(errorsLogged()).toEqual([]);
    });
  });

  it("ends a user's sessions: every connection of theirs closes and leaves its rooms, others stay", async () => {
    const { host, party, guests: [leaver] } = await roomWith("Host E1", "Leaver E1");
    const secondTab = app.connect(leaver.cookie);
    await connected(secondTab);
    await join(secondTab, party.id);
    const closed = [leaver.client, secondTab].map((c) => new Promise<string>((resolve) => c.once("disconnect", resolve)));
    await app.context.realtime!.endUserSessions(leaver.user.id);
    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
    await waitFor(async () => (await app.context.roomState.member(party.id, leaver.user.id))?.connected === false, "the leaver to leave");
    expect(await say(host.client, party.id)).toMatchObject({ ok: true });
  });

  describe("the acknowledgement as the last argument", () => {
    it("answers an event whose acknowledgement is not the last argument, through it, with VALIDATION_FAILED", async () => {
      const { host, party } = await roomWith("Host A1");
      const payload = { partyId: party.id, clientId: randomUUID(), text: "x", episode: 1, positionMs: 0 };
      const misplaced = () => undefined;
      for (const args of [[misplaced, payload], [payload, misplaced, "extra"], [payload, "extra"]]) {
        const result = await callRaw(host.client, "chat:send", ...args);
        expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", message: expect.stringMatching(/acknowledgement as the last argument/) } });
      }
      expect(await app.context.rooms.recentMessages(party.id, 10)).toEqual([]);
    });
  });

  describe("the countdown's round trips", () => {
    it("are measured by the server: a forged roundTripMs or an unanswered ping cannot stretch the countdown", async () => {
      const host = await person("Host R1");
      const forger = await person("Forger R1");
      // The forger never answers the server's pings, and reports a 60 s round trip.
      forger.client.off("clock:ping");
      const party = await app.newParty(host.user.id);
      await join(host.client, party.id);
      await join(forger.client, party.id);
      expect(await callRaw(forger.client, "viewer:report", { partyId: party.id, driftMs: null, inSync: false, roundTripMs: 60_000 })).toMatchObject({ ok: true });
      await waitFor(async () => (await app.context.roomState.member(party.id, forger.user.id))?.roundTripMs === MAX_ROUND_TRIP_MS, "the ping to time out");

      const result = (await call(host.client, "ready:countdown", { partyId: party.id, seconds: 3 })) as { ok: true; data: { startAtServerMs: number } };
      const answeredAt = Date.now();
      expect(result.ok).toBe(true);
      // At most half the 1 s cap for the slowest member: never the forged 30 s.
      expect(result.data.startAtServerMs).toBeLessThanOrEqual(answeredAt + 3000 + COUNTDOWN_MARGIN_MS + MAX_ROUND_TRIP_MS / 2);
    });
  });

  describe("limits", () => {
    it("limits chat per person across rooms, with retryAfterMs", async () => {
      const chatty = await person("Chatty L1");
      const parties = await Promise.all([1, 2, 3].map(() => app.newParty(chatty.user.id)));
      for (const party of parties) await join(chatty.client, party.id);
      const results = [];
      for (let i = 0; i < 9; i++) results.push(await say(chatty.client, parties[i % 3]!.id));
      expect(results.filter((r) => r.ok)).toHaveLength(SOCKET_LIMITS.chatPerPerson.points);
      const refused = results.at(-1) as { ok: false; error: { code: string; message: string; retryAfterMs: number } };
      expect(refused.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^You are sending messages too fast\. Try again in \d+ s\.$/) });
      expect(refused.error.retryAfterMs).toBeGreaterThan(0);
      expect(refused.error.retryAfterMs).toBeLessThanOrEqual(10_000);
      // A second tab is the same person.
      const tab = app.connect(chatty.cookie);
      await connected(tab);
      await join(tab, parties[0]!.id);
      expect(await say(tab, parties[0]!.id)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    });

    it("limits chat per client address: fresh guests from one address share one budget", async () => {
      const address = "127.0.0.2";
      const host = await person("Host L2");
      const party = await app.newParty(host.user.id);
      const guests = [];
      for (let i = 0; i < 11; i++) guests.push(await person(`Fresh L2-${i}`, { localAddress: address }));
      for (const guest of guests) await join(guest.client, party.id);
      const results = [];
      for (const guest of guests) for (let i = 0; i < 5; i++) results.push(await say(guest.client, party.id));
      expect(results.filter((r) => r.ok)).toHaveLength(SOCKET_LIMITS.chatPerAddress.points);
      expect(results.at(-1)).toMatchObject({
        ok: false,
        error: { code: "RATE_LIMITED", message: expect.stringMatching(/from your network/), retryAfterMs: expect.any(Number) },
      });
      // Another address is not affected.
      await join(host.client, party.id);
      expect(await say(host.client, party.id)).toMatchObject({ ok: true });
    });

    it("limits reactions per person and per address", async () => {
      const { host, party } = await roomWith("Host L3");
      const results = [];
      for (let i = 0; i < 35; i++) results.push(await react(host.client, party.id));
      expect(results.filter((r) => r.ok)).toHaveLength(SOCKET_LIMITS.reactionsPerPerson.points);
      expect(results.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", message: expect.stringMatching(/reacting too fast/), retryAfterMs: expect.any(Number) } });

      const address = "127.0.0.3";
      const fromOneAddress = [];
      const perPerson = SOCKET_LIMITS.reactionsPerPerson.points;
      for (let i = 0; i <= SOCKET_LIMITS.reactionsPerAddress.points / perPerson; i++) {
        const guest = await person(`Reactor L3-${i}`, { localAddress: address });
        await join(guest.client, party.id);
        for (let k = 0; k < perPerson; k++) fromOneAddress.push(await react(guest.client, party.id));
      }
      expect(fromOneAddress.filter((r) => r.ok)).toHaveLength(SOCKET_LIMITS.reactionsPerAddress.points);
      expect(fromOneAddress.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", message: expect.stringMatching(/from your network/) } });
      const stored = (await app.context.rooms.moments(party.id)).reduce((sum, m) => sum + m.count, 0);
      expect(stored).toBe(SOCKET_LIMITS.reactionsPerPerson.points + SOCKET_LIMITS.reactionsPerAddress.points);
    });

    it("limits typing updates per person; the others receive only the accepted ones", async () => {
      const { host, party, guests: [typist] } = await roomWith("Host L4", "Typist L4");
      const relayed = collect(host.client, "chat:typing");
      const results = [];
      for (let i = 0; i < 25; i++) results.push(await call(typist.client, "chat:typing", { partyId: party.id, typing: i % 2 === 0 }));
      expect(results.filter((r) => r.ok)).toHaveLength(SOCKET_LIMITS.typingPerPerson.points);
      expect(results.at(-1)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", retryAfterMs: expect.any(Number) } });
      await settle();
      expect(relayed).toHaveLength(SOCKET_LIMITS.typingPerPerson.points);
    });

    it("caps open connections per person at the handshake, and gives a place back when one closes", async () => {
      const cookie = await app.signInAsGuest("Many tabs L5");
      const tabs = [];
      for (let i = 0; i < SOCKET_LIMITS.connectionsPerPerson; i++) {
        const tab = app.connect(cookie);
        await connected(tab);
        tabs.push(tab);
      }
      const extra = app.connect(cookie);
      await expect(connected(extra)).rejects.toMatchObject({
        message: `You already have ${SOCKET_LIMITS.connectionsPerPerson} connections to watch parties open. Close a tab or window and try again.`,
        data: { code: "TOO_MANY_CONNECTIONS" },
      });
      // Another person is not affected.
      await connected(app.connect(await app.signInAsGuest("One tab L5")));
      tabs[0]!.close();
      await waitFor(async () => {
        const retry = app.connect(cookie);
        return connected(retry).then(
          () => true,
          () => false,
        );
      }, "a place to be given back");
    });

    it("caps the rooms one connection is in", async () => {
      const host = await person("Host L6");
      const parties = await Promise.all(Array.from({ length: SOCKET_LIMITS.roomsPerConnection + 1 }, () => app.newParty(host.user.id)));
      for (const party of parties.slice(0, -1)) await join(host.client, party.id);
      const last = parties.at(-1)!;
      expect(await call(host.client, "room:join", { partyId: last.id })).toMatchObject({
        ok: false,
        error: { code: "RATE_LIMITED", message: `A connection can be in at most ${SOCKET_LIMITS.roomsPerConnection} party rooms at once: leave one first (room:leave).` },
      });
      expect(await app.context.roomState.member(last.id, host.user.id)).toBeNull();
      // Joining a room it is in again is not a new room.
      await join(host.client, parties[0]!.id);
      expect(await call(host.client, "room:leave", { partyId: parties[0]!.id })).toMatchObject({ ok: true });
      await join(host.client, last.id);
    });
  });
});
