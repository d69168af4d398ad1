import { CAMERA_MAX_BITRATE, CAMERA_MAX_FRAMERATE } from "@/shared/call-camera";
import { passesCandidate } from "./candidates";

/** What the app gave this person for a large call (call:join's `janus`). */
export interface JanusSeat {
  path: string;
  token: string;
  room: string;
  participantId: string;
}

type JanusMessage = {
  janus: string;
  transaction?: string;
  sender?: number;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { data: Record<string, unknown> };
  jsep?: RTCSessionDescriptionInit;
};

/** A Janus plugin handle with its own peer connection. */
interface Handle {
  id: number;
  pc: RTCPeerConnection;
  onEvent(message: JanusMessage): void;
}

/** The feeds' ids are `<userId>.<random>` (server/voice/janus-gateway.ts): whose is this one. */
export const userOfFeed = (feedId: string) => feedId.slice(0, feedId.lastIndexOf("."));

/**
 * A large call's media for one person, over Janus's WebSocket API (on the
 * app's own origin, server/voice/janus-proxy.ts): the AudioBridge, one stream
 * up (the microphone) and one down (everyone else, mixed by Janus) whatever
 * the call's size, with Janus's talking events for the rings; and the
 * VideoRoom for cameras: this person's camera published while on, and one
 * subscription per camera that is on. docs/voice.md.
 */
export class JanusMedia {
  private ws: WebSocket | null = null;
  private session = 0;
  private handles = new Map<number, Handle>();
  private pending = new Map<string, { resolve(m: JanusMessage): void; reject(e: Error): void }>();
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private audio: Handle | null = null;
  private videoPublisher: Handle | null = null;
  private publishing: MediaStreamTrack | null = null;
  private feeds = new Map<string, Handle>();
  /** This person's publisher's private id in the VideoRoom: their subscriptions carry it, so a kick ends those too. */
  private privateId: number | undefined;
  /** Everyone else's voices, mixed. */
  readonly mix = new MediaStream();
  /** Cameras by the person's user id. */
  readonly cameras = new Map<string, MediaStream>();

  constructor(
    private readonly seat: JanusSeat,
    private readonly options: {
      /** TURN credentials, renewed during a long call (refreshIce). */
      iceServers: RTCIceServer[];
      relayOnly: boolean;
      loopbackOnly: boolean;
      onTalking(participantId: string, talking: boolean): void;
      onChange(): void;
      /** Janus ended this person's part (a host removed them, the room went). */
      onGone(reason: string): void;
    },
  ) {}

  get connection(): RTCPeerConnectionState {
    return this.audio?.pc.connectionState ?? "new";
  }

