/**
 * The messages between the extension's parts: the room page and the app
 * bridge (window.postMessage on the app's origin), the bridge, popup and
 * player and the service worker (chrome.runtime messages).
 */
import type { ClockState } from "../../shared/party-clock";
import type { VideoFacts } from "./choose-video";
import type { LeadCommand } from "./follow";
import type { PanelRequest } from "./panel-relay";

/** One <video> a frame of the synced tab reports (its key is the frame's own). */
export interface PlayerCandidate extends VideoFacts {
  key: string;
  label: string;
  ad: boolean;
  preview: boolean;
}

/** The worker's answer to a frame's report: whether it holds the tab's player, and whether the tab is in an ad break. */
export interface FrameDecision {
  frameId: number | null;
  chosenKey: string | null;
  adBreak: boolean;
  /** Whether any frame holds the player. */
  anyChosen: boolean;
}

/** A video of the synced tab as the popup lists it. */
export interface PlayerChoice {
  id: string;
  label: string;
  /** Null on the tab's own page; a frame's origin otherwise. */
  frame: string | null;
  chosen: boolean;
  ad: boolean;
  preview: boolean;
}

export interface SiteFights {
  rateOverrides: number;
  resumes: number;
  rateHeld: boolean;
}

/** What the room page posts to the bridge, and the bridge answers (window.postMessage, `source` marks ours). */
export type PageMessage =
  | { source: "bwp-page"; type: "hello" }
  | { source: "bwp-page"; type: "link"; partyId: string; title: string; token: string; invite: string | null }
  | { source: "bwp-page"; type: "unlink" }
  /** Someone else talks in the room's call: lower the streaming player by this share (0: back). duck.ts */
  | { source: "bwp-page"; type: "duck"; amount: number }
  /** Test builds only (config.ts TEST_HOOKS): sync this very tab. */
  | { source: "bwp-page"; type: "test-sync" };
export type BridgeMessage = { source: "bwp-extension"; type: "status"; status: LinkStatus };

export interface LinkStatus {
  /** The party the extension follows, or null when unlinked. */
  partyId: string | null;
  title: string | null;
  state: "unlinked" | "connecting" | "following" | "ended";
  /** Why the link ended or why following stopped (for the popup and the room page). */
  note: string | null;
  /** The page whose player follows, if any. */
  syncing: { origin: string } | null;
  lead: boolean;
  /** The synced tab's videos (every frame's), which one follows and whether the viewer picked it. */
  players: PlayerChoice[];
  picked: boolean;
  /** What the followed player does: follows, waits through an ad, or none found yet. */
  playerState: "following" | "ad" | "loading" | "no-player" | null;
  fights: SiteFights | null;
  /** Synced with the tab's activeTab grant only: re-syncing after a reload needs the site's permission. */
  untilReload: boolean;
  /** Firefox: the app's origin is not granted yet, so the room page cannot find the extension. */
  needsAppAccess: boolean;
  /** The party's episode, and the viewer's calibration for it on the synced site (ms). */
  episode: number | null;
  offsetMs: number;
}

/** To the service worker. */
export type WorkerRequest =
  | { type: "status" }
  | { type: "link"; partyId: string; title: string; token: string; invite: string | null }
  | { type: "unlink" }
  | { type: "duck"; amount: number }
  | { type: "sync-tab"; tabId: number; siteGranted?: boolean }
  /** The viewer's choice of video (an id from `players`), or null for the automatic one. */
  | { type: "pick-player"; id: string | null }
  | { type: "test-sync" }
  | { type: "stop-tab" }
  | { type: "set-lead"; lead: boolean }
  /** "The party's 0:00 is now": the synced video's current frame is the party's 0:00 of this episode. */
  | { type: "calibrate" }
  | { type: "reset-calibration" }
  /** From the player. */
  | { type: "player-ready" }
  | { type: "player-candidates"; candidates: PlayerCandidate[]; origin: string }
  | {
      type: "player-report";
      driftMs: number | null;
      inSync: boolean;
      state: "following" | "ad" | "loading" | "no-player";
      fights: SiteFights;
      /** Where the player is on the party's timeline (its position, calibration taken off), for the panel's spoiler shield; null when none is read. */
      at?: { positionMs: number; playing: boolean } | null;
    }
  | { type: "player-lead"; commands: LeadCommand[] }
  /** From the panel beside the player (panel-relay.ts). */
  | PanelRequest;

/** From the service worker to the synced tab's player. */
export type PlayerRequest =
  | { type: "follow"; clock: ClockState; serverOffsetMs: number; offsetMs: number; lead: boolean }
  | { type: "read-position" }
  | { type: "duck"; amount: number }
  | { type: "stop" };
