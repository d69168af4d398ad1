/// <reference types="chrome" />
/**
 * The service worker: the extension's one connection to the party (opened
 * with the link token, never the app's cookie), the server-clock estimate,
 * and the messages to the synced tab's player. docs/extension.md.
 */
import { io, type Socket } from "socket.io-client";
import { estimateOffset, type SyncSample } from "../../server/room/clock-estimator";
import type { ClockState } from "../../server/room/party-clock";
import type { AckResult, ClientEvents, ControlMode, RoomSnapshot, ServerEvents } from "../../server/realtime/protocol";
import { calibrationKey, calibrationOffset } from "./calibration";
import { APP_ORIGIN } from "./config";
import type { LinkStatus, PlayerRequest, WorkerRequest } from "./messages";

type PartySocket = Socket<ServerEvents, ClientEvents>;
type Loose = { emitWithAck(event: string, payload: unknown): Promise<AckResult<unknown>> };

const SYNC_SAMPLES = 8;
const RESYNC_EVERY_MS = 30_000;
/** Tokens live 15 minutes (server/extension/link-token.ts): renewed well before. */
const RENEW_EVERY_MS = 5 * 60_000;

interface Link {
  partyId: string;
  title: string;
  token: string;
  invite: string | null;
}
interface SyncTarget {
  tabId: number;
  origin: string;
}
/** What survives the service worker being stopped and started again (chrome.storage.session: memory only, never on disk). */
interface Saved {
  link: Link | null;
  sync: SyncTarget | null;
  lead: boolean;
}

let saved: Saved = { link: null, sync: null, lead: false };
let socket: PartySocket | null = null;
let clock: ClockState | null = null;
let controlMode: ControlMode = "hosts";
let me: { userId: string; role: string } | null = null;
let samples: SyncSample[] = [];
let serverOffsetMs = 0;
let offsetMs = 0;
let state: LinkStatus["state"] = "unlinked";
let note: string | null = null;
const timers: ReturnType<typeof setInterval>[] = [];

const restored = chrome.storage.session.get("saved").then((stored) => {
  const value = stored.saved as Saved | undefined;
  if (value) saved = value;
  if (saved.link) connect();
});

async function save(patch: Partial<Saved>): Promise<void> {
  saved = { ...saved, ...patch };
  await chrome.storage.session.set({ saved });
}

function status(): LinkStatus {
  return {
    partyId: saved.link?.partyId ?? null,
    title: saved.link?.title ?? null,
    state,
    note,
    syncing: saved.sync ? { origin: saved.sync.origin } : null,
    lead: saved.lead,
    episode: clock?.episode ?? null,
    offsetMs,
  };
}

/** Tells the popup (if open) and the app's pages (the bridge) how the link stands. */
async function announce(): Promise<void> {
  const message = { type: "status-changed", status: status() };
  void chrome.runtime.sendMessage(message).catch(() => undefined);
  for (const tab of await chrome.tabs.query({ url: `${APP_ORIGIN}/*` }).catch(() => [])) {
    if (tab.id !== undefined) void chrome.tabs.sendMessage(tab.id, message).catch(() => undefined);
  }
}

const call = (event: keyof ClientEvents, payload: unknown) => (socket!.timeout(10_000) as unknown as Loose).emitWithAck(event, payload);

