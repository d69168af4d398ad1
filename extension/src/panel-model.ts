/**
 * The party as the panel beside the player shows it (pure): the worker keeps
 * one from the party connection's events and hands it to the panel, which
 * applies the same events (`applyPanelEvent`). docs/extension.md, "The panel".
 */
import { formatTimecode } from "../../shared/format-timecode";
import { isSpoilerFor, type ShowPoint, type SpoilerMemory } from "../../shared/spoiler";
import type { HistoryMessage, PlayerView, PresenceEntry, PublicRoundView } from "../../server/realtime/protocol";
import type { PublicMoment } from "../../server/trivia/moments";
import type { AnswerInput } from "../../server/trivia/round";
import { withResult, type AskedMoment } from "../../shared/trivia-moments";

/** How many messages the panel keeps (the room keeps the rest). */
export const PANEL_MESSAGES = 60;

/** Where the viewer's own player is in the show (party time, calibration taken off), as last read. */
export interface ViewerPoint extends ShowPoint {
  /** Date.now() when read. */
  at: number;
  playing: boolean;
  /** Read from the synced player (true), or the party clock while no player is read (false). */
  fromPlayer: boolean;
}

export interface PanelModel {
  partyId: string;
  title: string;
  me: { userId: string; role: string; muted: boolean };
  messages: HistoryMessage[];
  presence: PresenceEntry[];
  /** "Ann paused at 12:31.": the last play, pause, jump or episode change, and who did it. */
  lastAction: string | null;
  round: PublicRoundView | null;
  you: PlayerView | null;
  viewer: ViewerPoint | null;
  /** The server's clock minus this browser's (ms), for trivia's opening time. */
  serverOffsetMs: number;
  /** The live round's questions pinned to episode moments (asked when the viewer's player gets there). */
  moments: PublicMoment[];
  /** Those asked of this viewer, with their time and result. */
  asked: AskedMoment[];
}

export type PanelEvent =
  | { kind: "model"; model: PanelModel | null }
  | { kind: "message"; message: HistoryMessage }
  | { kind: "deleted"; messageId: string }
  | { kind: "presence"; presence: PresenceEntry[] }
  | { kind: "action"; text: string }
  | { kind: "muted"; muted: boolean }
  | { kind: "round"; round: PublicRoundView | null }
  | { kind: "you"; you: PlayerView }
  | { kind: "answered"; roundId: string; index: number; answeredCount: number }
  | { kind: "viewer"; viewer: ViewerPoint; serverOffsetMs: number }
  | { kind: "moments"; moments: PublicMoment[] }
  | { kind: "moment-shown"; pinId: string; shownAt: number; closesAt: number }
  /** Answered here (the acknowledgement) or on another of this person's screens (with the server's times). */
  | { kind: "moment-answered"; pinId: string; correct: boolean; points: number; shownAt?: number; closesAt?: number }
  /** Transient: floats over the video, kept nowhere. */
  | { kind: "reaction"; emoji: string; userId: string };

/** The model after one event (a new object when anything changed; null stays null but for "model"). */
export function applyPanelEvent(model: PanelModel | null, event: PanelEvent): PanelModel | null {
  if (event.kind === "model") return event.model;
  if (!model) return null;
  switch (event.kind) {
    case "message":
      if (model.messages.some((m) => m.id === event.message.id)) return model;
      return { ...model, messages: [...model.messages, event.message].sort((a, b) => a.seq - b.seq).slice(-PANEL_MESSAGES) };
    case "deleted":
      return { ...model, messages: model.messages.filter((m) => m.id !== event.messageId) };
    case "presence":
      return { ...model, presence: event.presence };
    case "action":
      return { ...model, lastAction: event.text };
    case "muted":
      return { ...model, me: { ...model.me, muted: event.muted } };
    case "round": {
      // The round ended (or another began): its pinned questions go with it.
      const same = event.round !== null && event.round.phase !== "podium" && model.round?.roundId === event.round.roundId;
      const moments = same || (event.round && !model.round) ? { moments: model.moments, asked: model.asked } : { moments: [], asked: [] };
      return { ...model, ...moments, round: event.round, you: event.round && model.you?.roundId === event.round.roundId ? model.you : null };
    }
    case "moments":
      return { ...model, moments: event.moments };
    case "moment-shown":
      if (model.asked.some((a) => a.pinId === event.pinId)) return model;
      return { ...model, asked: [...model.asked, { pinId: event.pinId, shownAt: event.shownAt, closesAt: event.closesAt, result: null }] };
    case "moment-answered": {
      const known = model.asked.find((a) => a.pinId === event.pinId);
      const shownAt = event.shownAt ?? known?.shownAt;
      const closesAt = event.closesAt ?? known?.closesAt;
      if (shownAt === undefined || closesAt === undefined) return model;
      return { ...model, asked: withResult(model.asked, { pinId: event.pinId, correct: event.correct, points: event.points, shownAt, closesAt }) };
    }
    case "you":
      return { ...model, you: event.you };
    case "answered": {
      // As the room page: only the open question on screen, never backwards (a count may arrive after its reveal).
      const round = model.round;
      if (round?.roundId !== event.roundId || round.index !== event.index || round.phase !== "question" || round.answeredCount >= event.answeredCount) return model;
      return { ...model, round: { ...round, answeredCount: event.answeredCount } };
    }
    case "viewer":
      return { ...model, viewer: event.viewer, serverOffsetMs: event.serverOffsetMs };
    case "reaction":
      return model;
  }
}

