import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { JANUS_WS_PATH, JanusGateway } from "@/server/voice/janus-gateway";
import { startJanus, type RunningJanus } from "@/scripts/janus";
import type { CallJoined } from "@/server/realtime/protocol";
import { call, next, waitFor } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

type Reply = { janus: string; transaction?: string; data?: { id?: number }; error?: { code: number; reason: string }; plugindata?: { data: Record<string, unknown> } };

/** A page's side of Janus's WebSocket API, without media: a session with the person's token and one handle per plugin. */
class JanusClient {
  readonly events: Reply[] = [];
  private waiting = new Map<string, (reply: Reply) => void>();
  private session = 0;

  private constructor(
    private readonly ws: WebSocket,
    private readonly token: string,
  ) {
    ws.on("message", (raw: Buffer) => {
      const reply = JSON.parse(raw.toString()) as Reply;
      if (reply.janus === "ack") return;
      const resolve = reply.transaction ? this.waiting.get(reply.transaction) : undefined;
      if (resolve) {
        this.waiting.delete(reply.transaction!);
        resolve(reply);
      } else this.events.push(reply);
    });
  }

  /** `origin`: as a page of that origin (the app passes only its own pages on to Janus). */
  static async connect(url: string, token: string, origin?: string): Promise<JanusClient> {
    const ws = new WebSocket(url, "janus-protocol", origin ? { origin } : {});
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return new JanusClient(ws, token);
  }

  send(body: Record<string, unknown>, handle?: number): Promise<Reply> {
    const transaction = randomBytes(6).toString("hex");
    return new Promise((resolve) => {
      this.waiting.set(transaction, resolve);
      this.ws.send(JSON.stringify({ ...body, transaction, token: this.token, ...(this.session ? { session_id: this.session } : {}), ...(handle ? { handle_id: handle } : {}) }));
    });
  }

  /** A session (null: Janus refused the token) with an AudioBridge and a VideoRoom handle. */
  async open(): Promise<{ audio: number; video: number } | null> {
    const created = await this.send({ janus: "create" });
    if (created.janus !== "success") return null;
    this.session = created.data!.id!;
    const audio = (await this.send({ janus: "attach", plugin: "janus.plugin.audiobridge" })).data!.id!;
    const video = (await this.send({ janus: "attach", plugin: "janus.plugin.videoroom" })).data!.id!;
    return { audio, video };
  }

  async message(handle: number, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = await this.send({ janus: "message", body }, handle);
    return reply.plugindata?.data ?? { janus: reply.janus, error: reply.error?.reason };
  }