function connect(): void {
  if (socket || !saved.link) return;
  state = "connecting";
  note = null;
  const partyId = saved.link.partyId;
  // The token is read on every (re)connection: a renewed one replaces it.
  const s: PartySocket = io(APP_ORIGIN, { transports: ["websocket"], auth: (cb) => cb({ extensionToken: saved.link?.token ?? "" }) });
  socket = s;
  s.on("connect", () => void join(partyId));
  s.on("connect_error", (err) => {
    const code = (err as Error & { data?: { code?: string } }).data?.code;
    if (code === "UNAUTHENTICATED") void end("This link has ended: link the extension again from the room page.");
  });
  s.on("disconnect", (reason) => {
    // The server closed it (an unlink, a sign-out everywhere): ask again once; a void token is refused.
    if (reason === "io server disconnect") s.connect();
  });
  s.on("clock:ping", (_payload, ack) => ack());
  s.on("clock:state", (p) => {
    if (p.partyId !== partyId || (clock && p.clock.version < clock.version)) return;
    controlMode = p.controlMode;
    void setClock(p.clock);
  });
  s.on("member:sanctioned", (p) => {
    if (p.partyId === partyId && p.userId === me?.userId && p.kind === "removed") void end("A host removed you from this party's room.");
  });
  s.on("room:closed", (p) => {
    if (p.partyId === partyId) void end("This party was cancelled.");
  });
  timers.push(setInterval(() => void syncClock(), RESYNC_EVERY_MS), setInterval(() => void renew(), RENEW_EVERY_MS));
  void announce();
}

async function join(partyId: string): Promise<void> {
  const result = await call("room:join", { partyId, ...(saved.link?.invite ? { invite: saved.link.invite } : {}) }).catch(() => null);
  if (!result) return;
  if (!result.ok) return end(result.error.message);
  const snapshot = result.data as RoomSnapshot;
  me = { userId: snapshot.you.userId, role: snapshot.you.role };
  controlMode = snapshot.controlMode;
  state = "following";
  await syncClock();
  await setClock(snapshot.clock);
}

async function syncClock(): Promise<void> {
  for (let i = 0; i < SYNC_SAMPLES && socket?.connected; i++) {
    const t0 = Date.now();
    const result = await call("clock:sync", { clientSentAt: t0 }).catch(() => null);
    if (!result?.ok) continue;
    const data = result.data as { serverReceivedAt: number; serverSentAt: number };
    samples = [...samples.slice(-20), { t0, t1: data.serverReceivedAt, t2: data.serverSentAt, t3: Date.now() }];
  }
  const estimate = estimateOffset(samples);
  if (estimate) serverOffsetMs = estimate.offsetMs;
  await pushToPlayer();
}

async function renew(): Promise<void> {
  if (!socket?.connected || !saved.link) return;
  const result = await call("extension:renew", { token: saved.link.token }).catch(() => null);
  if (result?.ok) await save({ link: { ...saved.link, token: (result.data as { token: string }).token } });
}

async function setClock(next: ClockState): Promise<void> {
  clock = next;
  await loadCalibration();
  await pushToPlayer();
  await announce();
}

async function loadCalibration(): Promise<void> {
  if (!saved.sync || !clock) return void (offsetMs = 0);
  const key = calibrationKey(saved.sync.origin, clock.episode);
  offsetMs = Number((await chrome.storage.local.get(key))[key] ?? 0) || 0;
}

async function toPlayer(message: PlayerRequest): Promise<unknown> {
  if (!saved.sync) return null;
  return chrome.tabs.sendMessage(saved.sync.tabId, message).catch(() => null);
}

async function pushToPlayer(): Promise<void> {
  if (clock && state === "following") await toPlayer({ type: "follow", clock, serverOffsetMs, offsetMs, lead: saved.lead });
}

/** The link is over: the player stops, the token is forgotten. */
async function end(why: string | null): Promise<void> {
  await toPlayer({ type: "stop" });
  for (const timer of timers.splice(0)) clearInterval(timer);
  socket?.removeAllListeners();
  socket?.close();
  socket = null;
  clock = null;
  me = null;
  samples = [];
  state = why ? "ended" : "unlinked";
  note = why;
  await save({ link: null, sync: null });
  await announce();
}

async function injectPlayer(tabId: number): Promise<void> {
  await chrome.scripting.executeScript({ target: { tabId }, files: ["player.js"] });
}

const canLead = () => Boolean(me && (me.role !== "guest" || controlMode === "everyone"));