/** Where the viewer's player is now, carried on from its last reading. */
export function viewerNow(viewer: ViewerPoint | null, nowMs: number): ShowPoint | null {
  if (!viewer) return null;
  return { episode: viewer.episode, positionMs: viewer.positionMs + (viewer.playing ? Math.max(0, nowMs - viewer.at) : 0) };
}

export type ShownMessage = { message: HistoryMessage; hidden: "ahead" | "marked" | null };

/**
 * The chat as the shield shows it: a message written past where the viewer's
 * own player is (or has been) is hidden until the player gets there; one its
 * sender marked as a spoiler stays hidden until revealed. The viewer's own
 * messages always show.
 */
export function shieldMessages(options: {
  messages: readonly HistoryMessage[];
  me: string;
  at: ShowPoint | null;
  memory: SpoilerMemory;
  shieldOn: boolean;
  revealed: ReadonlySet<string>;
}): ShownMessage[] {
  return options.messages.map((message) => {
    if (message.senderId === options.me || options.revealed.has(message.id)) return { message, hidden: null };
    if (message.spoiler) return { message, hidden: "marked" };
    const ahead = options.shieldOn && options.at !== null && isSpoilerFor(message, options.at, options.memory);
    return { message, hidden: ahead ? "ahead" : null };
  });
}

/** "in sync", "1.2 s ahead", "31 s behind", "49:57 ahead", or "no player read" (drift is positive when ahead). */
export function driftLabel(entry: Pick<PresenceEntry, "driftMs" | "inSync" | "connected">): string {
  if (!entry.connected) return "away";
  if (entry.driftMs === null) return entry.inSync ? "in sync" : "no player read";
  if (entry.inSync) return "in sync";
  const seconds = Math.abs(entry.driftMs) / 1000;
  const shown = seconds < 10 ? `${seconds.toFixed(1)} s` : seconds < 60 ? `${Math.round(seconds)} s` : formatTimecode(seconds * 1000);
  return `${shown} ${entry.driftMs > 0 ? "ahead" : "behind"}`;
}

/** An answer as the panel collects it, checked before it is sent (the server checks it again). */
export function panelAnswer(question: NonNullable<PublicRoundView["question"]>, raw: { option?: number; value?: boolean; number?: string; text?: string; order?: number[] }): AnswerInput | null {
  switch (question.kind) {
    case "choice":
      return raw.option !== undefined && raw.option >= 0 && raw.option < question.options.length ? { kind: "choice", option: raw.option } : null;
    case "truefalse":
      return raw.value === undefined ? null : { kind: "truefalse", value: raw.value };
    case "number": {
      const value = Number((raw.number ?? "").trim().replace(",", "."));
      return raw.number?.trim() && Number.isFinite(value) ? { kind: "number", value } : null;
    }
    case "order":
      return raw.order && raw.order.length === question.items.length && new Set(raw.order).size === raw.order.length ? { kind: "order", order: raw.order } : null;
    case "text":
      return raw.text?.trim() ? { kind: "text", text: raw.text.trim().slice(0, 200) } : null;
  }
}
