/// <reference types="chrome" />
/**
 * Injected into every frame of the tab the viewer chose to sync
 * (chrome.scripting, allFrames, on the viewer's request). Each frame reports
 * its videos (shadow roots included) to the service worker, which chooses
 * the tab's player across frames (choose-video.ts) and tells each frame
 * whether it holds it. The frame that does keeps that video on the party
 * clock, holds it there against a site that puts back its own rate or
 * resumes playback, waits through ad breaks, reports the drift, and, when the
 * viewer lets their player lead, turns their own play, pause and seek into
 * clock commands.
 */
import type { ClockState } from "../../shared/party-clock";
import { adapterFor } from "./adapters";
import { isAdVideo, isPreview, type VideoFacts } from "./choose-video";
import { FRESH_MEMORY, followStep, leadCommands, type FollowMemory } from "./follow";
import { createDucker } from "./duck";
import type { FrameDecision, PlayerCandidate, PlayerRequest, WorkerRequest } from "./messages";

const TICK_MS = 250;
const SCAN_EVERY_MS = 1000;
const REPORT_EVERY_MS = 2000;
/** How long the follower waits for the clock to answer a command the viewer's player sent. */
const LEAD_WAIT_MS = 3000;
/** After the site put its own rate back: corrected by seeks only, for this long (then rate is tried again). */
const RATE_HELD_FOR_MS = 30_000;

interface Following {
  clock: ClockState;
  serverOffsetMs: number;
  offsetMs: number;
  lead: boolean;
}

type Marked = Window & { __ballardPlayer?: true };

function describe(video: HTMLVideoElement, facts: VideoFacts): string {
  const named = video.getAttribute("aria-label") || video.title || video.closest("[aria-label]")?.getAttribute("aria-label");
  const box = video.getBoundingClientRect();
  const length = facts.durationS > 0 ? `, ${Math.floor(facts.durationS / 60)}:${String(Math.floor(facts.durationS % 60)).padStart(2, "0")}` : "";
  return `${named ? `“${named.slice(0, 60)}” ` : ""}${Math.round(box.width)}×${Math.round(box.height)}${length}${facts.muted ? ", muted" : ""}`;
}

