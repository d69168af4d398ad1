import { DUCK_AMOUNTS } from "@/extension/src/duck";

/** A person's call settings, kept in this browser (localStorage). */
export interface CallSettings {
  micId: string | null;
  cameraId: string | null;
  pushToTalk: boolean;
  /** Relay every call through TURN: the others never see this device's addresses (privacy), at some delay. */
  relayOnly: boolean;
  /** How much the show's volume drops while friends talk: 0 (off, the default), or a share such as 0.5. */
  duck: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = { micId: null, cameraId: null, pushToTalk: false, relayOnly: false, duck: 0 };
/** The same shares the extension accepts for the streaming player (extension/src/duck.ts). */
export const DUCK_CHOICES = DUCK_AMOUNTS;
const KEY = "bwp:call-settings";

export function readCallSettings(): CallSettings {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<CallSettings>;
    return {
      micId: typeof stored.micId === "string" ? stored.micId : null,
      cameraId: typeof stored.cameraId === "string" ? stored.cameraId : null,
      pushToTalk: stored.pushToTalk === true,
      relayOnly: stored.relayOnly === true,
      duck: DUCK_CHOICES.includes(stored.duck as (typeof DUCK_CHOICES)[number]) ? (stored.duck as number) : 0,
    };
  } catch {
    return DEFAULT_CALL_SETTINGS;
  }
}

export function saveCallSettings(settings: CallSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode: the settings last as long as the page.
  }
}