  /** Whether Janus still keeps this page's session (a keepalive answered with an ack, not an error or a closed socket). */
  alive(): Promise<boolean> {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => {
      const transaction = randomBytes(6).toString("hex");
      const onClose = () => resolve(false);
      this.ws.once("close", onClose);
      const onMessage = (raw: Buffer) => {
        const reply = JSON.parse(raw.toString()) as Reply;
        if (reply.transaction !== transaction) return;
        this.ws.off("message", onMessage).off("close", onClose);
        resolve(reply.janus === "ack");
      };
      this.ws.on("message", onMessage);
      this.ws.send(JSON.stringify({ janus: "keepalive", transaction, token: this.token, session_id: this.session }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * The app's side of Janus (server/voice/janus-gateway.ts) against the real
 * Janus that scripts/janus.ts starts: rooms with the party, a token per seat
 * that Janus accepts until it is taken back, a host's mute and kick in the
 * room, and the token taken back when a person in a large call is removed or
 * leaves, whatever they changed in the call before (call:update).
 */
describe("Janus for large calls", () => {
  let janus: RunningJanus;
  let gateway: JanusGateway;
  const clients: JanusClient[] = [];
  const config = () => ({ url: janus.env.JANUS_URL, wsUrl: janus.env.JANUS_WS_URL, adminUrl: janus.env.JANUS_ADMIN_URL, adminSecret: janus.env.JANUS_ADMIN_SECRET });
  const client = async (token: string) => {
    const made = await JanusClient.connect(janus.env.JANUS_WS_URL, token);
    clients.push(made);
    return made;
  };
  /** The AudioBridge room's participants as one seated person sees them: id and muted. */
  const participants = async (watcher: JanusClient, handle: number, room: string) => {
    const data = await watcher.message(handle, { request: "listparticipants", room });
    return data.error_code !== undefined ? data : ((data.participants as Array<{ id: string; muted: boolean }>) ?? []).map((p) => ({ id: p.id, muted: p.muted }));
  };

  beforeAll(async () => {
    janus = await startJanus();
    gateway = new JanusGateway(config());
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    gateway?.stop();
    await janus?.stop();
  });

  it("makes the party's rooms, seats people with tokens Janus accepts, mutes and kicks them there, takes tokens back and closes the rooms", async () => {
    const partyId = randomBytes(6).toString("hex");
    await gateway.openRooms(partyId);
    // Another process making the same rooms finds them there.
    await new JanusGateway(config()).openRooms(partyId);
    const [ana, ben] = await Promise.all([gateway.seat(partyId, "ana"), gateway.seat(partyId, "ben")]);
    expect(ana.participantId.startsWith("ana.")).toBe(true);

    // A token the app never gave out opens nothing.
    expect(await (await client(randomBytes(24).toString("base64url"))).open()).toBeNull();

    const anaPage = await client(ana.token);
    const anaHandles = (await anaPage.open())!;
    expect(anaHandles).not.toBeNull();
    await anaPage.message(anaHandles.audio, { request: "join", room: ana.room, id: ana.participantId, display: "Ana", token: ana.token });
    await anaPage.message(anaHandles.video, { request: "join", ptype: "publisher", room: ana.room, id: ana.participantId, display: "Ana", token: ana.token });
    const benPage = await client(ben.token);
    const benHandles = (await benPage.open())!;
    await waitFor(async () => JSON.stringify(await participants(benPage, benHandles.audio, ben.room)) === JSON.stringify([{ id: ana.participantId, muted: false }]), "Ana in the AudioBridge room");

    await gateway.mute(partyId, "ana", true);
    expect(await participants(benPage, benHandles.audio, ben.room)).toEqual([{ id: ana.participantId, muted: true }]);
    await gateway.mute(partyId, "ana", false);
    expect(await participants(benPage, benHandles.audio, ben.room)).toEqual([{ id: ana.participantId, muted: false }]);

    // Kicked: silent in the mix as soon as the kick returns (the AudioBridge takes a person out of the room only
    // once Janus has torn their connection down, on its next whole-second tick), out of the cameras' room, and told.
    await gateway.kick(partyId, "ana");
    const left = await participants(benPage, benHandles.audio, ben.room);
    expect(Array.isArray(left) && left.every((p) => p.muted), `Ana is silent in the mix: ${JSON.stringify(left)}`).toBe(true);
    await waitFor(() => anaPage.events.some((e) => e.plugindata?.data.kicked === ana.participantId), "Ana told she was kicked");
    const publishers = await benPage.message(benHandles.video, { request: "listparticipants", room: ben.room });
    expect(publishers.participants).toEqual([]);

    // Taken back: Janus refuses the token for a new session, and the room refuses it for a join.
    await gateway.unseat(partyId, ana.token);
    expect(await (await client(ana.token)).open()).toBeNull();
    const refused = await anaPage.message(anaHandles.audio, { request: "join", room: ana.room, id: ana.participantId, display: "Ana", token: ana.token });
    expect(refused.audiobridge === "joined").toBe(false);

    await gateway.closeRooms(partyId);
    expect(await participants(benPage, benHandles.audio, ben.room)).toMatchObject({ error_code: 485 });
    // Closing twice (another process) is no error.
    await gateway.closeRooms(partyId);
  });

  it("mutes and cuts off a page that joined under someone else's id, by the token it holds", async () => {
    const partyId = randomBytes(6).toString("hex");
    await gateway.openRooms(partyId);
    const [ana, ben] = await Promise.all([gateway.seat(partyId, "ana"), gateway.seat(partyId, "ben")]);
    const anaPage = await client(ana.token);
    const anaHandles = (await anaPage.open())!;
    // Ben's page joins the mix and the cameras' room with an id of its own choosing (another person's prefix).
    const benPage = await client(ben.token);
    const benHandles = (await benPage.open())!;
    const forged = "carl.forged";
    expect(await benPage.message(benHandles.audio, { request: "join", room: ben.room, id: forged, display: "Carl", token: ben.token })).toMatchObject({ audiobridge: "joined" });
    await benPage.message(benHandles.video, { request: "join", ptype: "publisher", room: ben.room, id: forged, display: "Carl", token: ben.token });
    await waitFor(async () => JSON.stringify(await participants(anaPage, anaHandles.audio, ana.room)) === JSON.stringify([{ id: forged, muted: false }]), "Ben's page in the mix as Carl");

    // By Ben's prefix alone nothing is found; by his token his page is.
    await gateway.mute(partyId, "ben", true);
    expect(await participants(anaPage, anaHandles.audio, ana.room)).toEqual([{ id: forged, muted: false }]);
    await gateway.mute(partyId, "ben", true, [ben.token]);
    expect(await participants(anaPage, anaHandles.audio, ana.room)).toEqual([{ id: forged, muted: true }]);

    // Removed: the session Ben's page opened with his token ends, so it is out of the mix and the cameras' room.
    await gateway.kick(partyId, "ben", [ben.token]);
    expect(await benPage.alive()).toBe(false);
    await waitFor(async () => JSON.stringify(await participants(anaPage, anaHandles.audio, ana.room)) === "[]", "Ben's page out of the mix");
    expect((await anaPage.message(anaHandles.video, { request: "listparticipants", room: ana.room })).participants).toEqual([]);
    // Ana's own session, opened with her token, is untouched.
    expect(await anaPage.alive()).toBe(true);
    await gateway.closeRooms(partyId);
  });

  describe("through the app", () => {
    let app: TestApp;
    /**
     * Between the app and Janus's WebSocket port: a relay that connects on only
     * after `upgradeDelayMs` (a machine so busy that Janus answers an upgrade late).
     */
    let upgradeDelayMs = 0;
    const relay = net.createServer((page) => {
      page.on("error", () => undefined);
      setTimeout(() => {
        const upstream = net.connect(Number(new URL(janus.env.JANUS_WS_URL).port), "127.0.0.1");
        upstream.on("error", () => page.destroy());
        page.on("close", () => upstream.destroy());
        page.pipe(upstream).pipe(page);
      }, upgradeDelayMs);
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
      const { port } = relay.address() as net.AddressInfo;
      app = await startTestApp({ kind: "embedded", janus: { ...config(), wsUrl: `ws://127.0.0.1:${port}` } });
    });
    afterAll(async () => {
      await app?.close();
      relay.close();
    });

    it("passes a page's WebSocket on to Janus on the app's origin, also when Janus answers the upgrade more than a second later; other upgrades are closed", async () => {
      const partyId = `p${randomBytes(6).toString("hex")}`;
      await gateway.openRooms(partyId);
      const { token } = await gateway.seat(partyId, "someone");
      const pageUrl = `${app.url.replace(/^http/, "ws")}${JANUS_WS_PATH}`;
      // Closed before the app stops (its server waits for every connection).
      const page = await JanusClient.connect(pageUrl, token, app.url);
      expect(await page.open()).not.toBeNull();
      page.close();
      // Socket.IO must not close the upgrade before Janus's answer comes (engine.io ends any other one after 1 s).
      upgradeDelayMs = 1500;
      try {
        const slow = await JanusClient.connect(pageUrl, token, app.url);
        expect(await slow.open()).not.toBeNull();
        slow.close();
      } finally {
        upgradeDelayMs = 0;
      }
      // A page of another origin is refused; an upgrade nobody serves is closed, not left hanging.
      await expect(JanusClient.connect(pageUrl, token, "http://elsewhere.example")).rejects.toThrow(/403/);
      await expect(JanusClient.connect(`${app.url.replace(/^http/, "ws")}/not-a-socket`, token, app.url)).rejects.toThrow();
      await gateway.closeRooms(partyId);
    });

    async function inRoom(partyId: string, cookie: string): Promise<TestClient> {
      const c = app.connect(cookie);
      await connected(c);
      const joined = await call(c, "room:join", { partyId });
      if (!joined.ok) throw new Error(joined.error.message);
      return c;
    }
    async function joinCall(c: TestClient, partyId: string): Promise<CallJoined> {
      const result = await call(c, "call:join", { partyId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    }
    /** Whether Janus still opens a session for this token. */
    const accepted = async (token: string) => (await (await client(token)).open()) !== null;

    it("takes a person's token back when a host removes them or they leave, after they muted or turned their camera on", async () => {
      const hostCookie = await app.signInAsMember("Host");
      const host = (await app.context.getSessionUser(hostCookie))!;
      const { id: partyId } = await app.newParty(host.id);
      const hostClient = await inRoom(partyId, hostCookie);
      await joinCall(hostClient, partyId);
      expect((await call(hostClient, "call:host", { partyId, action: "large" })).ok).toBe(true);

      const guests = await Promise.all(
        ["Ana", "Ben"].map(async (name) => {
          const cookie = await app.signInAsGuest(name);
          const user = (await app.context.getSessionUser(cookie))!;
          const c = await inRoom(partyId, cookie);
          const joined = await joinCall(c, partyId);
          expect(joined.janus).toBeDefined();
          return { userId: user.id, client: c, token: joined.janus!.token };
        }),
      );
      const [ana, ben] = guests as [(typeof guests)[0], (typeof guests)[0]];
      expect(await accepted(ana.token)).toBe(true);
      expect(await accepted(ben.token)).toBe(true);

      // Each changes something in the call first (what a page does when it mutes or turns its camera on).
      expect((await call(ana.client, "call:update", { partyId, muted: true, camera: false })).ok).toBe(true);
      expect((await call(ben.client, "call:update", { partyId, muted: false, camera: true })).ok).toBe(true);

      const removed = next(ana.client, "call:moderated");
      expect((await call(hostClient, "call:host", { partyId, action: "remove", userId: ana.userId })).ok).toBe(true);
      expect(await removed).toMatchObject({ action: "removed", userId: ana.userId });
      // Janus's part follows the acknowledgement.
      await waitFor(async () => !(await accepted(ana.token)), "Ana's token taken back");

      expect((await call(ben.client, "call:leave", { partyId })).ok).toBe(true);
      await waitFor(async () => !(await accepted(ben.token)), "Ben's token taken back");
      expect(await accepted(ana.token)).toBe(false);
    });
  });
});