/** One request, from the room page's bridge, the popup (or the service worker's console), or the synced tab's player. */
async function handle(request: WorkerRequest, from: "bridge" | "popup" | { tabId: number }): Promise<unknown> {
  await restored;
  const fromPlayer = typeof from === "object" && from.tabId === saved.sync?.tabId;
  switch (request.type) {
    case "status":
      return status();
    case "link":
      if (from !== "bridge") return null;
      await end(null);
      await save({ link: { partyId: request.partyId, title: request.title, token: request.token, invite: request.invite } });
      connect();
      return status();
    case "unlink":
      if (from !== "bridge" && from !== "popup") return null;
      if (socket?.connected) await call("extension:unlink", {}).catch(() => null);
      await end(null);
      return status();
    case "sync-tab": {
      if (from !== "popup") return null;
      const tab = await chrome.tabs.get(request.tabId);
      if (!tab.url) return { ...status(), note: "Allow the extension on this site first." };
      if (saved.sync && saved.sync.tabId !== request.tabId) await toPlayer({ type: "stop" });
      await save({ sync: { tabId: request.tabId, origin: new URL(tab.url).origin } });
      await loadCalibration();
      await injectPlayer(request.tabId);
      await announce();
      return status();
    }
    case "stop-tab":
      if (from !== "popup") return null;
      await toPlayer({ type: "stop" });
      await save({ sync: null });
      await announce();
      return status();
    case "set-lead":
      if (from !== "popup") return null;
      await save({ lead: request.lead });
      await pushToPlayer();
      await announce();
      return status();
    case "calibrate":
    case "reset-calibration": {
      if (from !== "popup" || !saved.sync || !clock) return status();
      const key = calibrationKey(saved.sync.origin, clock.episode);
      if (request.type === "reset-calibration") await chrome.storage.local.remove(key);
      else {
        const reading = (await toPlayer({ type: "read-position" })) as { positionMs: number } | null;
        if (reading) await chrome.storage.local.set({ [key]: calibrationOffset({ videoMs: reading.positionMs, partyMs: 0 }) });
      }
      await loadCalibration();
      await pushToPlayer();
      await announce();
      return status();
    }
    case "player-ready":
      if (fromPlayer) await pushToPlayer();
      return null;
    case "player-report":
      if (fromPlayer && socket?.connected && saved.link && state === "following") {
        await call("viewer:report", { partyId: saved.link.partyId, driftMs: request.driftMs, inSync: request.inSync, source: "extension" }).catch(() => null);
      }
      return null;
    case "player-lead":
      if (!fromPlayer || !saved.lead || !saved.link || !socket?.connected) return null;
      if (!canLead()) {
        note = "The host controls playback: your player follows.";
        await announce();
        return null;
      }
      for (const command of request.commands) await call("clock:command", { partyId: saved.link.partyId, command }).catch(() => null);
      return null;
  }
}

chrome.runtime.onMessage.addListener((request: WorkerRequest, sender, reply) => {
  const ownPage = sender.id === chrome.runtime.id && !sender.tab && sender.url?.startsWith(chrome.runtime.getURL(""));
  const fromApp = sender.id === chrome.runtime.id && sender.tab !== undefined && sender.url !== undefined && new URL(sender.url).origin === APP_ORIGIN;
  const from = ownPage ? "popup" : fromApp && (request.type === "link" || request.type === "unlink" || request.type === "status") ? "bridge" : sender.tab?.id !== undefined ? { tabId: sender.tab.id } : null;
  if (from === null) return false;
  handle(request, from).then(reply, () => reply(null));
  return true;
});

// A full navigation in the synced tab (the next episode's page) loses the player: put it back.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (tabId === saved.sync?.tabId && change.status === "complete") void injectPlayer(tabId).catch(() => undefined);
});
chrome.tabs.onRemoved.addListener((tabId) => {
  if (tabId === saved.sync?.tabId) void save({ sync: null }).then(announce);
});

/** The popup's actions, also reachable from the service worker's console (and the browser tests). */
(globalThis as { ballardExtension?: unknown }).ballardExtension = { handle: (request: WorkerRequest) => handle(request, "popup") };
