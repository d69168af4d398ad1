import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AckResult } from "@/server/realtime/protocol";
import { roomClient } from "@/shared/room-client";
import { SOCKET_LIMITS } from "@/server/socket-limits";
import { call, collect, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

/** A well-formed id that names nothing. */
const someId = () => randomUUID().replaceAll("-", "");

/** An answer that was not refused for its rate. */
const notLimited = (a: AckResult<unknown>) => a.ok || a.error.code !== "RATE_LIMITED";

/** Every host command has a per-person limit, and a burst of clock changes reaches viewers as its latest state. */
describe.each(testDatabaseKinds())("host command limits on the %s database", (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind });
  });
  afterAll(() => app.close());

  async function hostAndViewer(name: string) {
    const hostCookie = await app.signInAsMember(`${name} host`);
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    const [hostClient, viewer] = [app.connect(hostCookie), app.connect(await app.signInAsGuest(`${name} viewer`))];
    await Promise.all([connected(hostClient), connected(viewer)]);
    expect(await call(hostClient, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    expect(await call(viewer, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    return { party, hostClient, viewer };
  }

  it("accepts clock commands up to the limit, refuses the rest RATE_LIMITED, and sends viewers the latest state, not every one", { timeout: 120_000 }, async () => {
    const { party, hostClient, viewer } = await hostAndViewer("Seek");
    const states = collect(viewer, "clock:state");
    const burst = 200;
    // The accepted seeks are stored one after another: on a busy machine the last answers come after call()'s 5 s.
    const seek = (positionMs: number) => roomClient(hostClient, 60_000).call("clock:command", { partyId: party.id, command: { type: "seek", positionMs } });
    const answers = await Promise.all(Array.from({ length: burst }, (_, i) => seek((i + 1) * 1000)));
    const accepted = answers.flatMap((a) => (a.ok ? [a.data] : []));
    const limited = answers.flatMap((a) => (!a.ok && a.error.code === "RATE_LIMITED" ? [a.error] : []));
    expect(accepted).toHaveLength(SOCKET_LIMITS.clockPerPerson.points);
    expect(limited).toHaveLength(burst - accepted.length);
    expect(limited[0]!.retryAfterMs).toBeGreaterThan(0);
    const newest = Math.max(...accepted.map((a) => a.clock.version));
    // The viewer ends on the newest state, having been sent fewer states than there were changes.
    await waitFor(() => states.some((s) => s.clock.version === newest), "the newest clock state");
    expect(states.at(-1)!.clock.version).toBe(newest);
    expect(states.length).toBeLessThan(accepted.length);
    // Versions only go up: no older state after a newer one.
    expect(states.map((s) => s.clock.version)).toEqual([...states.map((s) => s.clock.version)].sort((a, b) => a - b));
  });

  it("limits countdowns and control-mode changes together, trivia commands and moderation per person", async () => {
    const { party, hostClient } = await hostAndViewer("Settings");
    const settings = (await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? call(hostClient, "ready:countdown", { partyId: party.id, seconds: 3 })
          : call(hostClient, "clock:control-mode", { partyId: party.id, mode: i % 4 === 1 ? "everyone" : "hosts" }),
      ),
    ));
    expect(settings.filter(notLimited)).toHaveLength(SOCKET_LIMITS.roomSettingsPerPerson.points);

    const trivia = (await Promise.all(Array.from({ length: 70 }, () => call(hostClient, "trivia:end", { partyId: party.id }))));
    expect(trivia.filter(notLimited)).toHaveLength(SOCKET_LIMITS.triviaHostPerPerson.points);
    expect(await call(hostClient, "trivia:next", { partyId: party.id })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });

    const deletes = (await Promise.all(
      Array.from({ length: 70 }, () => call(hostClient, "chat:delete", { partyId: party.id, messageId: `c${randomUUID().replaceAll("-", "").slice(0, 24)}` })),
    ));
    expect(deletes.filter(notLimited)).toHaveLength(SOCKET_LIMITS.moderationPerPerson.points);
  });

  it("limits a player's trivia events (answers, syncs, moment reports) per person, with the wait, and keeps people apart", async () => {
    const { party, hostClient, viewer } = await hostAndViewer("Play");
    const events = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        i % 2 === 0
          ? call(viewer, "trivia:sync", { partyId: party.id })
          : call(viewer, "trivia:shown", { partyId: party.id, roundId: someId(), pinId: someId() }),
      ),
    );
    expect(events.filter(notLimited)).toHaveLength(SOCKET_LIMITS.triviaPlayPerPerson.points);
    const refused = await call(viewer, "trivia:answer", { partyId: party.id, roundId: someId(), questionIndex: 0, answer: { kind: "choice", option: 0 } });
    expect(refused).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
    // The host's own points are untouched.
    expect(await call(hostClient, "trivia:sync", { partyId: party.id })).toMatchObject({ ok: true });
  });
});
