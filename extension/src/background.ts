/// <reference types="chrome" />
/**
 * The service worker: the extension's one connection to the party (opened
 * with the link token, never the app's cookie), the server-clock estimate,
 * and the messages to the synced tab's player. docs/extension.md.
 */
import { io, type Socket } from "socket.io-client";
import { estimateOffset, type SyncSample } from "../../shared/clock-estimator";
import { positionAt, type ClockState } from "../../shared/party-clock";
import type { ClientEventName, ClientEvents, ClientPayload, ControlMode, ServerEvents } from "../../server/realtime/protocol";
import { roomClient } from "../../shared/room-client";
import { calibrationKey, calibrationOffset } from "./calibration";
import { chooseMainVideo, inAdBreak } from "./choose-video";
import { duckAmount } from "./duck";
import { APP_ORIGIN, APP_PATTERN, TEST_HOOKS } from "./config";
import type { FrameDecision, LinkStatus, PlayerCandidate, PlayerChoice, PlayerRequest, SiteFights, WorkerRequest } from "./messages";
import type { ViewerPoint } from "./panel-model";
import { createPanelRelay, isPanelRequest } from "./panel-relay";

type PartySocket = Socket<ServerEvents, ClientEvents>;

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
  /** Synced on the click's activeTab grant alone (the site's permission refused): not re-injected after a reload. */
  untilReload?: boolean;
  /** The viewer's own choice of video ("frameId:key"), or none for the automatic one. */
  pick?: string | null;
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
/** Frames re-injected this often while a tab is synced (a player frame that loads later gets its script too). */
const REINJECT_EVERY_MS = 3000;
/** A frame that has not reported its videos for this long is gone. */
const FRAME_STALE_MS = 3500;
/** The synced tab's frames and their videos, as each frame last reported them. */
const frames = new Map<number, { at: number; origin: string; candidates: PlayerCandidate[] }>();
let chosenId: string | null = null;
let adBreak = false;
let playerState: LinkStatus["playerState"] = null;
let fights: SiteFights | null = null;
let appAccess = true;
let reinjectTimer: ReturnType<typeof setInterval> | null = null;
/** The synced player's last reading on the party's timeline (for the panel's spoiler shield and where chat is placed). */
let playerAt: { positionMs: number; playing: boolean; at: number } | null = null;

/** Where the viewer is: their synced player, or the party clock while none is read. */
function viewerPoint(): ViewerPoint | null {
  if (!clock) return null;
  if (playerAt) return { episode: clock.episode, positionMs: playerAt.positionMs, at: playerAt.at, playing: playerAt.playing, fromPlayer: true };
  const now = Date.now();
  return { episode: clock.episode, positionMs: positionAt(clock, now + serverOffsetMs), at: now, playing: clock.playing, fromPlayer: false };
}

/** The panel beside the player (panel.ts), in the synced tab's top frame. */
const panel = createPanelRelay({
  push: (message) => {
    if (saved.sync) void chrome.tabs.sendMessage(saved.sync.tabId, message, { frameId: 0 }).catch(() => undefined);
  },
  call: (event, payload) => call(event, payload),
  viewer: viewerPoint,
  serverOffsetMs: () => serverOffsetMs,
});

const restored = chrome.storage.session.get("saved").then((stored) => {
  const value = stored.saved as Saved | undefined;
  if (value) saved = value;
  if (saved.link) connect();
  if (saved.sync) keepInjecting();
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
    players: choices(),
    picked: Boolean(saved.sync?.pick),
    playerState: saved.sync ? playerState : null,
    fights: saved.sync ? fights : null,
    untilReload: Boolean(saved.sync?.untilReload),
    needsAppAccess: !appAccess,
    episode: clock?.episode ?? null,
    offsetMs,
  };
}

/** The app's pages open in this browser (the pattern may match other ports of its host: filtered to the origin). */
async function appTabs(): Promise<chrome.tabs.Tab[]> {
  const tabs = await chrome.tabs.query({ url: APP_PATTERN }).catch(() => []);
  return tabs.filter((tab) => tab.url !== undefined && new URL(tab.url).origin === APP_ORIGIN);
}

