import { RateLimiterMemory } from "rate-limiter-flexible";
/**
 * The role × action authorization matrix (tests/support/authorization-table.ts)
 * played against the real Socket.IO server and the real route modules on a
 * real database: each test is one action for every role, compared row-wise so
 * a failure shows every cell that differs.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as calendar } from "@/app/api/parties/[id]/calendar.ics/route";
import { POST as cancel } from "@/app/api/parties/[id]/cancel/route";
import { POST as addCohost } from "@/app/api/parties/[id]/cohosts/route";
import { PATCH as edit } from "@/app/api/parties/[id]/route";
import { POST as rsvp } from "@/app/api/parties/[id]/rsvp/route";
import { POST as linkExtension } from "@/app/api/parties/[id]/extension-token/route";
import { PUT as saveDeck } from "@/app/api/parties/[id]/trivia/deck/route";
import { POST as draft } from "@/app/api/parties/[id]/trivia/draft/route";
import { GET as replay } from "@/app/api/parties/[id]/replay/route";
import { GET as resultsCsv } from "@/app/api/parties/[id]/trivia/results.csv/route";
import { POST as createParty } from "@/app/api/parties/route";
import type { ErrorCode } from "@/server/errors";
import type { Party } from "@/server/parties/party";
import type { AckResult, PublicRoundView } from "@/server/realtime/protocol";
import {
  ACCOUNT_RULES,
  accepts,
  EXPECTED,
  HTTP_ACTIONS,
  PHASES,
  ROLES,
  SOCKET_ACTIONS,
  type Action,
  type Outcome,
  type Phase,
  type Role,
  type SocketAction,
} from "../support/authorization-table";
import { signInGuest, signUpMember, type Person } from "../support/people";
import { callRaw } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const article = readFileSync(path.join(import.meta.dirname, "..", "fixtures", "harbor-lights-festival.txt"), "utf8");
const ZONE = "America/New_York";
const partyForm = (title: string) => ({
  title,
  description: "",
  episodePlan: "single",
  episodeFrom: 1,
  startsAtLocal: DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf("hour").toFormat("yyyy-LL-dd'T'HH:mm"),
  timeZone: ZONE,
  episodeMinutes: 50,
  capacity: null,
  visibility: "unlisted",
});
const trueFalse = { id: "q1", kind: "truefalse", prompt: "The festival is in Portland.", answer: true, sources: [{ article: "Harbor Lights", paragraph: 1, fact: "It is in Portland." }] };

type Result = "ok" | ErrorCode;
/** The matrix's events come from a table (names as strings): sent as they are (callRaw, socket-calls.ts). */
const call = (client: TestClient, event: string, payload?: unknown) => callRaw(client, event, payload);
const ackOutcome = async (ack: Promise<AckResult<unknown>>): Promise<Result> => {
  const result = await ack;
  return result.ok ? "ok" : result.error.code;
};
const httpOutcome = async (response: Response): Promise<Result> =>
  response.status < 300 ? "ok" : ((await response.json()) as { error: { code: ErrorCode } }).error.code;