function start(): void {
  if ((window as Marked).__ballardPlayer) return;
  (window as Marked).__ballardPlayer = true;
  const adapter = adapterFor(new URL(location.href));
  const keys = new WeakMap<HTMLVideoElement, string>();
  const byKey = new Map<string, HTMLVideoElement>();
  let nextKey = 1;
  let following: Following | null = null;
  let decision: FrameDecision = { frameId: null, chosenKey: null, adBreak: false, anyChosen: false };
  let video: HTMLVideoElement | null = null;
  let lastReport = 0;
  let lastScan = 0;
  let memory: FollowMemory = FRESH_MEMORY;
  /** The rate the follower last set, to tell the site's own changes from ours. */
  let wantedRate: number | null = null;
  let rateHeldUntil = 0;
  /** How often the site fought back (for the popup). */
  const fights = { rateOverrides: 0, resumes: 0 };
  /** The follower's own seeks, so that their `seeked` is not taken for the viewer's. */
  let ownSeeks = 0;
  /** After a lead command: the clock version it was sent against, until the clock answers. */
  let waitingFor: { version: number; until: number } | null = null;

  const serverNow = () => Date.now() + (following?.serverOffsetMs ?? 0);
  const keyOf = (element: HTMLVideoElement) => {
    let key = keys.get(element);
    if (!key) {
      key = `v${nextKey++}`;
      keys.set(element, key);
    }
    byKey.set(key, element);
    return key;
  };

  function facts(element: HTMLVideoElement): VideoFacts {
    const width = document.documentElement.clientWidth || innerWidth;
    const height = document.documentElement.clientHeight || innerHeight;
    const box = element.getBoundingClientRect();
    const w = Math.max(0, Math.min(box.right, width) - Math.max(box.left, 0));
    const h = Math.max(0, Math.min(box.bottom, height) - Math.max(box.top, 0));
    const hidden = element.checkVisibility ? !element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : false;
    return {
      visibleArea: hidden ? 0 : w * h,
      viewportArea: width * height,
      playing: !element.paused && !element.ended && element.readyState > 2,
      durationS: Number.isFinite(element.duration) ? element.duration : 0,
      muted: element.muted || element.volume === 0,
      loop: element.loop,
      adMarked: adapter.isAd(element),
    };
  }

  async function scan(): Promise<void> {
    lastScan = Date.now();
    byKey.clear();
    const candidates: PlayerCandidate[] = adapter.findVideos(document).map((element) => {
      const f = facts(element);
      return { ...f, key: keyOf(element), label: describe(element, f), ad: isAdVideo(f), preview: isPreview(f) };
    });
    const answer = (await send({ type: "player-candidates", candidates, origin: location.origin })) as FrameDecision | null;
    if (answer) decision = answer;
  }

  function onEvent(event: Event) {
    if (!following || !video || event.target !== video) return;
    if (event.type === "ratechange") {
      if (wantedRate !== null && Math.abs(video.playbackRate - wantedRate) > 1e-3) {
        fights.rateOverrides += 1;
        rateHeldUntil = Date.now() + RATE_HELD_FOR_MS;
        wantedRate = null;
      }
      return;
    }
    // A site that resumes playback by itself while the party is paused: paused again at once, not a tick later.
    if (event.type === "play" && !following.clock.playing && !following.lead && !decision.adBreak) {
      fights.resumes += 1;
      adapter.pause(video);
      return;
    }
    if (!following.lead) return;
    if (event.type === "seeked" && ownSeeks > 0) {
      ownSeeks -= 1;
      return;
    }
    if (event.type === "ratechange") return;
    // Our own play() and pause() agree with the clock, so they send nothing (leadCommands).
    const commands = leadCommands({
      event: event.type as "play" | "pause" | "seeked",
      clock: following.clock,
      serverNowMs: serverNow(),
      offsetMs: following.offsetMs,
      playerMs: adapter.readTime(video) * 1000,
    });
    if (commands.length === 0) return;
    waitingFor = { version: following.clock.version, until: Date.now() + LEAD_WAIT_MS };
    void send({ type: "player-lead", commands });
  }

  const EVENTS = ["play", "pause", "seeked", "ratechange"];
  function watch(next: HTMLVideoElement | null) {
    if (next === video) return;
    for (const type of EVENTS) video?.removeEventListener(type, onEvent);
    video = next;
    ownSeeks = 0;
    wantedRate = null;
    memory = FRESH_MEMORY;
    for (const type of EVENTS) video?.addEventListener(type, onEvent);
  }

  function tick() {
    if (Date.now() - lastScan >= SCAN_EVERY_MS) void scan();
    if (!following) return;
    const chosen = decision.chosenKey ? (byKey.get(decision.chosenKey) ?? null) : null;
    watch(chosen?.isConnected ? chosen : null);
    // The site's ad markers are seen here at once (the worker's decision follows within a second).
    const localAd = [...byKey.values()].some((element) => {
      if (!element.isConnected || (element !== video && element.paused)) return false;
      const f = facts(element);
      return f.visibleArea > 0 && isAdVideo(f) && !isPreview(f);
    });
    if (localAd && !decision.adBreak) void scan();
    if (decision.adBreak || localAd) {
      // An ad: nothing is touched; the episode is put back on the clock after it.
      memory = FRESH_MEMORY;
      if (video || (decision.frameId === 0 && !decision.anyChosen)) report(null, false, "ad");
      return;
    }
    if (!video) {
      if (decision.frameId === 0 && !decision.anyChosen) report(null, false, "no-player");
      return;
    }
    if (video.readyState < 1) return report(null, false, "loading");
    if (waitingFor && following.clock.version === waitingFor.version && Date.now() < waitingFor.until) return;
    waitingFor = null;
    const step = followStep({
      clock: following.clock,
      serverNowMs: serverNow(),
      offsetMs: following.offsetMs,
      player: { positionMs: adapter.readTime(video) * 1000, paused: video.paused, rate: video.playbackRate },
      rateHeld: Date.now() < rateHeldUntil,
      memory,
      nowMs: Date.now(),
    });
    memory = step.memory;
    for (const action of step.actions) {
      if (action.kind === "play") adapter.play(video);
      else if (action.kind === "pause") adapter.pause(video);
      else if (action.kind === "rate") {
        wantedRate = action.rate;
        adapter.setRate(video, action.rate);
      } else {
        ownSeeks += 1;
        adapter.seek(video, action.positionMs / 1000);
      }
    }
    report(step.driftMs, step.inSync, "following");
  }

  function report(driftMs: number | null, inSync: boolean, state: "following" | "ad" | "loading" | "no-player") {
    if (Date.now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = Date.now();
    const at = video && following && state === "following" ? { positionMs: adapter.readTime(video) * 1000 - following.offsetMs, playing: !video.paused } : null;
    void send({ type: "player-report", driftMs, inSync, state, fights: { ...fights, rateHeld: Date.now() < rateHeldUntil }, at });
  }

  const timer = setInterval(tick, TICK_MS);
  const ducker = createDucker();
  const listener = (message: PlayerRequest, _sender: chrome.runtime.MessageSender, reply: (answer: unknown) => void) => {
    if (message.type === "follow") {
      following = { clock: message.clock, serverOffsetMs: message.serverOffsetMs, offsetMs: message.offsetMs, lead: message.lead };
      tick();
    } else if (message.type === "duck") {
      ducker.apply(video, message.amount);
    } else if (message.type === "read-position") {
      if (!video) return false;
      reply({ positionMs: adapter.readTime(video) * 1000 });
    } else if (message.type === "stop") {
      following = null;
      clearInterval(timer);
      if (video) adapter.setRate(video, 1);
      watch(null);
      chrome.runtime.onMessage.removeListener(listener);
      delete (window as Marked).__ballardPlayer;
    }
    return false;
  };
  chrome.runtime.onMessage.addListener(listener);
  void scan().then(() => send({ type: "player-ready" }));
}

function send(message: WorkerRequest): Promise<unknown> {
  return chrome.runtime.sendMessage(message).catch(() => undefined);
}

start();
