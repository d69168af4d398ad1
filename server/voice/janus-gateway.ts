import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { CAMERA_MAX_BITRATE } from "../../shared/call-camera";

/** Janus, the call's media server for large calls (JANUS_URL, JANUS_ADMIN_URL, JANUS_ADMIN_SECRET; docs/voice.md). */
export interface JanusConfig {
  /** The Janus API over HTTP, e.g. http://127.0.0.1:8088/janus (the app's own requests). */
  url: string;
  /** The Janus API over WebSockets, e.g. ws://127.0.0.1:8188 (browsers reach it through the app: JANUS_WS_PATH). */
  wsUrl: string;
  /** The admin API, e.g. http://127.0.0.1:7088/admin (tokens). */
  adminUrl: string;
  /** The admin API's secret, also the plugins' admin_key (only the app makes rooms). */
  adminSecret: string;
}

/** Where a browser reaches Janus's WebSocket API: on the app's own origin (server/voice/janus-proxy.ts). */
export const JANUS_WS_PATH = "/call-media";

const PLUGINS = ["janus.plugin.audiobridge", "janus.plugin.videoroom"] as const;
type Plugin = (typeof PLUGINS)[number];

const replySchema = z.object({
  janus: z.string(),
  data: z.object({ id: z.number().optional() }).passthrough().optional(),
  error: z.object({ code: z.number(), reason: z.string() }).optional(),
  plugindata: z.object({ plugin: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
});

/** What a browser needs to join a party's rooms in Janus. */
export interface JanusSeat {
  token: string;
  /** The AudioBridge and VideoRoom rooms (string ids). */
  room: string;
  /** Its participant id in the AudioBridge (a host's mute and removal name it). */
  participantId: string;
}

/**
 * The app's side of Janus over its HTTP API: one session with a handle on each
 * plugin, made lazily and renewed when Janus forgot it; rooms made and
 * destroyed with the party's large call; a token per person (the core's
 * token_auth, added through the admin API, and the room's `allowed` list), so
 * only people the app let in can reach the rooms. Each process of a cluster
 * has its own session; rooms and tokens live in Janus, so all see the same.
 */
export class JanusGateway {
  private session: Promise<{ id: number; handles: Record<Plugin, number> }> | null = null;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  /** The app's own token (token_auth applies to it too). */
  private readonly serviceToken = randomBytes(24).toString("base64url");

  constructor(private readonly config: JanusConfig) {}

  /** Each party's rooms have a secret of their own, derived from the admin secret (every process computes the same). */
  private roomSecret(room: string): string {
    return createHmac("sha256", this.config.adminSecret).update(`room:${room}`).digest("base64url");
  }

  static roomOf(partyId: string): string {
    return `party-${partyId}`;
  }

  /** One request to Janus's HTTP API (a transaction id of its own, 5 s at most); its JSON reply, unchecked. */
  private async send(url: string, body: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ transaction: randomBytes(8).toString("hex"), ...body }),
      signal: AbortSignal.timeout(5000),
    });
    return response.json();
  }

  private async post(url: string, body: Record<string, unknown>): Promise<z.infer<typeof replySchema>> {
    const reply = replySchema.parse(await this.send(url, body));
    if (reply.janus === "error") throw new Error(`Janus refused ${String(body.janus)}: ${reply.error?.reason ?? "unknown"}`);
    return reply;
  }

  private admin(body: Record<string, unknown>, path = "") {
    return this.post(`${this.config.adminUrl}${path}`, { ...body, admin_secret: this.config.adminSecret });
  }

  /**
   * Every handle in Janus opened with one of these tokens, whatever participant
   * id its page chose (a page picks its own id in a join; only the token is the
   * app's): its session, its plugin and, in the AudioBridge, the id it joined
   * with. Read through the admin API: the sessions, their handles, each
   * handle's info (a round trip each, all at once; handles that went meanwhile
   * are skipped).
   */
  private async handlesHolding(tokens: readonly string[]): Promise<Array<{ session: number; plugin: string; id: string | null }>> {
    if (tokens.length === 0) return [];
    const wanted = new Set(tokens);
    const listed = async <T>(path: string, request: string, key: string, schema: z.ZodType<T>): Promise<T | null> => {
      const reply = await this.send(`${this.config.adminUrl}${path}`, { janus: request, admin_secret: this.config.adminSecret }).catch(() => null);
      const parsed = z.object({ [key]: schema }).safeParse(reply);
      return parsed.success ? (parsed.data[key] as T) : null;
    };
    const sessions = (await listed("", "list_sessions", "sessions", z.array(z.number()))) ?? [];
    const infoSchema = z.object({ token: z.string().optional(), plugin: z.string().optional(), plugin_specific: z.object({ id: z.union([z.string(), z.number()]).optional() }).passthrough().optional() }).passthrough();
    const found = await Promise.all(
      sessions.map(async (session) => {
        const handles = (await listed(`/${session}`, "list_handles", "handles", z.array(z.number()))) ?? [];
        const infos = await Promise.all(handles.map((handle) => listed(`/${session}/${handle}`, "handle_info", "info", infoSchema)));
        return infos
          .filter((info) => info?.token !== undefined && wanted.has(info.token))
          .map((info) => ({ session, plugin: info!.plugin ?? "", id: info!.plugin_specific?.id !== undefined ? String(info!.plugin_specific.id) : null }));
      }),
    );
    return found.flat();
  }

  /** Opens the app's session now (at start-up), so the first large call does not wait for it; a failure is retried at the first request. */
  warm(): void {
    void this.open().catch(() => undefined);
  }

  private open() {
    this.session ??= (async () => {
      // The app's token first (token_auth), then the session, then a handle on each plugin (both at once).
      await this.admin({ janus: "add_token", token: this.serviceToken, plugins: [...PLUGINS] });
      const created = await this.post(this.config.url, { janus: "create", token: this.serviceToken });
      const id = created.data!.id!;
      const attached = await Promise.all(PLUGINS.map((plugin) => this.post(`${this.config.url}/${id}`, { janus: "attach", plugin, token: this.serviceToken })));
      const handles = Object.fromEntries(PLUGINS.map((plugin, i) => [plugin, attached[i]!.data!.id!])) as Record<Plugin, number>;
      clearInterval(this.keepAlive);
      this.keepAlive = setInterval(() => {
        void this.post(`${this.config.url}/${id}`, { janus: "keepalive", token: this.serviceToken }).catch(() => this.forget(opened));
      }, 20_000);
      this.keepAlive.unref();
      return { id, handles };
    })().catch((error: unknown) => {
      this.forget(opened);
      throw error;
    });
    const opened = this.session;
    return opened;
  }

  /** Drops a session Janus forgot (restarted, timed out), unless another one has replaced it already. */
  private forget(session: JanusGateway["session"]): void {
    if (this.session === session) this.session = null;
  }

  /** A synchronous plugin request; the plugin's own error (`error_code`) is thrown, except those in `ignore`. */
  private async request(plugin: Plugin, body: Record<string, unknown>, ignore: number[] = []): Promise<Record<string, unknown>> {
    const opened = this.open();
    let session = await opened;
    const reply = await this.post(`${this.config.url}/${session.id}/${session.handles[plugin]}`, { janus: "message", body, token: this.serviceToken }).catch(async (error: unknown) => {
      // Janus forgot the session (restarted, timed out): once more with a new one (one for all the requests that failed at once).
      this.forget(opened);
      session = await this.open().catch(() => Promise.reject(error));
      return this.post(`${this.config.url}/${session.id}/${session.handles[plugin]}`, { janus: "message", body, token: this.serviceToken });
    });
    const data = reply.plugindata?.data ?? {};
    const code = typeof data.error_code === "number" ? data.error_code : null;
    if (code !== null && !ignore.includes(code)) throw new Error(`Janus ${plugin.slice(13)} refused ${String(body.request)}: ${String(data.error)}`);
    return data;
  }

  /** Makes the party's AudioBridge and VideoRoom rooms (nothing when they exist: another process made them). */
  async openRooms(partyId: string): Promise<void> {
    const room = JanusGateway.roomOf(partyId);
    const common = { request: "create", room, secret: this.roomSecret(room), admin_key: this.config.adminSecret, is_private: true, permanent: false, allowed: [] as string[] };
    // 486/427: the room exists already. Both at once (each request is a round trip to Janus). The VideoRoom takes a
    // subscription only with its subscriber's own publisher private_id: a kick then cuts that person's view of
    // every camera too (Janus marks those subscriptions kicked and sends them nothing), not only their own camera.
    await Promise.all([
      this.request("janus.plugin.audiobridge", { ...common, description: "Party call", sampling_rate: 48000, audiolevel_event: true, audio_active_packets: 50, audio_level_average: 40 }, [486]),
      this.request("janus.plugin.videoroom", { ...common, description: "Party cameras", publishers: 6, bitrate: CAMERA_MAX_BITRATE, videocodec: "vp8", audiocodec: "opus", require_pvtid: true }, [427]),
    ]);
  }

  async closeRooms(partyId: string): Promise<void> {
    const room = JanusGateway.roomOf(partyId);
    const secret = this.roomSecret(room);
    // 485/426: no such room (already destroyed).
    await Promise.all([
      this.request("janus.plugin.audiobridge", { request: "destroy", room, secret }, [485]),
      this.request("janus.plugin.videoroom", { request: "destroy", room, secret }, [426]),
    ]);
  }

  /** A seat for one connection: a fresh token Janus accepts (core and both rooms' allowed lists), and its participant id. */
  async seat(partyId: string, userId: string): Promise<JanusSeat> {
    const room = JanusGateway.roomOf(partyId);
    const token = randomBytes(24).toString("base64url");
    const secret = this.roomSecret(room);
    // The core's token and both rooms' allowed lists at once: the page uses the token only after all three.
    await Promise.all([
      this.admin({ janus: "add_token", token, plugins: [...PLUGINS] }),
      this.request("janus.plugin.audiobridge", { request: "allowed", room, secret, action: "add", allowed: [token] }),
      this.request("janus.plugin.videoroom", { request: "allowed", room, secret, action: "add", allowed: [token] }),
    ]);
    return { token, room, participantId: `${userId}.${randomBytes(6).toString("hex")}` };
  }

  /** Takes a token back: Janus refuses it from now on (a removed person cannot come back with it). */
  async unseat(partyId: string, token: string): Promise<void> {
    const room = JanusGateway.roomOf(partyId);
    const secret = this.roomSecret(room);
    await Promise.allSettled([
      this.admin({ janus: "remove_token", token }),
      this.request("janus.plugin.audiobridge", { request: "allowed", room, secret, action: "remove", allowed: [token] }, [485]),
      this.request("janus.plugin.videoroom", { request: "allowed", room, secret, action: "remove", allowed: [token] }, [426]),
    ]);
  }

  /** The participants (AudioBridge) or publishers (VideoRoom) whose id is this person's (`<userId>.…`). */
  private async participantsOf(plugin: Plugin, room: string, userId: string): Promise<string[]> {
    const data = await this.request(plugin, { request: "listparticipants", room }, [485, 426]);
    const list = z.array(z.object({ id: z.union([z.string(), z.number()]) })).catch([]).parse(data.participants);
    return list.map((p) => String(p.id)).filter((id) => id.startsWith(`${userId}.`));
  }

  /**
   * A host's mute in the mix: Janus drops the person's audio whatever their page
   * sends. `tokens`, the person's seats: also whatever id a page holding one of
   * them joined the mix with (found after the ids with the person's prefix are
   * muted, so the usual case is not slowed).
   */
  async mute(partyId: string, userId: string, muted: boolean, tokens: readonly string[] = []): Promise<void> {
    const room = JanusGateway.roomOf(partyId);
    const secret = this.roomSecret(room);
    const muteIds = (ids: Iterable<string>) => Promise.all([...ids].map((id) => this.request("janus.plugin.audiobridge", { request: muted ? "mute" : "unmute", room, secret, id }, [485, 487])));
    const byPrefix = await this.participantsOf("janus.plugin.audiobridge", room, userId);
    await Promise.all([
      muteIds(byPrefix),
      this.handlesHolding(tokens).then((held) => muteIds(new Set(held.filter((h) => h.plugin === "janus.plugin.audiobridge" && h.id !== null && !byPrefix.includes(h.id)).map((h) => h.id!)))),
    ]);
  }

  /**
   * Out of the mix and the cameras now. The VideoRoom drops a kicked publisher
   * at once; the AudioBridge only tears the person's connection down (on
   * Janus's next whole-second tick) and takes them out of the room when it is
   * gone, so they are muted in the mix too, which takes effect at once.
   */
  async kick(partyId: string, userId: string, tokens: readonly string[] = []): Promise<void> {
    const room = JanusGateway.roomOf(partyId);
    const secret = this.roomSecret(room);
    // Both plugins, and each of the person's seats, at once: a removal is felt within a second.
    await Promise.all([
      ...PLUGINS.map(async (plugin) => {
        const ids = await this.participantsOf(plugin, room, userId);
        const requests = plugin === "janus.plugin.audiobridge" ? ["mute", "kick"] : ["kick"];
        await Promise.all(ids.flatMap((id) => requests.map((request) => this.request(plugin, { request, room, secret, id }, [485, 487, 426, 428]))));
      }),
      // And every Janus session a page opened with one of their tokens ends, whatever ids it joined with: its
      // mix, its camera and its views of others' cameras go with it (a page that chose another person's id,
      // which the kicks by id above miss, is cut off too).
      this.handlesHolding(tokens).then((held) =>
        Promise.allSettled([...new Set(held.map((h) => h.session))].map((session) => this.admin({ janus: "destroy_session" }, `/${session}`))),
      ),
    ]);
  }

  stop(): void {
    clearInterval(this.keepAlive);
    const session = this.session;
    this.session = null;
    // Janus ends a forgotten session by itself (session_timeout).
    void session?.then((s) => this.post(`${this.config.url}/${s.id}`, { janus: "destroy", token: this.serviceToken })).catch(() => undefined);
  }
}
