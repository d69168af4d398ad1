/// <reference types="chrome" />
/**
 * Injected into the tab the viewer chose to sync (chrome.scripting, on the
 * viewer's request): finds the page's main video and keeps it on the party
 * clock, reports its drift, and, when the viewer lets their player lead,
 * turns their own play, pause and seek into clock commands.
 */
import type { ClockState } from "../../server/room/party-clock";
import { adapterFor } from "./adapters";
import { followStep, leadCommands } from "./follow";
import type { PlayerRequest, WorkerRequest } from "./messages";

const TICK_MS = 250;
const REPORT_EVERY_MS = 2000;
/** How long the follower waits for the clock to answer a command the viewer's player sent. */
const LEAD_WAIT_MS = 3000;

interface Following {
  clock: ClockState;
  serverOffsetMs: number;
  offsetMs: number;
  lead: boolean;
}

type Marked = Window & { __ballardPlayer?: true };

function start(): void {
  if ((window as Marked).__ballardPlayer) {
    void send({ type: "player-ready" });
    return;
  }
  (window as Marked).__ballardPlayer = true;
  const adapter = adapterFor(new URL(location.href));
  let following: Following | null = null;
  let video: HTMLVideoElement | null = null;
  let lastReport = 0;
  /** The follower's own seeks, so that their `seeked` is not taken for the viewer's. */
  let ownSeeks = 0;
  /** After a lead command: the clock version it was sent against, until the clock answers. */
  let waitingFor: { version: number; until: number } | null = null;

  const serverNow = () => Date.now() + (following?.serverOffsetMs ?? 0);

  function onViewerAction(event: Event) {
    if (!following?.lead || !video || event.target !== video) return;
    if (event.type === "seeked" && ownSeeks > 0) {
      ownSeeks -= 1;
      return;
    }
    // Our own play() and pause() agree with the clock, so they send nothing (leadCommands).
    const commands = leadCommands({
      event: event.type as "play" | "pause" | "seeked",
      clock: following.clock,
      serverNowMs: serverNow(),
      offsetMs: following.offsetMs,
      playerMs: video.currentTime * 1000,
    });
    if (commands.length === 0) return;
    waitingFor = { version: following.clock.version, until: Date.now() + LEAD_WAIT_MS };
    void send({ type: "player-lead", commands });
  }

  function watch(next: HTMLVideoElement | null) {
    if (next === video) return;
    for (const type of ["play", "pause", "seeked"]) video?.removeEventListener(type, onViewerAction);
    video = next;
    ownSeeks = 0;
    for (const type of ["play", "pause", "seeked"]) video?.addEventListener(type, onViewerAction);
  }

  function tick() {
    if (!following) return;
    watch(adapter.findVideo(document) ?? (video?.isConnected ? video : null));
    if (!video || video.readyState < 1) return report(null, false);
    if (waitingFor && following.clock.version === waitingFor.version && Date.now() < waitingFor.until) return;
    waitingFor = null;
    const step = followStep({
      clock: following.clock,
      serverNowMs: serverNow(),
      offsetMs: following.offsetMs,
      player: { positionMs: video.currentTime * 1000, paused: video.paused, rate: video.playbackRate },
    });
    for (const action of step.actions) {
      if (action.kind === "play") void video.play().catch(() => undefined);
      else if (action.kind === "pause") video.pause();
      else if (action.kind === "rate") video.playbackRate = action.rate;
      else {
        ownSeeks += 1;
        adapter.seek(video, action.positionMs / 1000);
      }
    }
    report(step.driftMs, step.inSync);
  }

  function report(driftMs: number | null, inSync: boolean) {
    if (Date.now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = Date.now();
    void send({ type: "player-report", driftMs, inSync });
  }

  const timer = setInterval(tick, TICK_MS);
  const listener = (message: PlayerRequest, _sender: chrome.runtime.MessageSender, reply: (answer: unknown) => void) => {
    if (message.type === "follow") {
      following = { clock: message.clock, serverOffsetMs: message.serverOffsetMs, offsetMs: message.offsetMs, lead: message.lead };
      tick();
    } else if (message.type === "read-position") {
      const found = video ?? adapter.findVideo(document);
      reply(found ? { positionMs: found.currentTime * 1000 } : null);
    } else if (message.type === "stop") {
      following = null;
      clearInterval(timer);
      if (video) video.playbackRate = 1;
      watch(null);
      chrome.runtime.onMessage.removeListener(listener);
      delete (window as Marked).__ballardPlayer;
    }
    return false;
  };
  chrome.runtime.onMessage.addListener(listener);
  void send({ type: "player-ready" });
}

function send(message: WorkerRequest): Promise<unknown> {
  return chrome.runtime.sendMessage(message).catch(() => undefined);
}

start();
