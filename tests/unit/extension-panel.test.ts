import { describe, expect, it } from "vitest";
import { applyPanelEvent, driftLabel, panelAnswer, PANEL_MESSAGES, shieldMessages, viewerNow, type PanelModel } from "@/extension/src/panel-model";
import type { ChatMessage } from "@/server/realtime/protocol";

const message = (seq: number, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  seq,
  id: `m${seq}`,
  clientId: `c${seq}`,
  senderId: "ann",
  senderName: "Ann",
  text: `message ${seq}`,
  episode: 1,
  positionMs: seq * 60_000,
  spoiler: false,
  createdAt: "2026-12-07T00:00:00.000Z",
  reactions: {},
  ...patch,
});

const model = (patch: Partial<PanelModel> = {}): PanelModel => ({
  partyId: "p",
  title: "Night",
  me: { userId: "me", role: "guest", muted: false },
  messages: [],
  presence: [],
  lastAction: null,
  round: null,
  you: null,
  viewer: null,
  serverOffsetMs: 0,
  moments: [],
  asked: [],
  ...patch,
});

describe("the panel's model", () => {
  it("keeps each message once, in order, the newest PANEL_MESSAGES; a deleted one goes", () => {
    let m: PanelModel | null = model();
    m = applyPanelEvent(m, { kind: "message", message: message(2) });
    m = applyPanelEvent(m, { kind: "message", message: message(1) });
    m = applyPanelEvent(m, { kind: "message", message: message(2) });
    expect(m!.messages.map((x) => x.seq)).toEqual([1, 2]);
    for (let i = 3; i < PANEL_MESSAGES + 10; i++) m = applyPanelEvent(m, { kind: "message", message: message(i) });
    expect(m!.messages).toHaveLength(PANEL_MESSAGES);
    m = applyPanelEvent(m, { kind: "deleted", messageId: `m${PANEL_MESSAGES + 9}` });
    expect(m!.messages.at(-1)!.seq).toBe(PANEL_MESSAGES + 8);
    // Nothing applies before the model is there, and "model" null ends it.
    expect(applyPanelEvent(null, { kind: "message", message: message(1) })).toBeNull();
    expect(applyPanelEvent(m, { kind: "model", model: null })).toBeNull();
  });

  it("forgets the player's own standing when another round starts", () => {
    const you = { roundId: "r1", index: 0, answered: true, score: 10, rank: 1, streak: 1, last: null, canAnswer: true, yourAnswer: null, playing: true };
    const round = { roundId: "r2" } as PanelModel["round"];
    expect(applyPanelEvent(model({ you }), { kind: "round", round })!.you).toBeNull();
    expect(applyPanelEvent(model({ you }), { kind: "round", round: { roundId: "r1" } as PanelModel["round"] })!.you).toBe(you);
  });

  it("takes the answered count only for the open question on screen, and never backwards", () => {
    const open = { roundId: "r1", index: 2, phase: "question", answeredCount: 5 } as PanelModel["round"];
    const count = (answeredCount: number, at: Partial<{ roundId: string; index: number }> = {}) =>
      ({ kind: "answered", roundId: "r1", index: 2, answeredCount, ...at }) as const;
    expect(applyPanelEvent(model({ round: open }), count(7))!.round!.answeredCount).toBe(7);
    expect(applyPanelEvent(model({ round: open }), count(4))!.round!.answeredCount).toBe(5);
    expect(applyPanelEvent(model({ round: open }), count(9, { index: 1 }))!.round!.answeredCount).toBe(5);
    expect(applyPanelEvent(model({ round: open }), count(9, { roundId: "r0" }))!.round!.answeredCount).toBe(5);
    // A count that arrives after the reveal leaves the reveal's own.
    const revealed = { ...open!, phase: "reveal" } as PanelModel["round"];
    expect(applyPanelEvent(model({ round: revealed }), count(9))!.round!.answeredCount).toBe(5);
  });
});

