import { readFileSync } from "node:fs";
import os from "node:os";
import { expect, type Browser, type Page } from "@playwright/test";
import { createParty, expectNoSeriousA11yViolations, memberIn, newPage, signInAsGuest } from "../e2e/support";

export { createParty, expectNoSeriousA11yViolations, memberIn };

let guests = 0;
/** A guest in a new browser context, each from an address of its own (guests are limited per address; one proxy hop is trusted). */
export async function guestFrom(browser: Browser, name: string): Promise<Page> {
  const page = await newPage(browser);
  guests += 1;
  if (!process.env.E2E_CLUSTER) await page.context().setExtraHTTPHeaders({ "x-forwarded-for": `10.26.${Math.floor(guests / 250) % 250}.${(guests % 250) + 1}` });
  await recordPeerConnections(page);
  return signInAsGuest(page, name);
}

/** Keeps every RTCPeerConnection a page makes in `window.__pcs`, so a test can read their stats. */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = made;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Opens the room and presses "Join call"; waits until the call has this many others, each connected. */
export async function joinCall(page: Page, partyId: string, others: number): Promise<void> {
  if (!page.url().includes(`/parties/${partyId}/room`)) await page.goto(`/parties/${partyId}/room`);
  await page.getByRole("button", { name: "Join call" }).click();
  await expectConnected(page, others);
}

/**
 * Runs `steps`; when one fails, prints what each page shows of the call (its
 * status line, its tiles, its peer connections' states) and fails as it did.
 */
export async function reportingCallState(pages: Page[], steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    for (const [i, page] of pages.entries()) {
      const state = await page
        .evaluate(() => ({
          status: document.querySelector('[data-testid="call-status"]')?.textContent ?? "",
          tiles: [...document.querySelectorAll('[data-testid="call-tile"]')].map((t) => t.textContent ?? ""),
          pcs: ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).map((pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}`),
        }))
        .catch((e: Error) => ({ status: `(page not readable: ${e.message})`, tiles: [], pcs: [] }));
      console.log(`page ${i + 1}: "${state.status}" · tiles: ${state.tiles.join(" | ")} · connections: ${state.pcs.join(" ")}`);
    }
    console.log(`load average: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
    throw error;
  }
}

export async function expectConnected(page: Page, others: number): Promise<void> {
  const tiles = page.getByRole("list", { name: "People in the call" }).getByTestId("call-tile");
  await expect(tiles).toHaveCount(others + 1, { timeout: 30_000 });
  await expect(page.getByRole("list", { name: "People in the call" })).not.toContainText("connecting", { timeout: 60_000 });
}

/**
 * The loudest 50 ms window (RMS) each remote <audio> element of the call
 * carried over `ms`, by the peer's name: the fake microphone beeps once a
 * second, silence is 0.
 */
export async function heardEnergy(page: Page, ms = 2500, stopWhenAllAbove?: number): Promise<Record<string, number>> {
  return page.evaluate(async ({ ms, stopWhenAllAbove }) => {
    const context = new AudioContext();
    const elements = [...document.querySelectorAll<HTMLAudioElement>('audio[data-testid="call-audio"]')];
    const analysers = elements.map((el) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      context.createMediaStreamSource(el.srcObject as MediaStream).connect(analyser);
      return { name: el.dataset.name ?? "?", analyser, max: 0 };
    });
    const started = performance.now();
    while (performance.now() - started < ms) {
      for (const a of analysers) {
        const samples = new Float32Array(a.analyser.fftSize);
        a.analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        a.max = Math.max(a.max, Math.sqrt(sum / samples.length));
      }
      // Listening for sound stops once every stream was heard (a loaded machine can starve a beep or two).
      if (stopWhenAllAbove !== undefined && analysers.every((a) => a.max > stopWhenAllAbove)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await context.close();
    return Object.fromEntries(analysers.map((a) => [a.name, a.max]));
  }, { ms, stopWhenAllAbove });
}

/** The mean brightness (0 to 255) of each remote camera's current frame, by the peer's name. */
export async function videoBrightness(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const video of document.querySelectorAll<HTMLVideoElement>('[data-testid="call-tile"] video[data-testid="call-video"]')) {
      const tile = video.closest<HTMLElement>('[data-testid="call-tile"]');
      if (!tile || tile.textContent?.includes("(you)") || video.videoWidth === 0) continue;
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 36;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(video, 0, 0, 64, 36);
      const { data } = ctx.getImageData(0, 0, 64, 36);
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      out[tile.dataset.name ?? "?"] = sum / (data.length / 4);
    }
    return out;
  });
}

/**
 * The selected candidate pair of each connected peer connection: the local
 * candidate's type ("host", "relay", "prflx") and address, and the remote one's address.
 */
export async function selectedCandidates(page: Page): Promise<Array<{ type: string; address: string; remote: string }>> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [];
    const out: Array<{ type: string; address: string; remote: string }> = [];
    for (const pc of pcs.filter((p) => p.connectionState === "connected")) {
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; nominated?: boolean; state?: string; localCandidateId?: string; remoteCandidateId?: string }) => {
        if (s.type === "candidate-pair" && s.nominated && s.state === "succeeded") {
          const local = stats.get(s.localCandidateId!) as { candidateType: string; address: string };
          const remote = stats.get(s.remoteCandidateId!) as { address: string };
          out.push({ type: local.candidateType, address: local.address, remote: remote.address });
        }
      });
    }
    return out;
  });
}

/** Every address of this machine: Chromium binds its host candidates to each, though the page signals only 127.0.0.1. */
export function machineAddresses(): Set<string> {
  return new Set(Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)));
}

/** Silence is 0; the fake microphone's beep is far above this. */
export const SILENCE_RMS = 0.005;
/** How long a listener waits at most to hear every stream (it stops as soon as it has). */
export const HEAR_WITHIN_MS = 10_000;
