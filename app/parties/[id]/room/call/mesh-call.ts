import type { Socket } from "socket.io-client";
import { roomClient, type RoomPayload } from "@/shared/room-client";
import type { CallJoined, CallModeration, CallPeer, CallSignal, ClientEvents, ClientResult, ServerEvents } from "@/server/realtime/protocol";
import { CAMERA_CONSTRAINTS, CAMERA_MAX_BITRATE, CAMERA_MAX_FRAMERATE } from "@/shared/call-camera";
import { passesCandidate } from "./candidates";
import { JanusMedia, userOfFeed } from "./janus-media";

type CallEvent = "call:join" | "call:leave" | "call:relay" | "call:signal" | "call:update";

type RoomSocket = Socket<ServerEvents, ClientEvents>;

export interface RemotePeer {
  info: CallPeer;
  stream: MediaStream;
  connection: RTCPeerConnectionState;
  speaking: boolean;
}

/** Why the microphone or camera is not there: refused by the person (or the browser), or no such device. */
export type DeviceProblem = "refused" | "missing" | null;

export interface CallView {
  status: "idle" | "joining" | "in-call";
  peers: RemotePeer[];
  you: CallPeer | null;
  localStream: MediaStream | null;
  muted: boolean;
  camera: boolean;
  hostMuted: boolean;
  speaking: boolean;
  mic: DeviceProblem;
  cam: DeviceProblem;
  /** Why the call ended or did not start (shown until the next join). */
  ended: string | null;
  /** The hosts turned the call off. */
  off: boolean;
  /** Recent things to say in the live region ("Ana joined the call."). */
  notice: string | null;
  /** A large call (through Janus): everyone else's voices, mixed into this one stream. */
  mix: MediaStream | null;
  /** The site has a media server: a host may make the call a large one. */
  largeCalls: boolean;
}

type JoinSettings = { micId: string | null; relayOnly: boolean; startMuted: boolean };

const LOST = "The connection to the room was lost, so the call ended. Join it again.";
/** How long a dropped room connection may take to come back before the call ends. */
const REJOIN_WITHIN_MS = 30_000;

export const IDLE_CALL: CallView = {
  status: "idle",
  peers: [],
  you: null,
  localStream: null,
  muted: false,
  camera: false,
  hostMuted: false,
  speaking: false,
  mic: null,
  cam: null,
  ended: null,
  off: false,
  notice: null,
  mix: null,
  largeCalls: false,
};

/**
 * Louder than this (RMS, 0 to 1) counts as talking; it stays "talking" for
 * HOLD_MS after. A peer's level is the one its browser put in its latest audio
 * packet (RTP's audio level, read with getSynchronizationSources: no audio
 * graph of the page's own); the own microphone's comes from one analyser.
 */
const SPEAKING_RMS = 0.015;
const HOLD_MS = 400;
/** How long a call's connections stay open after it ended for this page (its view first: see release()). */
const CLOSE_AFTER_MS = 100;
/** How often the levels are read: often enough to catch a 20 ms sound in most reads of a 50 ms one. */
const LEVEL_EVERY_MS = 50;

function problemOf(error: unknown): DeviceProblem {
  const name = (error as { name?: string } | null)?.name;
  return name === "NotAllowedError" || name === "SecurityError" ? "refused" : "missing";
}

interface Peer {
  pc: RTCPeerConnection;
  info: CallPeer;
  stream: MediaStream;
  /** Signals are handled one at a time, in the order they came. */
  queue: Promise<void>;
  pending: RTCIceCandidateInit[];
  speaking: boolean;
  loudAt: number;
  /** The RTP timestamp of the latest packet read: a source that stopped sending is not talking. */
  heardRtp: number | undefined;
}

/**
 * One person's side of a mesh call: a peer connection to each other peer,
 * signalled through the room's Socket.IO connection (server/voice). The
 * newcomer makes the offers; each connection carries one audio and one video
 * transceiver from the start, so mute, camera and device changes replace
 * tracks and never renegotiate. docs/voice.md.
 */