describe("the shield on the viewer's own player", () => {
  const messages = [message(1), message(5), message(9, { senderId: "me" }), message(2, { spoiler: true })];
  const shown = (atMs: number | null, options: { shieldOn?: boolean; memory?: Record<number, number>; revealed?: string[] } = {}) =>
    shieldMessages({
      messages,
      me: "me",
      at: atMs === null ? null : { episode: 1, positionMs: atMs },
      memory: options.memory ?? {},
      shieldOn: options.shieldOn ?? true,
      revealed: new Set(options.revealed ?? []),
    }).map((s) => `${s.message.id}:${s.hidden ?? "shown"}`);

  it("hides what was written past the player (never the viewer's own), and a marked spoiler until revealed", () => {
    expect(shown(3 * 60_000)).toEqual(["m1:shown", "m5:ahead", "m9:shown", "m2:marked"]);
    expect(shown(3 * 60_000, { revealed: ["m5", "m2"] })).toEqual(["m1:shown", "m5:shown", "m9:shown", "m2:shown"]);
    // Where the player has been counts: a rewind hides nothing again.
    expect(shown(0, { memory: { 1: 6 * 60_000 } })).toEqual(["m1:shown", "m5:shown", "m9:shown", "m2:marked"]);
    // Off, or with no position known: only marked ones stay hidden.
    expect(shown(0, { shieldOn: false })).toEqual(["m1:shown", "m5:shown", "m9:shown", "m2:marked"]);
    expect(shown(null)).toEqual(["m1:shown", "m5:shown", "m9:shown", "m2:marked"]);
  });

  it("carries the player's last reading on while it plays, not while paused", () => {
    const reading = { episode: 2, positionMs: 10_000, at: 1000, playing: true, fromPlayer: true };
    expect(viewerNow(reading, 4000)).toEqual({ episode: 2, positionMs: 13_000 });
    expect(viewerNow({ ...reading, playing: false }, 4000)).toEqual({ episode: 2, positionMs: 10_000 });
    expect(viewerNow(null, 4000)).toBeNull();
  });
});

describe("presence and answers in the panel", () => {
  it("says each person's drift in words", () => {
    expect(driftLabel({ connected: true, inSync: true, driftMs: 40 })).toBe("in sync");
    expect(driftLabel({ connected: true, inSync: false, driftMs: 1234 })).toBe("1.2 s ahead");
    expect(driftLabel({ connected: true, inSync: false, driftMs: -31_400 })).toBe("31 s behind");
    expect(driftLabel({ connected: true, inSync: false, driftMs: 2_997_000 })).toBe("49:57 ahead");
    expect(driftLabel({ connected: true, inSync: false, driftMs: null })).toBe("no player read");
    expect(driftLabel({ connected: false, inSync: true, driftMs: 0 })).toBe("away");
  });

  it("builds an answer only when it is one", () => {
    expect(panelAnswer({ kind: "choice", prompt: "?", options: ["a", "b"] }, { option: 1 })).toEqual({ kind: "choice", option: 1 });
    expect(panelAnswer({ kind: "choice", prompt: "?", options: ["a", "b"] }, { option: 2 })).toBeNull();
    expect(panelAnswer({ kind: "truefalse", prompt: "?" }, { value: false })).toEqual({ kind: "truefalse", value: false });
    expect(panelAnswer({ kind: "number", prompt: "?", unit: null }, { number: " 3,5 " })).toEqual({ kind: "number", value: 3.5 });
    expect(panelAnswer({ kind: "number", prompt: "?", unit: null }, { number: "many" })).toBeNull();
    expect(panelAnswer({ kind: "order", prompt: "?", items: ["a", "b"] }, { order: [1, 0] })).toEqual({ kind: "order", order: [1, 0] });
    expect(panelAnswer({ kind: "order", prompt: "?", items: ["a", "b"] }, { order: [1, 1] })).toBeNull();
    expect(panelAnswer({ kind: "text", prompt: "?" }, { text: "  " })).toBeNull();
  });
});
