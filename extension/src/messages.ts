/**
 * The messages between the extension's parts: the room page and the app
 * bridge (window.postMessage on the app's origin), the bridge, popup and
 * player and the service worker (chrome.runtime messages).
 */
import type { ClockState } from "../../server/room/party-clock";
import type { LeadCommand } from "./follow";

/** What the room page posts to the bridge, and the bridge answers (window.postMessage, `source` marks ours). */
export type PageMessage =
  | { source: "bwp-page"; type: "hello" }
  | { source: "bwp-page"; type: "link"; partyId: string; title: string; token: string; invite: string | null }
  | { source: "bwp-page"; type: "unlink" };
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
  /** The party's episode, and the viewer's calibration for it on the synced site (ms). */
  episode: number | null;
  offsetMs: number;
}

/** To the service worker. */
export type WorkerRequest =
  | { type: "status" }
  | { type: "link"; partyId: string; title: string; token: string; invite: string | null }
  | { type: "unlink" }
  | { type: "sync-tab"; tabId: number }
  | { type: "stop-tab" }
  | { type: "set-lead"; lead: boolean }
  /** "The party's 0:00 is now": the synced video's current frame is the party's 0:00 of this episode. */
  | { type: "calibrate" }
  | { type: "reset-calibration" }
  /** From the player. */
  | { type: "player-ready" }
  | { type: "player-report"; driftMs: number | null; inSync: boolean }
  | { type: "player-lead"; commands: LeadCommand[] };

/** From the service worker to the synced tab's player. */
export type PlayerRequest =
  | { type: "follow"; clock: ClockState; serverOffsetMs: number; offsetMs: number; lead: boolean }
  | { type: "read-position" }
  | { type: "stop" };
