import { describe, expect, it } from "vitest";
import { calibrationKey, calibrationOffset, partyPositionFor, videoPositionFor } from "@/extension/src/calibration";
import { chooseMainVideo, inAdBreak, isAdVideo, SHORT_VIDEO_S, type VideoFacts } from "@/extension/src/choose-video";
import { FRESH_MEMORY, followStep, HOLD, leadCommands, type FollowMemory } from "@/extension/src/follow";
import { applyCommand, initialClock, type ClockState } from "@/shared/party-clock";
import { SYNC_THRESHOLDS } from "@/shared/sync-thresholds";

const VIEWPORT = 1280 * 720;
const video = (name: string, facts: Partial<VideoFacts>) => ({
  name,
  visibleArea: 1280 * 720,
  viewportArea: VIEWPORT,
  playing: false,
  durationS: 3000,
  muted: false,
  loop: false,
  adMarked: false,
  ...facts,
});
const pick = (...videos: Array<ReturnType<typeof video>>) => chooseMainVideo(videos)?.name ?? null;

describe("the choice of the main video, as a person would make it", () => {
  it("takes the only visible video, and none when nothing is visible", () => {
    expect(pick(video("hidden", { visibleArea: 0 }), video("episode", {}))).toBe("episode");
    expect(pick(video("hidden", { visibleArea: 0, playing: true }))).toBeNull();
    expect(chooseMainVideo([])).toBeNull();
  });

  it("never takes a muted preview, even a playing one, even when it is the only video", () => {
    const preview = video("preview", { playing: true, muted: true, loop: true, visibleArea: 320 * 180 });
    expect(pick(video("episode", { visibleArea: 640 * 360 }), preview)).toBe("episode");
    expect(pick(preview)).toBeNull();
    // A muted carousel trailer as large as the player, looping: a preview too.
    expect(pick(video("trailer", { playing: true, muted: true, loop: true }), video("episode", { visibleArea: 800 * 450 }))).toBe("episode");
    // The viewer muted the episode: still the episode.
    expect(pick(video("muted episode", { muted: true, playing: true }))).toBe("muted episode");
  });

  it("prefers the one with sound, then one of an episode's length, then a playing one, then the largest", () => {
    expect(pick(video("muted", { muted: true, playing: true }), video("with sound", { visibleArea: 900 * 500 }))).toBe("with sound");
    expect(pick(video("paused", {}), video("playing", { playing: true }))).toBe("playing");
    expect(pick(video("small", { visibleArea: 800 * 450 }), video("large", {}))).toBe("large");
  });

  it("never takes an ad: a short video or one the site marks", () => {
    expect(pick(video("ad", { playing: true, durationS: 30 }), video("episode", { durationS: 2900 }))).toBe("episode");
    expect(pick(video("marked", { playing: true, adMarked: true }), video("episode", { visibleArea: 640 * 360 }))).toBe("episode");
    expect(pick(video("ad", { playing: true, durationS: 30 }))).toBeNull();
  });

  it("treats an endless or unknown duration as none", () => {
    expect(pick(video("live", { durationS: Infinity }), video("episode", { durationS: 2900 }))).toBe("episode");
  });

  it("sees an ad break: an ad playing over the episode, or the episode's element holding an ad", () => {
    const episode = video("episode", {});
    expect(inAdBreak([episode, video("ad", { playing: true, durationS: 20 })], episode)).toBe(true);
    expect(inAdBreak([episode, video("ad over", { playing: true, adMarked: true })], episode)).toBe(true);
    expect(inAdBreak([video("episode holding an ad", { durationS: 15 })], video("episode holding an ad", { durationS: 15 }))).toBe(true);
    // A muted preview's short loop is no ad break; nor is an ad that stopped.
    expect(inAdBreak([episode, video("preview", { playing: true, muted: true, loop: true, durationS: 30, visibleArea: 100 })], episode)).toBe(false);
    expect(inAdBreak([episode, video("ad", { durationS: 20 })], episode)).toBe(false);
    expect(isAdVideo(video("x", { durationS: SHORT_VIDEO_S }))).toBe(false);
  });
});

describe("calibration: the party's 0:00 on a site's copy of an episode", () => {
  it("maps party positions to the video's and back", () => {
    // The site's copy has a 42.5 s recap before the party's 0:00.
    const offset = calibrationOffset({ videoMs: 42_500, partyMs: 0 });
    expect(offset).toBe(42_500);
    expect(videoPositionFor(60_000, offset)).toBe(102_500);
    expect(partyPositionFor(102_500, offset)).toBe(60_000);
    // Marked while the party was already running: the same offset.
    expect(calibrationOffset({ videoMs: 102_500, partyMs: 60_000 })).toBe(offset);
  });

  it("handles a copy that starts later than the party's (negative offset) without negative positions", () => {
    const offset = calibrationOffset({ videoMs: 0, partyMs: 5_000 });
    expect(offset).toBe(-5_000);
    expect(videoPositionFor(1_000, offset)).toBe(0);
    expect(partyPositionFor(10_000, offset)).toBe(15_000);
  });

  it("keys offsets per site and episode", () => {
    expect(calibrationKey("https://www.example.com", 3)).toBe("calibration:https://www.example.com:3");
    expect(calibrationKey("https://www.example.com", 3)).not.toBe(calibrationKey("https://www.example.com", 4));
  });
});