/** Tells the popup (if open) and the app's pages (the bridge) how the link stands. */
async function announce(): Promise<void> {
  const message = { type: "status-changed", status: status() };
  void chrome.runtime.sendMessage(message).catch(() => undefined);
  for (const tab of await appTabs()) {
    if (tab.id !== undefined) void chrome.tabs.sendMessage(tab.id, message).catch(() => undefined);
  }
}

/** The room's events, typed by the event (shared/room-client.ts). */
const call = <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => roomClient(socket!).call(event, payload);

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
    if (code === "UNAUTHENTICATED" && socket === s) void end("This link has ended: link the extension again from the room page.");
  });
  s.on("disconnect", (reason) => {
    // The server closed it (an unlink, a sign-out everywhere): ask again once; a void token is refused.
    if (reason === "io server disconnect" && socket === s) s.connect();
  });
  s.on("clock:ping", (_payload, ack) => ack());
  panel.attach(s, partyId);
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
  const snapshot = result.data;
  me = { userId: snapshot.you.userId, role: snapshot.you.role };
  controlMode = snapshot.controlMode;
  state = "following";
  await syncClock();
  await setClock(snapshot.clock);
  await panel.joined(snapshot);
}

async function syncClock(): Promise<void> {
  for (let i = 0; i < SYNC_SAMPLES && socket?.connected; i++) {
    const t0 = Date.now();
    const result = await call("clock:sync", { clientSentAt: t0 }).catch(() => null);
    if (!result?.ok) continue;
    const { data } = result;
    samples = [...samples.slice(-20), { t0, t1: data.serverReceivedAt, t2: data.serverSentAt, t3: Date.now() }];
  }
  const estimate = estimateOffset(samples);
  if (estimate) serverOffsetMs = estimate.offsetMs;
  await pushToPlayer();
}

async function renew(): Promise<void> {
  if (!socket?.connected || !saved.link) return;
  const result = await call("extension:renew", { token: saved.link.token }).catch(() => null);
  if (result?.ok) await save({ link: { ...saved.link, token: result.data.token } });
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

/** To every frame of the synced tab, or to one. */
async function toPlayer(message: PlayerRequest, frameId?: number): Promise<unknown> {
  if (!saved.sync) return null;
  const options = frameId === undefined ? {} : { frameId };
  return chrome.tabs.sendMessage(saved.sync.tabId, message, options).catch(() => null);
}

async function pushToPlayer(): Promise<void> {
  if (clock && state === "following") await toPlayer({ type: "follow", clock, serverOffsetMs, offsetMs, lead: saved.lead });
}

/**
 * The link is over: the player stops, the token is forgotten. The socket and
 * the state change before anything is awaited, so the last end to start wins:
 * an unlink is not overwritten by an "ended" from the connection the server
 * closed while the unlink was under way (its reconnect is refused).
 */
async function end(why: string | null): Promise<void> {
  for (const timer of timers.splice(0)) clearInterval(timer);
  const closing = socket;
  socket = null;
  closing?.removeAllListeners();
  closing?.close();
  clock = null;
  me = null;
  samples = [];
  playerAt = null;
  panel.reset();
  state = why ? "ended" : "unlinked";
  note = why;
  await toPlayer({ type: "stop" });
  await save({ link: null, sync: null });
  await announce();
}

async function injectPlayer(tabId: number): Promise<void> {
  // Every frame the extension may reach: the page's own, and those of sites it was given (or the click's activeTab covers).
  await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: ["player.js"] });
  // The panel beside the player: the tab's own page only (it holds itself once: panel.ts).
  await chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ["panel.js"] });
}

function forgetFrames(): void {
  frames.clear();
  playerAt = null;
  chosenId = null;
  adBreak = false;
  playerState = null;
  fights = null;
}

