"use client";

import { useEffect, useState } from "react";
import type { ClockState } from "@/shared/party-clock";
import { decideCorrection, SYNC_THRESHOLDS } from "@/shared/sync-thresholds";

const FOLLOW_EVERY_MS = 500;

/**
 * A local copy of the episode (a file or an address) that follows the party
 * clock: rate for small drift, seek for large. Before a scheduled start (the
 * "3, 2, 1") it holds still at the start point.
 */
export function LocalPlayer(props: {
  clock: ClockState;
  offsetMs: number;
  positionNow(): number;
  onOpen(open: boolean): void;
  onError(message: string): void;
  videoRef: React.RefObject<HTMLVideoElement | null>;
  /** Watching a moment on its own (from the heat map): the copy stops following until the viewer rejoins. */
  detached: boolean;
  onRejoin(): void;
}) {
  const { clock, offsetMs, positionNow, videoRef, detached } = props;
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !src || detached) return;
    const follow = () => {
      const target = positionNow();
      const beforeStart = clock.playing && Date.now() + offsetMs < clock.atServerMs;
      if (!clock.playing || beforeStart) {
        if (!video.paused) video.pause();
        if (Math.abs(video.currentTime * 1000 - target) > SYNC_THRESHOLDS.pausedSeekMs) video.currentTime = target / 1000;
        return;
      }
      if (video.paused) void video.play().catch(() => undefined);
      const correction = decideCorrection({ playerMs: video.currentTime * 1000, targetMs: target, clockRate: clock.rate });
      if (correction.action === "seek") video.currentTime = correction.positionMs / 1000;
      video.playbackRate = correction.action === "rate" ? correction.rate : clock.rate;
    };
    follow();
    const timer = setInterval(follow, FOLLOW_EVERY_MS);
    // A scheduled start: begin on the instant, not up to half a second late.
    const start = clock.playing ? clock.atServerMs - (Date.now() + offsetMs) : -1;
    const atStart = start > 0 ? setTimeout(follow, start) : undefined;
    return () => {
      clearInterval(timer);
      clearTimeout(atStart);
    };
  }, [src, clock, offsetMs, positionNow, videoRef, detached]);

  const open = (url: string) => {
    setSrc(url);
    props.onOpen(true);
  };

  return (
    <section aria-labelledby="video-heading" className="card grid grid-cols-1 gap-3">
      <h2 id="video-heading" className="m-0 text-lg">
        Play a local copy in sync
      </h2>
      {src ? (
        <video ref={videoRef} src={src} controls={detached} className="aspect-video w-full rounded bg-black" aria-label="Local episode, following the party clock" />
      ) : null}
      {detached ? (
        <p className="m-0 flex flex-wrap items-center gap-2" role="status">
          Your copy is off on its own.
          <button type="button" className="mt-0" onClick={props.onRejoin}>
            Back to the party
          </button>
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-0 gap-1">
          <label htmlFor="video-file">Video file</label>
          <input
            id="video-file"
            type="file"
            accept="video/*"
            className="w-full max-w-full"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) open(URL.createObjectURL(file));
            }}
          />
        </div>
        <form
          className="flex min-w-0 flex-1 flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const url = String(new FormData(e.currentTarget).get("videoUrl") ?? "").trim();
            if (/^https?:\/\//.test(url)) open(url);
            else props.onError("Enter a video address that starts with http:// or https://.");
          }}
        >
          <div className="grid min-w-0 flex-1 gap-1">
            <label htmlFor="video-url">or a video address</label>
            <input id="video-url" name="videoUrl" type="url" placeholder="https://…" className="w-full min-w-0" />
          </div>
          <button type="submit" className="secondary mt-0">
            Play in sync
          </button>
        </form>
      </div>
    </section>
  );
}