describe("following the clock with the local player's thresholds", () => {
  const at = 1_000_000;
  const playing: ClockState = applyCommand(applyCommand(initialClock(1, at - 10_000), { type: "seek", positionMs: 50_000 }, at - 10_000), { type: "play" }, at - 10_000);
  const paused: ClockState = applyCommand(playing, { type: "pause" }, at);
  const player = (positionMs: number, extra: Partial<{ paused: boolean; rate: number }> = {}) => ({ positionMs, paused: false, rate: 1, ...extra });

  it("does nothing within the ignore threshold", () => {
    const step = followStep({ clock: playing, serverNowMs: at, offsetMs: 0, player: player(60_000 + SYNC_THRESHOLDS.ignoreMs) });
    expect(step).toMatchObject({ targetMs: 60_000, driftMs: SYNC_THRESHOLDS.ignoreMs, inSync: true, actions: [] });
  });

  it("plays a paused player, corrects small drift by rate and large drift by seeking, through the calibration", () => {
    expect(followStep({ clock: playing, serverNowMs: at, offsetMs: 0, player: player(60_000, { paused: true }) }).actions).toEqual([{ kind: "play" }]);
    const behind = followStep({ clock: playing, serverNowMs: at, offsetMs: 0, player: player(59_000) });
    expect(behind.actions).toEqual([{ kind: "rate", rate: 1 + SYNC_THRESHOLDS.rateStep }]);
    const offBy5s = followStep({ clock: playing, serverNowMs: at, offsetMs: 42_000, player: player(97_000) });
    expect(offBy5s).toMatchObject({ targetMs: 102_000, driftMs: -5_000, inSync: false, actions: [{ kind: "seek", positionMs: 102_000 }] });
    // Back to the clock's own rate once in step.
    expect(followStep({ clock: playing, serverNowMs: at, offsetMs: 0, player: player(60_000, { rate: 1.08 }) }).actions).toEqual([{ kind: "rate", rate: 1 }]);
  });

  it("against a site holding its rate: never sets a rate, seeks past a small error", () => {
    const held = (ms: number) => followStep({ clock: playing, serverNowMs: at, offsetMs: 0, player: player(ms, { rate: 0.96 }), rateHeld: true });
    expect(held(60_000 - HOLD.heldSeekMs + 10).actions).toEqual([]);
    // Behind, against a site that plays slower: landed half the band ahead, so the site's rate carries it across the clock.
    expect(held(60_000 - HOLD.heldSeekMs - 10).actions).toEqual([{ kind: "seek", positionMs: 60_000 + HOLD.heldSeekMs / 2 }]);
    expect(held(60_000 + HOLD.heldSeekMs + 10).actions).toEqual([{ kind: "seek", positionMs: 60_000 - HOLD.heldSeekMs / 2 }]);
  });

  it("gives up a rate correction that does not bring the error down, and an error over the cap, for a seek in bounded time", () => {
    // The site silently keeps the video 400 ms behind: rate first, then a seek once the correction made no progress.
    let memory: FollowMemory = FRESH_MEMORY;
    const seen: string[] = [];
    for (let t = 0; t <= HOLD.progressWithinMs; t += 250) {
      const step = followStep({ clock: playing, serverNowMs: at + t, offsetMs: 0, player: player(60_000 + t - 400), memory, nowMs: t });
      memory = step.memory;
      seen.push(step.actions.map((a) => a.kind).join("+"));
    }
    expect(seen[0]).toBe("rate");
    expect(seen.at(-1)).toBe("seek");
    // The site puts its rate back without a word: asked again each tick, then given up.
    expect(seen.slice(1, -1).every((kinds) => kinds === "rate")).toBe(true);
    // 1.5 s behind and staying there: sought once it has been over the cap for capForMs, long before rateCorrectMaxMs would.
    memory = FRESH_MEMORY;
    let soughtAt: number | null = null;
    for (let t = 0; t <= 10_000 && soughtAt === null; t += 250) {
      const step = followStep({ clock: playing, serverNowMs: at + t, offsetMs: 0, player: player(60_000 + t - 1_500, { rate: 1.08 }), memory, nowMs: t });
      memory = step.memory;
      if (step.actions.some((a) => a.kind === "seek")) soughtAt = t;
    }
    expect(soughtAt).toBe(HOLD.capForMs);
  });

  it("pauses with the clock and moves only past the paused threshold", () => {
    expect(followStep({ clock: paused, serverNowMs: at + 5_000, offsetMs: 0, player: player(60_100) }).actions).toEqual([{ kind: "pause" }]);
    expect(followStep({ clock: paused, serverNowMs: at, offsetMs: 0, player: player(61_000, { paused: true }) }).actions).toEqual([
      { kind: "seek", positionMs: 60_000 },
    ]);
  });
});

describe("leading: the viewer's own player drives the clock, without echo", () => {
  const at = 2_000_000;
  const paused = applyCommand(initialClock(1, at), { type: "seek", positionMs: 30_000 }, at);
  const playing = applyCommand(paused, { type: "play" }, at);
  const lead = (event: "play" | "pause" | "seeked", clock: ClockState, playerMs: number, offsetMs = 0) =>
    leadCommands({ event, clock, serverNowMs: at, offsetMs, playerMs });

  it("turns a play, a pause and a seek into commands", () => {
    expect(lead("play", paused, 30_000)).toEqual([{ type: "play" }]);
    expect(lead("pause", playing, 30_000)).toEqual([{ type: "pause" }]);
    expect(lead("seeked", playing, 90_000)).toEqual([{ type: "seek", positionMs: 90_000 }]);
    // Played from elsewhere in the episode: there first, then play; positions are the party's, not the site's.
    expect(lead("play", paused, 142_000, 42_000)).toEqual([{ type: "seek", positionMs: 100_000 }, { type: "play" }]);
  });

  it("sends nothing when the clock already agrees: following its answer does not echo", () => {
    expect(lead("play", playing, 30_000)).toEqual([]);
    expect(lead("pause", paused, 30_000)).toEqual([]);
    expect(lead("seeked", playing, 30_000 + SYNC_THRESHOLDS.pausedSeekMs)).toEqual([]);
  });
});
