import { describe, expect, it } from "vitest";
import { applyPanelEvent, type PanelModel } from "@/extension/src/panel-model";
import type { PublicMoment } from "@/server/trivia/moments";
import type { PublicRoundView } from "@/server/trivia/round";
import { currentMoment, dueMoment, MOMENT_CATCH_MS, MOMENT_RESULT_MS, parseTimecode, withResult, type AskedMoment } from "@/shared/trivia-moments";

const moment = (pinId: string, positionMs: number, episode = 1): PublicMoment => ({
  pinId,
  episode,
  positionMs,
  secondsPerQuestion: 20,
  question: { kind: "truefalse", prompt: `At ${positionMs}?` },
});

describe("when a pinned question is asked", () => {
  const moments = [moment("a", 60_000), moment("b", 120_000), moment("c", 30_000, 2)];

  it("is due once the viewer's point reaches its moment in its episode, not before, not long after, and once", () => {
    expect(dueMoment(moments, { episode: 1, positionMs: 59_999 }, new Set())).toBeNull();
    expect(dueMoment(moments, { episode: 1, positionMs: 60_000 }, new Set())?.pinId).toBe("a");
    expect(dueMoment(moments, { episode: 1, positionMs: 121_000 }, new Set(["a"]))?.pinId).toBe("b");
    expect(dueMoment(moments, { episode: 1, positionMs: 60_000 + MOMENT_CATCH_MS + 1 }, new Set())?.pinId).toBe("b");
    expect(dueMoment(moments, { episode: 1, positionMs: 121_000 }, new Set(["a", "b"]))).toBeNull();
    expect(dueMoment(moments, { episode: 2, positionMs: 60_000 }, new Set())?.pinId).toBe("c");
    expect(dueMoment(moments, null, new Set())).toBeNull();
  });

  it("shows the latest asked question until a little after its time is up", () => {
    const asked = [
      { pinId: "a", shownAt: 1000, closesAt: 21_000, result: null },
      { pinId: "b", shownAt: 5000, closesAt: 25_000, result: { correct: true, points: 900 } },
    ];
    expect(currentMoment(asked, 6000)?.pinId).toBe("b");
    expect(currentMoment(asked, 25_000 + MOMENT_RESULT_MS)).toBeNull();
    expect(currentMoment([asked[0]!], 21_000 + MOMENT_RESULT_MS - 1)?.pinId).toBe("a");
  });
});

describe("a host's timecode", () => {
  it("reads minutes:seconds and hours:minutes:seconds, nothing else", () => {
    expect(parseTimecode("23:40")).toBe(1_420_000);
    expect(parseTimecode(" 0:05 ")).toBe(5000);
    expect(parseTimecode("1:02:03")).toBe(3_723_000);
    expect(parseTimecode("75:00")).toBe(4_500_000);
    for (const bad of ["", "23", "23:60", "1:60:00", "a:bc", "-1:00", "23:4"]) expect(parseTimecode(bad), bad).toBeNull();
  });
});

describe("the panel's pinned questions", () => {
  const round = (roundId: string, phase: PublicRoundView["phase"] = "lobby") => ({ roundId, phase }) as PublicRoundView;
  const base: PanelModel = {
    partyId: "p",
    title: "Night",
    me: { userId: "me", role: "guest", muted: false },
    messages: [],
    presence: [],
    lastAction: null,
    round: round("r1"),
    you: null,
    viewer: null,
    serverOffsetMs: 0,
    moments: [],
    asked: [],
  };

  it("keeps the moments, each asked once with its result, and drops them with the round", () => {
    let model = applyPanelEvent(base, { kind: "moments", moments: [moment("a", 60_000)] })!;
    model = applyPanelEvent(model, { kind: "moment-shown", pinId: "a", shownAt: 10, closesAt: 20_010 })!;
    model = applyPanelEvent(model, { kind: "moment-shown", pinId: "a", shownAt: 99, closesAt: 20_099 })!;
    model = applyPanelEvent(model, { kind: "moment-answered", pinId: "a", correct: true, points: 950 })!;
    expect(model.asked).toEqual([{ pinId: "a", shownAt: 10, closesAt: 20_010, result: { correct: true, points: 950 } }]);
    expect(applyPanelEvent(model, { kind: "round", round: round("r1", "question") })!.moments).toHaveLength(1);
    expect(applyPanelEvent(model, { kind: "round", round: round("r1", "podium") })).toMatchObject({ moments: [], asked: [] });
    expect(applyPanelEvent(model, { kind: "round", round: null })).toMatchObject({ moments: [], asked: [] });
    expect(applyPanelEvent(model, { kind: "round", round: round("r2") })).toMatchObject({ moments: [], asked: [] });
  });

  it("shows a question answered on another screen as answered, and so never asks it", () => {
    const model = applyPanelEvent(base, { kind: "moments", moments: [moment("b", 90_000)] })!;
    // An acknowledgement with no showing here changes nothing; the result from another screen carries its times.
    expect(applyPanelEvent(model, { kind: "moment-answered", pinId: "b", correct: true, points: 900 })!.asked).toEqual([]);
    const told = applyPanelEvent(model, { kind: "moment-answered", pinId: "b", correct: false, points: 0, shownAt: 5, closesAt: 20_005 })!;
    expect(told.asked).toEqual([{ pinId: "b", shownAt: 5, closesAt: 20_005, result: { correct: false, points: 0 } }]);
    expect(dueMoment(told.moments, { episode: 1, positionMs: 95_000 }, new Set(told.asked.map((a) => a.pinId)))).toBeNull();
  });
});

describe("a result from another of this person's screens", () => {
  const asked: AskedMoment[] = [{ pinId: "a", shownAt: 10, closesAt: 20_010, result: null }];
  it("marks a question asked here as answered, keeping the times this screen was given", () => {
    expect(withResult(asked, { pinId: "a", shownAt: 99, closesAt: 20_099, correct: true, points: 700 })).toEqual([
      { pinId: "a", shownAt: 10, closesAt: 20_010, result: { correct: true, points: 700 } },
    ]);
  });
  it("adds one never asked here, so it is shown answered and not asked", () => {
    const after = withResult(asked, { pinId: "b", shownAt: 30, closesAt: 20_030, correct: false, points: 0 });
    expect(after).toHaveLength(2);
    expect(currentMoment(after, 20_000)).toEqual({ pinId: "b", shownAt: 30, closesAt: 20_030, result: { correct: false, points: 0 } });
  });
});