/** The tab's player, across its frames: the viewer's pick while it is there, else the one a person would pick (choose-video.ts). */
function decide(): void {
  const now = Date.now();
  for (const [frameId, frame] of frames) if (now - frame.at > FRAME_STALE_MS) frames.delete(frameId);
  const all = [...frames].flatMap(([frameId, frame]) => frame.candidates.map((c) => ({ ...c, id: `${frameId}:${c.key}` })));
  const picked = saved.sync?.pick ? all.find((c) => c.id === saved.sync?.pick) : undefined;
  const chosen = picked ?? chooseMainVideo(all);
  const before = `${chosenId}|${adBreak}|${all.length}`;
  chosenId = chosen?.id ?? null;
  adBreak = inAdBreak(all, chosen ?? null);
  if (`${chosenId}|${adBreak}|${all.length}` !== before) void announce();
}

function choices(): PlayerChoice[] {
  if (!saved.sync) return [];
  return [...frames].flatMap(([frameId, frame]) =>
    frame.candidates.map((c) => {
      const id = `${frameId}:${c.key}`;
      return { id, label: c.label, frame: frameId === 0 ? null : frame.origin, chosen: id === chosenId, ad: c.ad, preview: c.preview };
    }),
  );
}

function decisionFor(frameId: number): FrameDecision {
  const [chosenFrame, chosenKey] = chosenId ? chosenId.split(":") : [null, null];
  return { frameId, chosenKey: chosenFrame === String(frameId) ? chosenKey! : null, adBreak, anyChosen: chosenId !== null };
}

function keepInjecting(): void {
  if (reinjectTimer) clearInterval(reinjectTimer);
  reinjectTimer = setInterval(() => {
    if (saved.sync) void injectPlayer(saved.sync.tabId).catch(() => undefined);
  }, REINJECT_EVERY_MS);
}

/** Firefox asks the user for host permissions (also the app's own origin): without it the bridge cannot run on the room page. */
async function checkAppAccess(): Promise<boolean> {
  appAccess = await chrome.permissions.contains({ origins: [APP_PATTERN] }).catch(() => true);
  return appAccess;
}

/** Puts the bridge on the app's pages already open (after the app's origin was granted). */
async function bridgeOpenAppTabs(): Promise<void> {
  for (const tab of await appTabs()) {
    if (tab.id !== undefined) void chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ["app-bridge.js"] }).catch(() => undefined);
  }
}

const canLead = () => Boolean(me && (me.role !== "guest" || controlMode === "everyone"));

