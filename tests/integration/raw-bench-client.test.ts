import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackOk, connectRaw, type RawSocket } from "../../bench/raw-socket";
import { call } from "../support/socket-calls";
import { connected, startTestApp, type TestApp } from "../support/test-app";

/**
 * The capacity benchmark's raw client (bench/raw-socket.ts) speaks the
 * protocol the real server speaks: it connects with a session cookie, joins,
 * sends with acknowledgements, receives a page client's chat and answers the
 * server's round-trip pings; a refused handshake and a refused event say so.
 */
describe("the benchmark's raw Socket.IO client against the real server", () => {
  let app: TestApp;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp({ kind: "embedded" });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app.close();
  });

  it("joins, sends and is answered, and hears a page client's chat", async () => {
    const hostCookie = await app.signInAsMember("Raw host");
    const host = (await app.context.getSessionUser(hostCookie))!;
    const party = await app.newParty(host.id);
    const raw = await connectRaw(app.url, { cookie: await app.signInAsGuest("Raw viewer") });
    sockets.push(raw);
    const heard: string[] = [];
    raw.on("chat:message", (packet) => heard.push(packet));

    expect(ackOk(await raw.emitWithAck("room:join", JSON.stringify({ partyId: party.id }), 10_000))).toBe(true);
    // The server's round-trip ping on joining is answered: measured, not counted as the 1 s of a silent client.
    await expect
      .poll(async () => (await app.context.roomState.presence(party.id)).find((p) => p.name === "Raw viewer")?.roundTripMs ?? null, { timeout: 10_000 })
      .toBeLessThan(1000);
    // A report is acknowledged ok; a malformed one is answered with the pipeline's typed refusal.
    expect(ackOk(await raw.emitWithAck("viewer:report", JSON.stringify({ partyId: party.id, driftMs: 120, inSync: true }), 10_000))).toBe(true);
    const refused = await raw.emitWithAck("viewer:report", JSON.stringify({ partyId: party.id, driftMs: "far" }), 10_000);
    expect(ackOk(refused)).toBe(false);
    expect(JSON.parse(refused!)).toMatchObject([{ ok: false, error: { code: "VALIDATION_FAILED" } }]);

    // A message the raw client sends reaches a page's client; the page's reaches the raw client.
    const page = app.connect(hostCookie);
    await connected(page);
    expect(await call(page, "room:join", { partyId: party.id })).toMatchObject({ ok: true });
    const sent = await raw.emitWithAck("chat:send", JSON.stringify({ partyId: party.id, clientId: "raw-client-1", text: "m 12.5 0", episode: 1, positionMs: 1000 }), 10_000);
    expect(ackOk(sent)).toBe(true);
    expect(await call(page, "chat:send", { partyId: party.id, clientId: "page-client-1", text: "from the page", episode: 1, positionMs: 2000 })).toMatchObject({ ok: true });
    await expect.poll(() => heard.some((p) => p.includes('"text":"from the page"')), { timeout: 10_000 }).toBe(true);
    expect(heard.every((p) => p.startsWith('42["chat:message",'))).toBe(true);
    const own = heard.find((p) => p.includes('"text":"m 12.5 0"'));
    expect(own && JSON.parse(own.slice(2))).toMatchObject(["chat:message", { partyId: party.id, message: { text: "m 12.5 0" } }]);
  });

  it("is refused without a session, and an unknown party is refused in the acknowledgement", async () => {
    await expect(connectRaw(app.url)).rejects.toThrow(/refused/);
    const raw = await connectRaw(app.url, { cookie: await app.signInAsGuest("Raw stranger") });
    sockets.push(raw);
    const answer = await raw.emitWithAck("room:join", JSON.stringify({ partyId: "nosuchparty" }), 10_000);
    expect(ackOk(answer)).toBe(false);
    expect(JSON.parse(answer!)[0].ok).toBe(false);
  });
});
