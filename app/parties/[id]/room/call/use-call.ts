"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { Socket } from "socket.io-client";
import type { PageMessage } from "@/extension/src/messages";
import type { ClientEvents, ServerEvents } from "@/server/realtime/protocol";
import { loopbackOnly } from "./candidates";
import { DEFAULT_CALL_SETTINGS, readCallSettings, saveCallSettings, type CallSettings } from "./call-settings";
import { IDLE_CALL, MeshCall, type CallView } from "./mesh-call";

type RoomSocket = Socket<ServerEvents, ClientEvents>;

/**
 * The room's call: the mesh (mesh-call.ts) on the room's connection, the
 * person's settings, and the show's ducking while friends talk.
 */
export function useCall(options: {
  socketRef: RefObject<RoomSocket | null>;
  /** Resolves once the room connection is in the room (after a reconnect, once it has rejoined). */
  whenInRoom(): Promise<void>;
  partyId: string;
  youUserId: string;
  /** The room's own player, lowered while others talk when the person chose so. */
  playerRef: RefObject<HTMLVideoElement | null>;
}) {
  const { socketRef, partyId, youUserId, playerRef, whenInRoom } = options;
  const callRef = useRef<MeshCall | null>(null);
  const [view, setView] = useState<CallView>(IDLE_CALL);
  const [settings, setSettings] = useState<CallSettings>(DEFAULT_CALL_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const [devices, setDevices] = useState<{ mics: MediaDeviceInfo[]; cameras: MediaDeviceInfo[] }>({ mics: [], cameras: [] });

  useEffect(() => {
    // Read after hydration: the server render knows no localStorage.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSettings(readCallSettings());
  }, []);

  useEffect(() => {
    const socket = socketRef.current;
    if (!socket) return;
    const call = new MeshCall(socket, partyId, { onChange: setView, loopbackOnly: loopbackOnly(location.hostname), youUserId, whenInRoom });
    callRef.current = call;
    return () => {
      void call.leave();
      call.dispose();
      callRef.current = null;
    };
  }, [socketRef, partyId, youUserId, whenInRoom]);

  const listDevices = useCallback(async () => {
    const all = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
    setDevices({ mics: (all ?? []).filter((d) => d.kind === "audioinput" && d.deviceId), cameras: (all ?? []).filter((d) => d.kind === "videoinput" && d.deviceId) });
  }, []);

  const change = useCallback((next: Partial<CallSettings>) => {
    setSettings((current) => {
      const merged = { ...current, ...next };
      saveCallSettings(merged);
      return merged;
    });
  }, []);

  const join = useCallback(async () => {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) return setProblem("This browser cannot make calls here (it needs a secure https page).");
    await callRef.current?.join({ micId: settings.micId, relayOnly: settings.relayOnly, startMuted: settings.pushToTalk });
    await listDevices();
  }, [settings, listDevices]);

  const act = useCallback(async (work: (call: MeshCall) => Promise<string | null>) => {
    const call = callRef.current;
    if (call) setProblem(await work(call));
  }, []);

  // Ducking: while anyone else talks, the room's player drops by the chosen share; back when the talk ends.
  const othersTalking = view.peers.some((p) => p.speaking && !p.info.hostMuted);
  const ducked = useRef<{ video: HTMLVideoElement; volume: number } | null>(null);
  useEffect(() => {
    const video = playerRef.current;
    if (othersTalking && settings.duck > 0 && video && !ducked.current) {
      ducked.current = { video, volume: video.volume };
      video.volume = video.volume * (1 - settings.duck);
    } else if ((!othersTalking || settings.duck === 0) && ducked.current) {
      const { video: was, volume } = ducked.current;
      ducked.current = null;
      // Unless the person changed the volume meanwhile.
      if (Math.abs(was.volume - volume * (1 - settings.duck)) < 0.01 || settings.duck === 0) was.volume = volume;
    }
  }, [othersTalking, settings.duck, playerRef]);
  // And the streaming player, through the linked extension (extension/src/duck.ts): nobody answers without one.
  const extensionDucked = useRef(false);
  useEffect(() => {
    const duck = othersTalking && settings.duck > 0;
    if (duck === extensionDucked.current) return;
    extensionDucked.current = duck;
    const message: PageMessage = { source: "bwp-page", type: "duck", amount: duck ? settings.duck : 0 };
    window.postMessage(message, window.location.origin);
  }, [othersTalking, settings.duck]);

  return {
    view,
    settings,
    devices,
    problem,
    join,
    leave: () => act(async (call) => (await call.leave(), null)),
    setMuted: (muted: boolean) => act((call) => call.setMuted(muted)),
    talk: (held: boolean) => act(async (call) => (await call.talk(held), null)),
    setCamera: (on: boolean) => act((call) => call.setCamera(on, settings.cameraId)),
    chooseMic: (micId: string | null) => {
      change({ micId });
      void act((call) => call.switchMic(micId));
    },
    chooseCamera: (cameraId: string | null) => {
      change({ cameraId });
      if (view.camera) void act((call) => call.setCamera(true, cameraId));
    },
    change,
    listDevices,
  };
}