/** One request, from the room page's bridge, the popup (or the service worker's console), or the synced tab's player. */
async function handle(request: WorkerRequest, from: "bridge" | "popup" | { tabId: number; frameId: number }): Promise<unknown> {
  await restored;
  const fromPlayer = typeof from === "object" && from.tabId === saved.sync?.tabId;
  const frameId = typeof from === "object" ? from.frameId : -1;
  // The panel: the synced tab's own page only.
  if (isPanelRequest(request)) return fromPlayer && frameId === 0 ? panel.handle(request) : null;
  switch (request.type) {
    case "status":
      await checkAppAccess();
      return status();
    case "link":
      if (from !== "bridge") return null;
      await end(null);
      await save({ link: { partyId: request.partyId, title: request.title, token: request.token, invite: request.invite } });
      connect();
      return status();
    case "duck": {
      // From the linked party's room page only: the synced tab's player lowers its volume (duck.ts).
      const amount = duckAmount(request.amount);
      if (from !== "bridge" || amount === null || !saved.link) return null;
      await toPlayer({ type: "duck", amount });
      return null;
    }
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
      forgetFrames();
      await save({ sync: { tabId: request.tabId, origin: new URL(tab.url).origin, untilReload: request.siteGranted === false, pick: null } });
      await loadCalibration();
      await injectPlayer(request.tabId);
      keepInjecting();
      await announce();
      return status();
    }
    case "test-sync":
      if (!TEST_HOOKS || typeof from !== "object" || from.frameId !== 0) return null;
      return handle({ type: "sync-tab", tabId: from.tabId }, "popup");
    case "pick-player": {
      if (from !== "popup" || !saved.sync) return status();
      await save({ sync: { ...saved.sync, pick: request.id } });
      decide();
      await announce();
      return status();
    }
    case "stop-tab":
      if (from !== "popup") return null;
      await toPlayer({ type: "stop" });
      if (reinjectTimer) clearInterval(reinjectTimer);
      forgetFrames();
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
        const reading = (chosenId ? await toPlayer({ type: "read-position" }, Number(chosenId.split(":")[0])) : null) as { positionMs: number } | null;
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
    case "player-candidates":
      if (!fromPlayer) return null;
      frames.set(frameId, { at: Date.now(), origin: request.origin, candidates: request.candidates.slice(0, 50) });
      decide();
      return decisionFor(frameId);
    case "player-report": {
      if (!fromPlayer) return null;
      const decision = decisionFor(frameId);
      // The frame holding the player reports; the top frame does when none holds one.
      if (decision.chosenKey === null && !(frameId === 0 && !decision.anyChosen)) return null;
      playerAt = request.at ? { ...request.at, at: Date.now() } : null;
      panel.viewerMoved();
      if (playerState !== request.state || JSON.stringify(fights) !== JSON.stringify(request.fights)) {
        playerState = request.state;
        fights = request.fights;
        void announce();
      }
      if (socket?.connected && saved.link && state === "following") {
        await call("viewer:report", { partyId: saved.link.partyId, driftMs: request.driftMs, inSync: request.inSync, source: "extension" }).catch(() => null);
      }
      return null;
    }
    case "player-lead":
      if (!fromPlayer || decisionFor(frameId).chosenKey === null || !saved.lead || !saved.link || !socket?.connected) return null;
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
  // The extension's own pages (the popup, also when opened in a tab): only they have its address.
  const ownPage = sender.id === chrome.runtime.id && sender.url?.startsWith(chrome.runtime.getURL(""));
  const fromApp = sender.id === chrome.runtime.id && sender.tab !== undefined && sender.url !== undefined && new URL(sender.url).origin === APP_ORIGIN;
  const from = ownPage ? "popup" : fromApp && (request.type === "link" || request.type === "unlink" || request.type === "status" || request.type === "duck") ? "bridge" : sender.tab?.id !== undefined ? { tabId: sender.tab.id, frameId: sender.frameId ?? 0 } : null;
  if (from === null) return false;
  handle(request, from).then(reply, () => reply(null));
  return true;
});

// A full navigation in the synced tab (the next episode's page) loses the player: put it back.
// Without the site's permission (activeTab only), the reloaded page is not the viewer's to give: syncing stops there.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (tabId !== saved.sync?.tabId || change.status !== "complete") return;
  forgetFrames();
  void injectPlayer(tabId).catch(() => {
    if (saved.sync?.untilReload) {
      note = "The page reloaded: press “Sync this tab's video” again (or allow the site to keep syncing after a reload).";
      if (reinjectTimer) clearInterval(reinjectTimer);
      void save({ sync: null }).then(announce);
    }
  });
});
chrome.tabs.onRemoved.addListener((tabId) => {
  if (tabId !== saved.sync?.tabId) return;
  if (reinjectTimer) clearInterval(reinjectTimer);
  forgetFrames();
  void save({ sync: null }).then(announce);
});

// Firefox: the app's origin may not be granted at install (a temporary add-on, or the user said no): the popup asks for it.
void checkAppAccess();
chrome.runtime.onInstalled.addListener(() => {
  void checkAppAccess().then((granted) => (granted ? undefined : chrome.tabs.create({ url: chrome.runtime.getURL("popup.html?first-run") })));
});
chrome.permissions.onAdded.addListener(() => void checkAppAccess().then((granted) => (granted ? bridgeOpenAppTabs().then(announce) : undefined)));
chrome.permissions.onRemoved.addListener(() => void checkAppAccess().then(announce));

/** The popup's actions, also reachable from the service worker's console (and the browser tests). */
(globalThis as { ballardExtension?: unknown }).ballardExtension = {
  handle: (request: WorkerRequest) => handle(request, "popup"),
  /** Where the party is, as this extension sees it (for the worker's console and the browser tests). */
  clock: () => ({ clock, serverOffsetMs, offsetMs }),
};
