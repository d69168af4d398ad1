"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Socket } from "socket.io-client";
import type { ClientEvents, ServerEvents } from "@/server/realtime/protocol";
import { DUCK_CHOICES } from "./call-settings";
import { CallTile, MixAudio } from "./call-tile";
import { useCall } from "./use-call";

/**
 * The call card of the room (docs/voice.md): nobody is on the call until
 * they press "Join call". It sits in the page's flow under the clock, so its
 * tiles never cover the clock or the playback controls, on a phone or a desktop.
 */
export function CallPanel(props: {
  socketRef: RefObject<Socket<ServerEvents, ClientEvents> | null>;
  /** Resolves once the room connection is in the room (after a reconnect, once it has rejoined). */
  whenInRoom(): Promise<void>;
  partyId: string;
  youUserId: string;
  isModerator: boolean;
  playerRef: RefObject<HTMLVideoElement | null>;
  /** A host's call control through the room connection; resolves with the error to show, or null. */
  onHost(action: "mute" | "unmute" | "mute-all" | "remove" | "end" | "open" | "large", userId?: string): Promise<string | null>;
}) {
  const call = useCall(props);
  const { view, settings } = call;
  const [hostError, setHostError] = useState<string | null>(null);
  const inCall = view.status === "in-call";
  const host = async (action: Parameters<typeof props.onHost>[0], userId?: string) => setHostError(await props.onHost(action, userId));

  // Push to talk from the keyboard: hold the T key (not while typing in a field).
  const { talk } = call;
  useEffect(() => {
    if (!inCall || !settings.pushToTalk) return;
    const typing = (e: KeyboardEvent) => e.target instanceof HTMLElement && (e.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName));
    const down = (e: KeyboardEvent) => e.key.toLowerCase() === "t" && !e.repeat && !typing(e) && void talk(true);
    const up = (e: KeyboardEvent) => e.key.toLowerCase() === "t" && void talk(false);
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [inCall, settings.pushToTalk, talk]);

  const micState =
    view.mic === "refused"
      ? "Your microphone is blocked for this site, so you are listening only. Allow the microphone in the browser's site settings, then leave and join again."
      : view.mic === "missing"
        ? "No microphone was found, so you are listening only."
        : null;
  const camState = view.cam === "refused" ? "Your camera is blocked for this site: allow it in the browser's site settings." : view.cam === "missing" ? "No camera was found." : null;
  const others = view.peers.length;

  return (
    <section aria-labelledby="call-heading" className="card order-[-2] grid gap-2" data-testid="call-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="call-heading" className="m-0 text-lg">
          Call{inCall ? ` · ${others + 1} here` : ""}
        </h2>
        <div className="flex flex-wrap gap-2">
          {!inCall ? (
            <button type="button" onClick={() => void call.join()} disabled={view.status === "joining" || view.off}>
              {view.status === "joining" ? "Joining the call…" : "Join call"}
            </button>
          ) : (
            <>
              {settings.pushToTalk ? (
                <button
                  type="button"
                  aria-pressed={!view.muted}
                  disabled={view.hostMuted || view.mic !== null}
                  onPointerDown={() => void call.talk(true)}
                  onPointerUp={() => void call.talk(false)}
                  onPointerLeave={() => void call.talk(false)}
                  onKeyDown={(e) => (e.key === " " || e.key === "Enter") && !e.repeat && void call.talk(true)}
                  onKeyUp={(e) => (e.key === " " || e.key === "Enter") && void call.talk(false)}
                >
                  Hold to talk (T)
                </button>
              ) : (
                <button type="button" aria-pressed={view.muted} onClick={() => void call.setMuted(!view.muted)} disabled={view.mic !== null && view.muted}>
                  {view.muted ? "Unmute" : "Mute"}
                </button>
              )}
              <button type="button" aria-pressed={view.camera} onClick={() => void call.setCamera(!view.camera)}>
                {view.camera ? "Camera off" : "Camera on"}
              </button>
              <button type="button" onClick={() => void call.leave()}>
                Leave call
              </button>
            </>
          )}
        </div>
      </div>

      <p role="status" aria-live="polite" className="m-0 text-sm" data-testid="call-status">
        {view.off ? "The hosts turned the call off. " : ""}
        {view.ended ?? view.notice ?? (inCall ? "" : "Talk while you watch: nobody hears or sees you until you join.")}
      </p>
      {(micState ?? camState ?? call.problem ?? hostError) && (
        <p role="alert" className="form-error m-0 text-sm" data-testid="call-problem">
          {micState ?? camState ?? call.problem ?? hostError}
        </p>
      )}

      {inCall && (
        <ul aria-label="People in the call" className="m-0 grid max-h-[40dvh] list-none grid-cols-2 gap-2 overflow-y-auto p-0 sm:grid-cols-3">
          <CallTile name={view.you?.name ?? "You"} stream={view.localStream} camera={view.camera} muted={view.muted} hostMuted={view.hostMuted} speaking={view.speaking} self />
          {view.peers.map((peer) => (
            <CallTile
              key={peer.info.peerId}
              name={peer.info.name}
              stream={peer.stream}
              camera={peer.info.camera}
              muted={peer.info.muted}
              hostMuted={peer.info.hostMuted}
              speaking={peer.speaking}
              connecting={peer.connection !== "connected"}
              mixed={view.mix !== null}
            >
              {props.isModerator && peer.info.userId && (
                <span className="absolute right-1 top-1 flex gap-1">
                  <button
                    type="button"
                    className="px-1 py-0 text-xs"
                    onClick={() => void host(peer.info.hostMuted ? "unmute" : "mute", peer.info.userId)}
                    aria-label={peer.info.hostMuted ? `Let ${peer.info.name} talk in the call` : `Mute ${peer.info.name} in the call`}
                  >
                    {peer.info.hostMuted ? "Let talk" : "Mute"}
                  </button>
                  <button type="button" className="px-1 py-0 text-xs" onClick={() => void host("remove", peer.info.userId)} aria-label={`Remove ${peer.info.name} from the call`}>
                    Remove
                  </button>
                </span>
              )}
            </CallTile>
          ))}
        </ul>
      )}
      {inCall && view.mix && <MixAudio stream={view.mix} />}

      {props.isModerator && (
        <div className="flex flex-wrap gap-2" aria-label="Host call controls" role="group">
          {inCall && (
            <button type="button" onClick={() => void host("mute-all")}>
              Mute everyone
            </button>
          )}
          {inCall && view.largeCalls && !view.mix && (
            <button type="button" onClick={() => void host("large")}>
              Make it a large call
            </button>
          )}
          <button type="button" onClick={() => void host(view.off ? "open" : "end")}>
            {view.off ? "Turn the call on" : "Turn the call off for everyone"}
          </button>
        </div>
      )}

      <details onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void call.listDevices()}>
        <summary>Call settings</summary>
        <div className="grid gap-2 pt-2">
          <label className="grid gap-1">
            Microphone
            <select value={settings.micId ?? ""} onChange={(e) => call.chooseMic(e.target.value || null)}>
              <option value="">The browser&apos;s default</option>
              {call.devices.mics.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1">
            Camera
            <select value={settings.cameraId ?? ""} onChange={(e) => call.chooseCamera(e.target.value || null)}>
              <option value="">The browser&apos;s default</option>
              {call.devices.cameras.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Camera ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          {call.devices.mics.length === 0 && <p className="m-0 text-sm">Device names show once you have joined a call and allowed the microphone.</p>}
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={settings.pushToTalk} onChange={(e) => call.change({ pushToTalk: e.target.checked })} />
            Push to talk (hold the button or the T key)
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={settings.relayOnly} onChange={(e) => call.change({ relayOnly: e.target.checked })} />
            Relay my calls (hides my address from the others; from the next join)
          </label>
          <label className="grid gap-1">
            Lower the show while friends talk
            <select value={String(settings.duck)} onChange={(e) => call.change({ duck: Number(e.target.value) })}>
              {DUCK_CHOICES.map((d) => (
                <option key={d} value={String(d)}>
                  {d === 0 ? "Off" : `By ${Math.round(d * 100)}%`}
                </option>
              ))}
            </select>
          </label>
        </div>
      </details>
    </section>
  );
}