export class MeshCall {
  private peers = new Map<string, Peer>();
  /** Who each peer is, from call:peer-joined, until their offer makes the connection. */
  private known = new Map<string, CallPeer>();
  private audioTrack: MediaStreamTrack | null = null;
  private videoTrack: MediaStreamTrack | null = null;
  private iceServers: RTCIceServer[] = [];
  private context: AudioContext | null = null;
  private localAnalyser: AnalyserNode | null = null;
  private localSource: MediaStreamAudioSourceNode | null = null;
  private localLoudAt = 0;
  /** The own microphone's samples, read into the same buffer each time. */
  private samples: Float32Array<ArrayBuffer> | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private talking = false;
  private view: CallView = IDLE_CALL;
  /** A large call's media (Janus); null in a mesh. */
  private large: JanusMedia | null = null;
  /** A large call's people (no connection of their own: Janus mixes them), and who Janus says is talking. */
  private largePeers = new Map<string, CallPeer>();
  private talkingIds = new Set<string>();
  private lastSettings: JoinSettings | null = null;
  /** The room connection dropped while in the call: the settings to join with again once it is back. */
  private rejoin: JoinSettings | null = null;
  private rejoinDeadline: ReturnType<typeof setTimeout> | undefined;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly socket: RoomSocket,
    private readonly partyId: string,
    private readonly options: { onChange(view: CallView): void; loopbackOnly: boolean; youUserId: string; whenInRoom(): Promise<void> },
  ) {
    const on = <E extends keyof ServerEvents>(event: E, listener: ServerEvents[E]) => {
      socket.on(event, listener as never);
      this.detach.push(() => socket.off(event, listener as never));
    };
    on("call:peer-joined", (p) => p.partyId === partyId && this.upsertInfo(p.peer, `${p.peer.name} joined the call.`));
    on("call:peer-updated", (p) => p.partyId === partyId && this.upsertInfo(p.peer, null));
    on("call:peer-left", (p) => p.partyId === partyId && this.drop(p.peerId, true));
    on("call:signal", (p) => p.partyId === partyId && this.onSignal(p.from, p.signal));
    on("call:moderated", (p) => p.partyId === partyId && this.onModerated(p.action, p.userId, p.byUserId, p.by));
    // A dropped room connection (a network blip, a starved page missing pings, a process of the cluster going
    // away) does not end the call: Socket.IO reconnects, the room rejoins, and so does the call, with the same
    // microphone and mute (the person had pressed "Join call"; the server refuses if a host removed them or
    // turned the call off meanwhile). Only a page closing its own connection, or no reconnect in time, ends it.
    const lost = (reason: string) => {
      if (this.view.status === "idle" || this.rejoin) return;
      const settings = this.lastSettings;
      if (reason === "io client disconnect" || !settings) return this.hangUp(LOST);
      this.rejoin = { ...settings, startMuted: this.view.muted };
      this.release();
      this.set({ ...IDLE_CALL, off: this.view.off, status: "joining", notice: "The connection to the room dropped. Rejoining the call…" });
      this.rejoinDeadline = setTimeout(() => this.rejoin && this.hangUp(LOST), REJOIN_WITHIN_MS);
    };
    const back = () => {
      const settings = this.rejoin;
      if (!settings) return;
      void this.options.whenInRoom().then(async () => {
        if (this.rejoin !== settings) return;
        this.cancelRejoin();
        this.set({ status: "idle" });
        await this.join(settings);
      });
    };
    socket.on("disconnect", lost);
    socket.on("connect", back);
    this.detach.push(() => socket.off("disconnect", lost), () => socket.off("connect", back));
  }

  get state(): CallView {
    return this.view;
  }

  private set(change: Partial<CallView>): void {
    this.view = { ...this.view, ...change };
    this.options.onChange(this.view);
  }

  private publishPeers(): void {
    if (this.large) {
      const state = this.large.connection;
      const talking = [...this.talkingIds].map(userOfFeed);
      return this.set({
        mix: this.large.mix,
        peers: [...this.largePeers.values()].map((info) => ({
          info,
          stream: this.large!.cameras.get(info.userId) ?? new MediaStream(),
          connection: state,
          speaking: !info.hostMuted && talking.includes(info.userId),
        })),
      });
    }
    this.set({
      peers: [...this.peers.values()].map((p) => ({ info: p.info, stream: p.stream, connection: p.pc.connectionState, speaking: p.speaking })),
    });
  }

  private async ask<E extends CallEvent>(event: E, payload: RoomPayload<E>): Promise<ClientResult<E>> {
    const result = await roomClient(this.socket).callIn(this.partyId, event, payload).catch(() => null);
    if (!result) throw new Error("The server did not answer. Try again.");
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }

  /** Joins the call: the microphone first (without one, or refused, the person listens), then a connection to each peer. */
  async join(settings: JoinSettings): Promise<void> {
    if (this.view.status !== "idle") return;
    this.lastSettings = settings;
    this.set({ ...IDLE_CALL, off: this.view.off, status: "joining" });
    // Only the own microphone's level is read from it: no output device (sinkId "none"), so the page opens no audio
    // output stream of its own for it (Chromium's audio service had one per person in the call).
    this.context = new AudioContext({ sinkId: { type: "none" } } as AudioContextOptions);
    let mic: DeviceProblem = null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: settings.micId ? { deviceId: { exact: settings.micId } } : true });
      this.audioTrack = stream.getAudioTracks()[0] ?? null;
    } catch (error) {
      mic = problemOf(error);
    }
    const muted = settings.startMuted || this.audioTrack === null;
    if (this.audioTrack) this.audioTrack.enabled = !muted;
    let joined: CallJoined;
    try {
      joined = await this.ask("call:join", { muted, camera: false });
    } catch (error) {
      this.release();
      this.set({ ...IDLE_CALL, off: this.view.off, mic, ended: (error as Error).message });
      return;
    }
    this.iceServers = joined.iceServers;
    this.relayOnly = settings.relayOnly && joined.iceServers.length > 0;
    this.renewRelayBefore(joined.relayExpiresAt);
    this.analyse(this.audioTrack);
    this.ticker = setInterval(() => this.measure(), LEVEL_EVERY_MS);
    this.set({
      status: "in-call",
      you: joined.you,
      localStream: new MediaStream(this.audioTrack ? [this.audioTrack] : []),
      muted: joined.you.muted,
      hostMuted: joined.you.hostMuted,
      largeCalls: joined.largeCalls,
      mic,
      notice: joined.peers.length === 0 ? "You joined the call. Nobody else is in it yet." : `You joined the call with ${joined.peers.length} other${joined.peers.length === 1 ? "" : "s"}.`,
    });
    if (joined.janus) {
      for (const peer of joined.peers) this.largePeers.set(peer.peerId, peer);
      // And those whose call:peer-joined came while this page was joining (before this answer, which may not list them).
      for (const info of this.known.values()) if (info.peerId !== joined.you.peerId) this.largePeers.set(info.peerId, info);
      this.known.clear();
      const large = new JanusMedia(joined.janus, {
        iceServers: this.iceServers,
        relayOnly: this.relayOnly,
        loopbackOnly: this.options.loopbackOnly,
        onTalking: (id, talking) => {
          if (this.large !== large) return;
          if (talking) this.talkingIds.add(id);
          else this.talkingIds.delete(id);
          this.publishPeers();
        },
        onChange: () => this.large === large && this.publishPeers(),
        onGone: (reason) => {
          if (this.large === large) void this.leave(reason);
        },
      });
      this.large = large;
      this.publishPeers();
      try {
        await large.start({ name: joined.you.name, audioTrack: this.audioTrack, muted: joined.you.muted });
      } catch (error) {
        await this.leave((error as Error).message);
      }
      return;
    }
    for (const peer of joined.peers) void this.connect(peer, true);
  }

  private relayOnly = false;
  private relayTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * TURN credentials expire (TURN_CREDENTIAL_TTL_S) and coturn then refuses
   * to refresh an allocation made with them: a minute (or a tenth of their
   * lifetime) before, the page asks for new ones and restarts ICE with them
   * on every connection it has.
   */
  private renewRelayBefore(expiresAt: number | null): void {
    clearTimeout(this.relayTimer);
    if (expiresAt === null) return;
    const left = expiresAt - Date.now();
    this.relayTimer = setTimeout(() => void this.renewRelay(), Math.max(5_000, left - Math.max(60_000, left / 10)));
  }

  private async renewRelay(): Promise<void> {
    if (this.view.status !== "in-call") return;
    const fresh = await this.ask("call:relay", {}).catch(() => null);
    if (!fresh || this.view.status !== "in-call") return;
    this.iceServers = fresh.iceServers;
    if (this.large) await this.large.refreshIce(fresh.iceServers);
    for (const [peerId, peer] of this.peers) {
      const { pc } = peer;
      pc.setConfiguration({ ...pc.getConfiguration(), iceServers: fresh.iceServers });
      peer.queue = peer.queue
        .then(async () => {
          const offer = await pc.createOffer({ iceRestart: true });
          await pc.setLocalDescription(offer);
          await this.signal(peerId, { type: "offer", sdp: offer.sdp ?? "" });
        })
        .catch(() => undefined);
    }
    this.renewRelayBefore(fresh.relayExpiresAt);
  }

  /** The own microphone's analyser (the one before it is let go). */
  private analyse(track: MediaStreamTrack | null): void {
    this.localSource?.disconnect();
    this.localSource = null;
    this.localAnalyser = null;
    if (!this.context || !track) return;
    this.localAnalyser = this.context.createAnalyser();
    this.localAnalyser.fftSize = 1024;
    this.localSource = this.context.createMediaStreamSource(new MediaStream([track]));
    this.localSource.connect(this.localAnalyser);
  }

  /** The answering side's camera sender gets the same cap as an offerer's (set when it added its transceiver). */
  private static async capCamera(pc: RTCPeerConnection): Promise<void> {
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== "video") continue;
      const params = transceiver.sender.getParameters();
      if (params.encodings.length === 0 || params.encodings[0]!.maxBitrate === CAMERA_MAX_BITRATE) continue;
      params.encodings[0] = { ...params.encodings[0], maxBitrate: CAMERA_MAX_BITRATE, maxFramerate: CAMERA_MAX_FRAMERATE };
      await transceiver.sender.setParameters(params).catch(() => undefined);
    }
  }

  /** Whether a peer's latest audio packet was loud (and is a new one since the last read). */
  private static loudPeer(peer: Peer): boolean {
    let loud = false;
    for (const receiver of peer.pc.getReceivers()) {
      if (receiver.track.kind !== "audio") continue;
      for (const source of receiver.getSynchronizationSources()) {
        const fresh = source.rtpTimestamp === undefined || source.rtpTimestamp !== peer.heardRtp;
        peer.heardRtp = source.rtpTimestamp;
        if (fresh && (source.audioLevel ?? 0) > SPEAKING_RMS) loud = true;
      }
    }
    return loud;
  }

  private measure(): void {
    const now = performance.now();
    let changed = false;
    for (const peer of this.peers.values()) {
      if (MeshCall.loudPeer(peer) && !peer.info.hostMuted) peer.loudAt = now;
      const speaking = now - peer.loudAt < HOLD_MS;
      if (speaking !== peer.speaking) {
        peer.speaking = speaking;
        changed = true;
      }
    }
    const analyser = this.localAnalyser;
    if (this.audioTrack?.enabled && analyser) {
      if (this.samples?.length !== analyser.fftSize) this.samples = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(this.samples);
      let sum = 0;
      for (const s of this.samples) sum += s * s;
      if (Math.sqrt(sum / this.samples.length) > SPEAKING_RMS) this.localLoudAt = now;
    }
    const self = now - this.localLoudAt < HOLD_MS;
    if (changed) this.publishPeers();
    if (self !== this.view.speaking) this.set({ speaking: self });
  }

  private upsertInfo(info: CallPeer, notice: string | null): void {
    if (this.large) {
      if (info.peerId === this.view.you?.peerId) return;
      this.largePeers.set(info.peerId, info);
      this.publishPeers();
      if (notice) this.set({ notice });
      return;
    }
    const peer = this.peers.get(info.peerId);
    if (peer) peer.info = info;
    else this.known.set(info.peerId, info);
    if (this.view.status !== "in-call") return;
    if (peer) this.publishPeers();
    if (notice) this.set({ notice });
  }

  private connect(info: CallPeer, initiator: boolean): Peer {
    const existing = this.peers.get(info.peerId);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers, iceTransportPolicy: this.relayOnly ? "relay" : "all" });
    const peer: Peer = { pc, info, stream: new MediaStream(), queue: Promise.resolve(), pending: [], speaking: false, loudAt: 0, heardRtp: undefined };
    this.peers.set(info.peerId, peer);
    pc.onicecandidate = (event) => {
      if (!event.candidate || !passesCandidate(event.candidate.candidate, this.options.loopbackOnly)) return;
      void this.signal(info.peerId, { type: "candidate", candidate: event.candidate.toJSON() as never });
    };
    pc.ontrack = (event) => {
      peer.stream.addTrack(event.track);
      this.publishPeers();
    };
    pc.onconnectionstatechange = () => this.publishPeers();
    if (initiator) {
      pc.addTransceiver(this.audioTrack ?? "audio", { direction: "sendrecv" });
      pc.addTransceiver(this.videoTrack ?? "video", { direction: "sendrecv", sendEncodings: [{ maxBitrate: CAMERA_MAX_BITRATE, maxFramerate: CAMERA_MAX_FRAMERATE }] });
      peer.queue = peer.queue.then(async () => {
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        await this.signal(info.peerId, { type: "offer", sdp: offer.sdp ?? "" });
      });
      // Only this connection's failure: after a move to a large call the same peer id names that person there.
      peer.queue.catch(() => this.peers.get(info.peerId) === peer && this.drop(info.peerId, false));
    }
    this.publishPeers();
    return peer;
  }

  private async signal(to: string, signal: CallSignal): Promise<void> {
    await this.ask("call:signal", { to, signal }).catch(() => undefined);
  }

  private onSignal(from: string, signal: CallSignal): void {
    // A mesh's signal still on its way after the call moved to Janus makes no connection.
    if (this.view.status !== "in-call" || this.large) return;
    const known = this.peers.get(from);
    if (!known && signal.type !== "offer") return;
    const peer = known ?? this.connect(this.known.get(from) ?? { peerId: from, userId: "", name: "Someone", muted: false, camera: false, hostMuted: false }, false);
    this.known.delete(from);
    const { pc } = peer;
    peer.queue = peer.queue
      .then(async () => {
        if (signal.type === "offer") {
          if (pc.signalingState === "have-local-offer") {
            // Both restarted ICE at once: the connection with the smaller id keeps its offer, the other rolls back.
            if ((this.view.you?.peerId ?? "") < from) return;
            await pc.setLocalDescription({ type: "rollback" });
          }
          await pc.setRemoteDescription({ type: "offer", sdp: signal.sdp });
          for (const transceiver of pc.getTransceivers()) {
            const kind = transceiver.receiver.track.kind;
            transceiver.direction = "sendrecv";
            await transceiver.sender.replaceTrack(kind === "audio" ? this.audioTrack : this.videoTrack);
          }
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          await MeshCall.capCamera(pc);
          await this.signal(from, { type: "answer", sdp: answer.sdp ?? "" });
          for (const candidate of peer.pending.splice(0)) await pc.addIceCandidate(candidate);
        } else if (signal.type === "answer") {
          await pc.setRemoteDescription({ type: "answer", sdp: signal.sdp });
          for (const candidate of peer.pending.splice(0)) await pc.addIceCandidate(candidate);
        } else if (signal.type === "candidate" && passesCandidate(signal.candidate.candidate, this.options.loopbackOnly)) {
          if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate);
          else peer.pending.push(signal.candidate);
        }
      })
      .catch(() => undefined);
  }

  private drop(peerId: string, tell: boolean): void {
    this.known.delete(peerId);
    const largePeer = this.largePeers.get(peerId);
    if (largePeer) {
      this.largePeers.delete(peerId);
      this.publishPeers();
      if (tell) this.set({ notice: `${largePeer.name} left the call.` });
      return;
    }
    const peer = this.peers.get(peerId);
    if (!peer) return;
    peer.pc.close();
    this.peers.delete(peerId);
    this.publishPeers();
    if (tell && peer.info.userId) this.set({ notice: `${peer.info.name} left the call.` });
  }

  private onModerated(action: CallModeration, userId: string | undefined, byUserId: string, by: string): void {
    const me = userId === this.options.youUserId;
    if (action === "ended") return this.hangUp(`${by} turned the call off.`, true);
    if (action === "opened") return this.set({ off: false, notice: `${by} turned the call on.` });
    if (this.view.status !== "in-call") return;
    // The call moved to the media server: join again there (the same microphone and settings).
    if (action === "large") return void this.moveToLarge();
    if (action === "removed" && me) return this.hangUp(`${by} removed you from the call.`);
    if (action === "muted-all" && byUserId !== this.options.youUserId) return this.applyMute(true, { notice: `${by} muted everyone.` });
    if (action === "muted" || action === "unmuted") {
      const on = action === "muted";
      if (me) {
        // One view with the microphone off and the reason (one render on a busy page, not two), then the rest.
        const notice = on ? `${by} muted you. You can listen; a host can let you talk again.` : `${by} let you talk again.`;
        if (on) return this.applyMute(true, { hostMuted: true, notice });
        return this.set({ hostMuted: false, notice });
      }
      // Shown at once, on this word alone (in a mesh and in a large call): not after the person's own page has answered it.
      for (const peer of this.peers.values()) if (peer.info.userId === userId) peer.info = { ...peer.info, hostMuted: on };
      for (const [peerId, info] of this.largePeers) if (info.userId === userId) this.largePeers.set(peerId, { ...info, hostMuted: on });
      this.publishPeers();
    }
  }

  private async moveToLarge(): Promise<void> {
    if (this.large || !this.lastSettings) return;
    const settings = { ...this.lastSettings, startMuted: this.view.muted };
    this.release();
    this.set({ ...IDLE_CALL, off: this.view.off, notice: "The call grew: it now goes through the media server." });
    await this.join(settings);
  }

  private applyMute(muted: boolean, view: Partial<CallView> = {}): void {
    if (this.audioTrack) this.audioTrack.enabled = !muted;
    this.set({ ...view, muted });
    void this.large?.setMuted(muted);
    void this.ask("call:update", { muted, camera: this.view.camera }).catch(() => undefined);
  }

  /** Mutes or unmutes; refused (with the reason) while a host has muted this person or there is no microphone. */
  async setMuted(muted: boolean): Promise<string | null> {
    if (!muted && this.view.hostMuted) return "A host muted you: you can talk again once a host lets you.";
    if (!muted && !this.audioTrack) return this.view.mic === "refused" ? "The microphone is blocked for this site: allow it in the browser's site settings." : "No microphone was found.";
    if (this.audioTrack) this.audioTrack.enabled = !muted;
    void this.large?.setMuted(muted);
    this.set({ muted });
    try {
      await this.ask("call:update", { muted, camera: this.view.camera });
      return null;
    } catch (error) {
      if (this.audioTrack) this.audioTrack.enabled = false;
      this.set({ muted: true });
      return (error as Error).message;
    }
  }

  /** Push to talk: the microphone is open only while held. */
  async talk(held: boolean): Promise<void> {
    if (this.talking === held) return;
    this.talking = held;
    await this.setMuted(!held);
  }

  async setCamera(on: boolean, cameraId: string | null): Promise<string | null> {
    if (on) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: cameraId ? { deviceId: { exact: cameraId }, ...CAMERA_CONSTRAINTS } : CAMERA_CONSTRAINTS });
        this.videoTrack?.stop();
        this.videoTrack = stream.getVideoTracks()[0] ?? null;
      } catch (error) {
        const cam = problemOf(error);
        this.set({ cam });
        return cam === "refused" ? "The camera is blocked for this site: allow it in the browser's site settings." : "No camera was found.";
      }
    } else {
      this.videoTrack?.stop();
      this.videoTrack = null;
    }
    await this.replace("video", this.videoTrack);
    const tracks = [this.audioTrack, this.videoTrack].filter((t): t is MediaStreamTrack => t !== null);
    this.set({ camera: on, cam: null, localStream: new MediaStream(tracks) });
    return this.ask("call:update", { muted: this.view.muted, camera: on }).then(
      () => null,
      (error: Error) => error.message,
    );
  }

  /** Another microphone: its track replaces the old one on every connection. */
  async switchMic(micId: string | null): Promise<string | null> {
    if (this.view.status !== "in-call") return null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: micId ? { deviceId: { exact: micId } } : true });
      const track = stream.getAudioTracks()[0] ?? null;
      if (track) track.enabled = !this.view.muted;
      this.audioTrack?.stop();
      this.audioTrack = track;
      this.analyse(track);
      await this.replace("audio", track);
      this.set({ mic: null });
      return null;
    } catch (error) {
      return problemOf(error) === "refused" ? "The microphone is blocked for this site." : "That microphone is not available.";
    }
  }

  private async replace(kind: "audio" | "video", track: MediaStreamTrack | null): Promise<void> {
    if (kind === "audio") await this.large?.replaceMicrophone(track);
    if (kind === "video") await this.large?.setCamera(track).catch(() => undefined);
    for (const peer of this.peers.values()) {
      for (const transceiver of peer.pc.getTransceivers()) {
        if (transceiver.receiver.track.kind === kind && transceiver.currentDirection !== "stopped") await transceiver.sender.replaceTrack(track).catch(() => undefined);
      }
    }
  }

  async leave(reason: string | null = null): Promise<void> {
    if (this.view.status === "idle") return;
    this.hangUp(reason);
    await this.ask("call:leave", {}).catch(() => undefined);
  }

  private cancelRejoin(): void {
    this.rejoin = null;
    clearTimeout(this.rejoinDeadline);
  }

  private hangUp(reason: string | null, off = false): void {
    this.cancelRejoin();
    this.release();
    this.set({ ...IDLE_CALL, off: off || this.view.off, ended: reason, notice: reason ?? "You left the call." });
  }

  /**
   * Lets go of the call at once (the microphone and camera are switched off, so nothing more is sent, and the call's
   * state is cleared for the caller's next view), and stops the devices and closes its connections just after: each RTCPeerConnection's close()
   * blocks the page until WebRTC's threads are done (about 0.5 s each on a busy 2-core machine), which would hold
   * back the view saying why the call ended ("removed you", "rejoining") by a second or more.
   */
  private release(): void {
    const connections = [...this.peers.values()].map((peer) => peer.pc);
    const large = this.large;
    const context = this.context;
    this.peers.clear();
    this.known.clear();
    this.large = null;
    this.largePeers.clear();
    this.talkingIds.clear();
    clearInterval(this.ticker);
    clearTimeout(this.relayTimer);
    // Silent and black at once; the devices themselves stop with the connections (stopping a capture is work too).
    const tracks = [this.audioTrack, this.videoTrack].filter((t): t is MediaStreamTrack => t !== null);
    for (const track of tracks) track.enabled = false;
    this.audioTrack = null;
    this.videoTrack = null;
    this.talking = false;
    this.analyse(null);
    this.context = null;
    // One task each, after the view's: the page stays responsive between them. Not at 0 ms: React renders the
    // caller's view in a task of its own queued after these timers, so a removed page ran its three closes (0.5 s
    // under load) before it said why the call ended; 100 ms later they run after that render.
    for (const track of tracks) setTimeout(() => track.stop(), CLOSE_AFTER_MS);
    for (const pc of connections) setTimeout(() => pc.close(), CLOSE_AFTER_MS);
    if (large) setTimeout(() => large.close(), CLOSE_AFTER_MS);
    if (context) setTimeout(() => void context.close().catch(() => undefined), CLOSE_AFTER_MS);
  }

  dispose(): void {
    this.cancelRejoin();
    this.release();
    for (const off of this.detach.splice(0)) off();
  }
}
