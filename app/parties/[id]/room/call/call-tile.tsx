"use client";

import { useEffect, useRef } from "react";

/** One person in the call: their camera or their initial, a ring while they talk, their mic state; their sound plays here. */
export function CallTile(props: {
  name: string;
  stream: MediaStream | null;
  camera: boolean;
  muted: boolean;
  hostMuted: boolean;
  speaking: boolean;
  self?: boolean;
  connecting?: boolean;
  /** A large call: the voices come mixed (MixAudio), not per person. */
  mixed?: boolean;
  children?: React.ReactNode;
}) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = props.stream;
    if (audioRef.current && !props.self) {
      audioRef.current.srcObject = props.stream;
      void audioRef.current.play().catch(() => undefined);
    }
  }, [props.stream, props.camera, props.self]);
  const state = props.hostMuted ? "muted by a host" : props.muted ? "muted" : props.speaking ? "talking" : "";
  return (
    <li
      data-testid="call-tile"
      data-name={props.name}
      data-speaking={props.speaking ? "true" : "false"}
      className={`relative grid aspect-video min-w-0 place-items-center overflow-hidden rounded-lg bg-panel text-ink ring-2 ${props.speaking ? "ring-accent" : "ring-transparent"}`}
    >
      {props.camera && props.stream ? (
        <video ref={videoRef} data-testid="call-video" autoPlay playsInline muted className="h-full w-full object-cover" aria-label={`${props.name}'s camera`} />
      ) : (
        <span aria-hidden="true" className="grid size-10 place-items-center rounded-full bg-accent text-lg font-bold text-bg">
          {props.name.slice(0, 1).toUpperCase()}
        </span>
      )}
      {!props.self && !props.mixed && <audio ref={audioRef} data-testid="call-audio" data-name={props.name} autoPlay muted={props.hostMuted} />}
      <span className="absolute bottom-1 left-1 right-1 truncate rounded bg-bg/80 px-1 text-xs">
        {props.name}
        {props.self ? " (you)" : ""}
        {state ? ` · ${state}` : ""}
        {props.connecting ? " · connecting…" : ""}
      </span>
      {props.children}
    </li>
  );
}

/** A large call's voices, mixed by the media server: one stream for everyone else. */
export function MixAudio(props: { stream: MediaStream }) {
  const ref = useRef<HTMLAudioElement | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    ref.current.srcObject = props.stream;
    void ref.current.play().catch(() => undefined);
  }, [props.stream]);
  return <audio ref={ref} data-testid="call-audio" data-name="Everyone" autoPlay />;
}