const request = (method: string, url: string, cookie: string, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** A valid answer of the question's kind (right or wrong does not matter here). */
function answerFor(question: NonNullable<PublicRoundView["question"]>): unknown {
  switch (question.kind) {
    case "choice":
      return { kind: "choice", option: 0 };
    case "truefalse":
      return { kind: "truefalse", value: true };
    case "number":
      return { kind: "number", value: 1 };
    case "order":
      return { kind: "order", order: question.items.map((_, i) => i) };
    case "text":
      return { kind: "text", text: "Ballard" };
  }
}

/** One party with everyone in place; the cancelled one was cancelled after everyone joined and a question opened. */
interface Stage {
  phase: Phase;
  party: Party;
  round: { roundId: string; question: NonNullable<PublicRoundView["question"]> } | null;
}

describe.each(testDatabaseKinds())("who may do what, on the %s database", (kind) => {
  let app: TestApp;
  let people: Record<Role, Person>;
  let candidate: Person;
  let victim: Person;
  let sockets: Record<Role, TestClient>;
  const stages = {} as Record<Phase, Stage>;

  /** An unlisted party of the host's with every role in place, without sockets: answers, a co-host, sanctions. */
  async function stageParty(): Promise<Party> {
    const party = await app.newParty(people.host.user.id, "unlisted");
    const { parties, rooms } = app.context;
    for (const role of ["guest", "member", "muted", "removed", "cohost"] as const) await parties.setRsvp(party.id, people[role].user.id, "going");
    for (const extra of [candidate, victim]) await parties.setRsvp(party.id, extra.user.id, "going");
    await parties.addCohost(party.id, people.cohost.user.id);
    await rooms.setSanction(party.id, people.muted.user.id, "muted", true);
    await rooms.setSanction(party.id, people.removed.user.id, "removed", true);
    return (await parties.findById(party.id))!;
  }

  /** Everyone who may comes into the room (the guest through the invite link); the outsider and the removed member try and are refused. */
  async function joinEveryone(party: Party) {
    for (const role of ROLES) {
      await call(sockets[role], "room:join", { partyId: party.id, ...(role === "guest" ? { invite: party.inviteToken } : {}) });
    }
  }

  const host = () => sockets.host;
  async function hostSays(event: string, payload: Record<string, unknown>) {
    const result = await call(host(), event, payload);
    if (!result.ok) throw new Error(`setup: ${event} answered ${result.error.code} ${result.error.message}`);
    return result.data;
  }
  async function openQuestion(stage: Stage) {
    const partyId = stage.party.id;
    await call(host(), "trivia:end", { partyId });
    const started = (await hostSays("trivia:start", { partyId, deck: "ballard", questionCount: 2, secondsPerQuestion: 120 })) as { round: PublicRoundView };
    const shown = (await hostSays("trivia:next", { partyId })) as { round: PublicRoundView };
    stage.round = { roundId: started.round.roundId, question: shown.round.question! };
  }

  beforeAll(async () => {
    app = await startTestApp({
      kind,
      triviaTimings: { readMs: 0, revealMs: 60_000, leaderboardMs: 60_000 },
      // One host runs every trivia row here: the per-person command limit (host-command-limits.test.ts) is not what this table checks.
      overrides: { socketLimiters: { triviaHost: new RateLimiterMemory({ keyPrefix: "trivia-host", points: 10_000, duration: 60 }) } },
    });
    const member = (name: string) => signUpMember(app, name);
    people = {
      outsider: await member("Outsider"),
      guest: await signInGuest(app, "Guest"),
      member: await member("Member"),
      muted: await member("Muted"),
      removed: await member("Removed"),
      cohost: await member("Co-host"),
      host: await member("Host"),
    };
    candidate = await member("Candidate");
    victim = await member("Victim");
    sockets = Object.fromEntries(ROLES.map((role) => [role, app.connect(people[role].cookie)])) as Record<Role, TestClient>;
    await Promise.all(Object.values(sockets).map(connected));

    stages.open = { phase: "open", party: await stageParty(), round: null };
    await joinEveryone(stages.open.party);

    const doomed: Stage = { phase: "cancelled", party: await stageParty(), round: null };
    await joinEveryone(doomed.party);
    await openQuestion(doomed);
    const cancelled = await cancel(request("POST", `/api/parties/${doomed.party.id}/cancel`, people.host.cookie), params(doomed.party.id));
    if (cancelled.status !== 200) throw new Error(`setup: cancel answered ${cancelled.status}`);
    stages.cancelled = doomed;
  });
  afterAll(() => app?.close());

  interface Cell {
    /** Brings the party to where the action makes sense (before each role; only while it is open). */
    prepare?(stage: Stage): Promise<void>;
    attempt(role: Role, stage: Stage): Promise<Result>;
  }
  const say = (event: SocketAction, payload: (stage: Stage) => Record<string, unknown>): Cell["attempt"] => (role, stage) =>
    ackOutcome(call(sockets[role], event, { partyId: stage.party.id, ...payload(stage) }));
  const point = { episode: 1, positionMs: 1000 };
  const endRound = async (stage: Stage) => void (await call(host(), "trivia:end", { partyId: stage.party.id }));
  const roundRunning = async (stage: Stage) => {
    await endRound(stage);
    await hostSays("trivia:start", { partyId: stage.party.id, deck: "ballard", questionCount: 2, secondsPerQuestion: 120 });
  };

  const CELLS: Record<Action, Cell> = {
    "room:join": { attempt: (role, { party }) => ackOutcome(call(sockets[role], "room:join", { partyId: party.id, ...(role === "guest" ? { invite: party.inviteToken } : {}) })) },
    "clock:command": { attempt: say("clock:command", () => ({ command: { type: "pause" } })) },
    "clock:control-mode": { attempt: say("clock:control-mode", () => ({ mode: "hosts" })) },
    "ready:set": { attempt: say("ready:set", () => ({ ready: true })) },
    "ready:countdown": { attempt: say("ready:countdown", () => ({ seconds: 3 })) },
    "viewer:report": { attempt: say("viewer:report", () => ({ driftMs: 12, inSync: true, roundTripMs: 40 })) },
    "chat:send": { attempt: say("chat:send", () => ({ clientId: randomUUID(), text: "Bosch would approve.", ...point })) },
    "chat:history": { attempt: say("chat:history", () => ({ afterSeq: 0 })) },
    "chat:react": { attempt: say("chat:react", () => ({ messageId: null, emoji: "🔥", ...point })) },
    "chat:typing": { attempt: say("chat:typing", () => ({ typing: true })) },
    "chat:delete": {
      async attempt(role, stage) {
        // A fresh message for each try, stored directly; a cancelled party stores none, so a made-up id stands in.
        const stored = await app.context.rooms.appendMessage({
          partyId: stage.party.id,
          senderId: people.member.user.id,
          senderName: "Member",
          clientId: randomUUID(),
          text: "Delete me",
          ...point,
        });
        const messageId = stored?.message.id ?? "cancelledpartymessage";
        return ackOutcome(call(sockets[role], "chat:delete", { partyId: stage.party.id, messageId }));
      },
    },
    "member:mute": { attempt: say("member:mute", () => ({ userId: victim.user.id, on: true })) },
    "member:remove": { attempt: say("member:remove", () => ({ userId: victim.user.id })) },
    "trivia:start": { prepare: endRound, attempt: say("trivia:start", () => ({ deck: "ballard", questionCount: 2, secondsPerQuestion: 60 })) },
    "trivia:next": { prepare: roundRunning, attempt: say("trivia:next", () => ({})) },
    "trivia:end": { prepare: roundRunning, attempt: say("trivia:end", () => ({})) },
    "trivia:answer": {
      prepare: openQuestion,
      attempt: say("trivia:answer", (stage) => ({ roundId: stage.round!.roundId, questionIndex: 0, answer: answerFor(stage.round!.question) })),
    },
    "trivia:sync": { attempt: say("trivia:sync", () => ({})) },

    "POST /api/parties (create)": { attempt: async (role) => httpOutcome(await createParty(request("POST", "/api/parties", people[role].cookie, partyForm(`${role}'s party`)))) },
    "PATCH /api/parties/[id] (edit)": {
      attempt: async (role, { party }) => httpOutcome(await edit(request("PATCH", `/api/parties/${party.id}`, people[role].cookie, partyForm(`Edited by ${role}`)), params(party.id))),
    },
    "POST /api/parties/[id]/cancel": {
      async attempt(role, stage) {
        // While open, each role tries on a party of its own (a successful cancel cannot be undone).
        const party = stage.phase === "open" ? await stageParty() : stage.party;
        return httpOutcome(await cancel(request("POST", `/api/parties/${party.id}/cancel`, people[role].cookie), params(party.id)));
      },
    },
    "POST /api/parties/[id]/rsvp": {
      attempt: async (role, { party }) =>
        httpOutcome(await rsvp(request("POST", `/api/parties/${party.id}/rsvp`, people[role].cookie, { status: "going", ...(role === "guest" ? { invite: party.inviteToken } : {}) }), params(party.id))),
    },
    "POST /api/parties/[id]/cohosts": {
      attempt: async (role, { party }) => httpOutcome(await addCohost(request("POST", `/api/parties/${party.id}/cohosts`, people[role].cookie, { userId: candidate.user.id }), params(party.id))),
    },
    "POST /api/parties/[id]/trivia/draft": {
      attempt: async (role, { party }) =>
        httpOutcome(await draft(request("POST", `/api/parties/${party.id}/trivia/draft`, people[role].cookie, { title: "Harbor Lights", text: article }), params(party.id))),
    },
    "PUT /api/parties/[id]/trivia/deck": {
      attempt: async (role, { party }) =>
        httpOutcome(await saveDeck(request("PUT", `/api/parties/${party.id}/trivia/deck`, people[role].cookie, { title: `${role}'s deck`, questions: [trueFalse] }), params(party.id))),
    },
    "GET /api/parties/[id]/trivia/results.csv": {
      attempt: async (role, { party }) => httpOutcome(await resultsCsv(request("GET", `/api/parties/${party.id}/trivia/results.csv`, people[role].cookie), params(party.id))),
    },
    "GET /api/parties/[id]/replay": {
      attempt: async (role, { party }) => httpOutcome(await replay(request("GET", `/api/parties/${party.id}/replay`, people[role].cookie), params(party.id))),
    },
    "GET /api/parties/[id]/calendar.ics": {
      attempt: async (role, { party }) => httpOutcome(await calendar(request("GET", `/api/parties/${party.id}/calendar.ics`, people[role].cookie), params(party.id))),
    },
    "POST /api/parties/[id]/extension-token": {
      attempt: async (role, { party }) =>
        httpOutcome(await linkExtension(request("POST", `/api/parties/${party.id}/extension-token`, people[role].cookie, role === "guest" ? { invite: party.inviteToken } : {}), params(party.id))),
    },
  };

  /** The row as played; a cell whose outcome the table accepts shows the table's value, so the diff names only real mismatches. */
  async function play(phase: Phase, action: Action): Promise<Record<Role, Outcome>> {
    const stage = stages[phase];
    const cell = CELLS[action];
    const row = {} as Record<Role, Outcome>;
    for (const role of ROLES) {
      if (phase === "open") await cell.prepare?.(stage);
      const actual = await cell.attempt(role, stage);
      const expected = EXPECTED[phase][action][role];
      row[role] = accepts(expected, actual) ? expected : actual;
    }
    return row;
  }

  for (const phase of PHASES) {
    describe(`while the party is ${phase}`, () => {
      it.each([...SOCKET_ACTIONS, ...HTTP_ACTIONS])("%s", async (action) => {
        expect(await play(phase, action)).toEqual(EXPECTED[phase][action]);
      });
    });
  }

  it("lets the host name only members who answered as co-hosts", async () => {
    const { party } = stages.open;
    const name = async (person: Person) =>
      httpOutcome(await addCohost(request("POST", `/api/parties/${party.id}/cohosts`, people.host.cookie, { userId: person.user.id }), params(party.id)));
    expect({
      "the host names a guest co-host": await name(people.guest),
      "the host names a co-host who has not answered": await name(people.outsider),
    }).toEqual({
      "the host names a guest co-host": ACCOUNT_RULES["the host names a guest co-host"],
      "the host names a co-host who has not answered": ACCOUNT_RULES["the host names a co-host who has not answered"],
    });
  });

  it("keeps a guest who hosts a party stored before the rule from drafting questions", async () => {
    const guestHost = await signInGuest(app, "Guest host");
    const party = await app.newParty(guestHost.user.id, "unlisted");
    const outcome = await httpOutcome(await draft(request("POST", `/api/parties/${party.id}/trivia/draft`, guestHost.cookie, { title: "Harbor Lights", text: article }), params(party.id)));
    expect(outcome).toBe(ACCOUNT_RULES["a guest host drafts questions"]);
  });
});