  private send(body: Record<string, unknown>, handle?: number): Promise<JanusMessage> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error("The media server is not connected."));
    const transaction = Math.random().toString(36).slice(2);
    const message = { ...body, transaction, token: this.seat.token, ...(this.session ? { session_id: this.session } : {}), ...(handle ? { handle_id: handle } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(transaction, { resolve, reject });
      ws.send(JSON.stringify(message));
    });
  }

  /** A plugin request answered by an event (or refused by the plugin: thrown). */
  private async request(handle: number, body: Record<string, unknown>, jsep?: RTCSessionDescriptionInit): Promise<JanusMessage> {
    const reply = await this.send({ janus: "message", body, ...(jsep ? { jsep } : {}) }, handle);
    const error = reply.plugindata?.data.error;
    if (error) throw new Error(`The call's media server refused: ${String(error)}`);
    return reply;
  }

  private onMessage(message: JanusMessage): void {
    if (message.janus === "ack") return;
    const waiting = message.transaction ? this.pending.get(message.transaction) : undefined;
    if (waiting) {
      this.pending.delete(message.transaction!);
      if (message.janus === "error") waiting.reject(new Error(message.error?.reason ?? "The media server refused."));
      else waiting.resolve(message);
      return;
    }
    const handle = message.sender ? this.handles.get(message.sender) : undefined;
    handle?.onEvent(message);
  }

  private async attach(plugin: string, onEvent: (message: JanusMessage) => void): Promise<Handle> {
    const id = (await this.send({ janus: "attach", plugin })).data!.id!;
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers, iceTransportPolicy: this.options.relayOnly ? "relay" : "all" });
    pc.onicecandidate = (event) => {
      if (event.candidate && !passesCandidate(event.candidate.candidate, this.options.loopbackOnly)) return;
      void this.send({ janus: "trickle", candidate: event.candidate ? event.candidate.toJSON() : { completed: true } }, id).catch(() => undefined);
    };
    const handle = { id, pc, onEvent };
    this.handles.set(id, handle);
    return handle;
  }

  private detach(handle: Handle | null): void {
    if (!handle) return;
    handle.pc.close();
    this.handles.delete(handle.id);
    void this.send({ janus: "detach" }, handle.id).catch(() => undefined);
  }

  /** Janus ended this person's part: the app's own notice (a host's removal, the call turned off) comes first when there is one. */
  private gone(reason: string): void {
    if (this.closed) return;
    setTimeout(() => !this.closed && this.options.onGone(reason), 1500);
  }

  /** Connects, joins the party's AudioBridge room with this person's token and sends the microphone; then watches the cameras. */
  async start(options: { name: string; audioTrack: MediaStreamTrack | null; muted: boolean }): Promise<void> {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${this.seat.path}`;
    this.ws = new WebSocket(url, "janus-protocol");
    this.ws.onmessage = (event) => {
      try {
        this.onMessage(JSON.parse(String(event.data)) as JanusMessage);
      } catch {
        // Not JSON: ignored.
      }
    };
    this.ws.onclose = () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error("The media server closed the connection."));
      this.pending.clear();
      this.gone("The connection to the call's media server was lost. Join again.");
    };
    await new Promise<void>((resolve, reject) => {
      this.ws!.onopen = () => resolve();
      this.ws!.onerror = () => reject(new Error("The call's media server cannot be reached."));
    });
    this.session = (await this.send({ janus: "create" })).data!.id!;
    this.keepAlive = setInterval(() => void this.send({ janus: "keepalive" }).catch(() => undefined), 25_000);

    const audio = await this.attach("janus.plugin.audiobridge", (message) => {
      if (message.janus === "hangup") return this.gone("The media server ended your part of the call.");
      const data = message.plugindata?.data;
      if (data?.audiobridge === "talking" || data?.audiobridge === "stopped-talking") this.options.onTalking(String(data.id), data.audiobridge === "talking");
      // Kicked (Janus tells everyone, the person too), or the room destroyed (Janus's "destroyed" event).
      else if ((data?.audiobridge === "event" && String(data.kicked) === this.seat.participantId) || data?.audiobridge === "destroyed") {
        this.gone("You are no longer in the call's media room.");
      }
    });
    this.audio = audio;
    audio.pc.ontrack = (event) => {
      this.mix.addTrack(event.track);
      this.options.onChange();
    };
    audio.pc.onconnectionstatechange = () => this.options.onChange();
    const { room, token, participantId } = this.seat;
    await this.request(audio.id, { request: "join", room, id: participantId, display: options.name, token, muted: options.muted });
    audio.pc.addTransceiver(options.audioTrack ?? "audio", { direction: "sendrecv" });
    const offer = await audio.pc.createOffer();
    await audio.pc.setLocalDescription(offer);
    const answered = await this.request(audio.id, { request: "configure", muted: options.muted }, { type: "offer", sdp: offer.sdp ?? "" });
    if (!answered.jsep) throw new Error("The call's media server sent no answer.");
    await audio.pc.setRemoteDescription(answered.jsep);

    // The cameras: in the VideoRoom as a publisher (publishing only while the camera is on), told of every camera.
    const video = await this.attach("janus.plugin.videoroom", (message) => this.onVideoEvent(message));
    this.videoPublisher = video;
    const joined = await this.request(video.id, { request: "join", ptype: "publisher", room, id: participantId, display: options.name, token });
    const privateId = joined.plugindata?.data.private_id;
    if (typeof privateId === "number") this.privateId = privateId;
    this.onVideoEvent(joined);
  }

  private onVideoEvent(message: JanusMessage): void {
    const data = message.plugindata?.data ?? {};
    const publishers = Array.isArray(data.publishers) ? (data.publishers as Array<{ id: string | number }>) : [];
    for (const p of publishers) void this.watch(String(p.id));
    for (const key of ["unpublished", "leaving"]) {
      const id = data[key];
      if (id !== undefined && id !== "ok") this.unwatch(String(id));
    }
    if (message.jsep && this.videoPublisher) void this.videoPublisher.pc.setRemoteDescription(message.jsep).catch(() => undefined);
  }

  /** Subscribes to one camera (one handle each: a few cameras at most). */
  private async watch(feedId: string): Promise<void> {
    if (feedId === this.seat.participantId || this.feeds.has(feedId) || this.closed) return;
    const handle = await this.attach("janus.plugin.videoroom", async (message) => {
      if (message.jsep?.type === "offer") await this.answerFeed(handle, message.jsep);
    });
    this.feeds.set(feedId, handle);
    const stream = new MediaStream();
    handle.pc.ontrack = (event) => {
      stream.addTrack(event.track);
      this.cameras.set(userOfFeed(feedId), stream);
      this.options.onChange();
    };
    const joined = await this.request(handle.id, { request: "join", ptype: "subscriber", room: this.seat.room, streams: [{ feed: feedId }], private_id: this.privateId, token: this.seat.token }).catch(() => null);
    if (joined?.jsep?.type === "offer") await this.answerFeed(handle, joined.jsep);
  }

  private async answerFeed(handle: Handle, offer: RTCSessionDescriptionInit): Promise<void> {
    await handle.pc.setRemoteDescription(offer);
    const answer = await handle.pc.createAnswer();
    await handle.pc.setLocalDescription(answer);
    await this.request(handle.id, { request: "start" }, { type: "answer", sdp: answer.sdp ?? "" }).catch(() => undefined);
  }

  private unwatch(feedId: string): void {
    const handle = this.feeds.get(feedId);
    if (!handle) return;
    this.feeds.delete(feedId);
    this.detach(handle);
    this.cameras.delete(userOfFeed(feedId));
    this.options.onChange();
  }

  /** Publishes the camera in the VideoRoom, or stops publishing it (null). */
  async setCamera(track: MediaStreamTrack | null): Promise<void> {
    const publisher = this.videoPublisher;
    if (!publisher) return;
    if (track && this.publishing) {
      await publisher.pc.getTransceivers()[0]?.sender.replaceTrack(track);
    } else if (track) {
      publisher.pc.addTransceiver(track, { direction: "sendonly", sendEncodings: [{ maxBitrate: CAMERA_MAX_BITRATE, maxFramerate: CAMERA_MAX_FRAMERATE }] });
      const offer = await publisher.pc.createOffer();
      await publisher.pc.setLocalDescription(offer);
      const answered = await this.request(publisher.id, { request: "publish", audio: false, video: true }, { type: "offer", sdp: offer.sdp ?? "" });
      if (answered.jsep) await publisher.pc.setRemoteDescription(answered.jsep);
    } else if (this.publishing) {
      await this.request(publisher.id, { request: "unpublish" }).catch(() => undefined);
      // A new connection for the next time the camera goes on.
      const fresh = new RTCPeerConnection({ iceServers: this.options.iceServers, iceTransportPolicy: this.options.relayOnly ? "relay" : "all" });
      fresh.onicecandidate = publisher.pc.onicecandidate;
      publisher.pc.close();
      publisher.pc = fresh;
    }
    this.publishing = track;
  }

  /** New TURN credentials for a long call: every connection restarts its ICE with them (Janus renegotiates). */
  async refreshIce(iceServers: RTCIceServer[]): Promise<void> {
    this.options.iceServers = iceServers;
    for (const handle of this.handles.values()) handle.pc.setConfiguration({ ...handle.pc.getConfiguration(), iceServers });
    const restart = async (handle: Handle, body: Record<string, unknown>) => {
      const offer = await handle.pc.createOffer({ iceRestart: true });
      await handle.pc.setLocalDescription(offer);
      const answered = await this.request(handle.id, body, { type: "offer", sdp: offer.sdp ?? "" });
      if (answered.jsep) await handle.pc.setRemoteDescription(answered.jsep);
    };
    if (this.audio) await restart(this.audio, { request: "configure" }).catch(() => undefined);
    if (this.videoPublisher && this.publishing) await restart(this.videoPublisher, { request: "configure" }).catch(() => undefined);
    for (const handle of this.feeds.values()) {
      const reply = await this.request(handle.id, { request: "configure", restart: true }).catch(() => null);
      if (reply?.jsep?.type === "offer") await this.answerFeed(handle, reply.jsep).catch(() => undefined);
    }
  }

  async setMuted(muted: boolean): Promise<void> {
    if (this.audio) await this.request(this.audio.id, { request: "configure", muted }).catch(() => undefined);
  }

  async replaceMicrophone(track: MediaStreamTrack | null): Promise<void> {
    await this.audio?.pc.getTransceivers()[0]?.sender.replaceTrack(track).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
    for (const handle of this.handles.values()) handle.pc.close();
    this.handles.clear();
    if (this.ws?.readyState === WebSocket.OPEN && this.session) this.ws.send(JSON.stringify({ janus: "destroy", transaction: "bye", token: this.seat.token, session_id: this.session }));
    this.ws?.close();
  }
}
