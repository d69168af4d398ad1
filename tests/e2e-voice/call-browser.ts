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
    // How each of the page's WebSockets ended (the room's Socket.IO connection, Janus's): when, its code, how long
    // since its last message and the page's longest stall of the timer below (a starved page misses pings).
    const closes: string[] = [];
    (window as unknown as { __wsCloses: string[] }).__wsCloses = closes;
    // When a host's word reached the page, when its call status changed, and slow peer connection closes (the latest 30).
    const log: string[] = [];
    (window as unknown as { __callLog: string[] }).__callLog = log;
    const note = (what: string) => {
      log.push(`${new Date().toISOString().slice(11, 23)} ${what}`);
      if (log.length > 30) log.shift();
    };
    let lastStatus = "";
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid="call-status"]')?.textContent ?? "";
      if (status !== lastStatus) note(`status: ${(lastStatus = status)}`);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    const closePc = Original.prototype.close;
    Original.prototype.close = function (this: RTCPeerConnection) {
      const from = performance.now();
      closePc.call(this);
      const took = performance.now() - from;
      if (took > 20) note(`a peer connection's close() took ${Math.round(took)} ms`);
    };
    let lastTick = performance.now();
    let longestStall = 0;
    setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - lastTick - 1000);
      lastTick = now;
    }, 1000);
    const OriginalSocket = window.WebSocket;
    window.WebSocket = class extends OriginalSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        let lastMessage = performance.now();
        let closedHere = false;
        this.addEventListener("message", (e: MessageEvent) => {
          lastMessage = performance.now();
          if (typeof e.data === "string" && e.data.includes('"call:moderated"')) note(`heard ${e.data.slice(e.data.indexOf('"action"'), e.data.indexOf('"action"') + 20)}`);
        });
        const close = this.close.bind(this);
        this.close = (code, reason) => {
          closedHere = true;
          close(code, reason);
        };
        // The page's seat in a large call (its token and room), for a test that tries what a page could send Janus itself.
        const sendAny = this.send.bind(this);
        this.send = (data) => {
          if (typeof data === "string" && data.includes('"call:host"')) note(`sent ${data.slice(data.indexOf('"action"'), data.indexOf('"action"') + 20)}`);
          sendAny(data);
        };
        if (protocols === "janus-protocol") {
          const send = this.send.bind(this);
          this.send = (data) => {
            try {
              const sent = JSON.parse(String(data)) as { token?: string; body?: { room?: string } };
              const seat = ((window as unknown as { __janusSeat?: object }).__janusSeat ??= { url: String(url) }) as { token?: string; room?: string };
              if (sent.token) seat.token = sent.token;
              if (sent.body?.room) seat.room = sent.body.room;
            } catch {
              // not JSON
            }
            send(data);
          };
        }
        this.addEventListener("close", (e) =>
          closes.push(`${new Date().toISOString().slice(11, 23)} ${new URL(String(url)).pathname} code ${e.code} (closed by ${closedHere ? "the page" : "the server"}), ${Math.round(performance.now() - lastMessage)} ms after its last message, longest page stall ${Math.round(longestStall)} ms`),
        );
      }
    } as typeof WebSocket;
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
          closes: (window as unknown as { __wsCloses?: string[] }).__wsCloses ?? [],
          log: (window as unknown as { __callLog?: string[] }).__callLog ?? [],
        }))
        .catch((e: Error) => ({ status: `(page not readable: ${e.message})`, tiles: [], pcs: [], closes: [], log: [] }));
      console.log(`page ${i + 1}: "${state.status}" · tiles: ${state.tiles.join(" | ")} · connections: ${state.pcs.join(" ")}`);
      for (const close of state.closes) console.log(`  page ${i + 1} WebSocket closed: ${close}`);
      for (const line of state.log) console.log(`  page ${i + 1} ${line}`);
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
 * carried over `ms`, by the peer's name: the fake microphone beeps (20 ms)
 * once a second, silence is 0. Each analyser holds the last 32,768 samples
 * (0.68 s at 48 kHz) and every read scans all of them in 50 ms windows, so a
 * page whose timers run late on a loaded machine still sees every sample as
 * long as it reads at least every 0.68 s (a 2,048-sample analyser read every
 * 50 ms saw 43 ms of each 50, and far less once timers slipped: a beep could
 * fall between reads for seconds).
 */
export async function heardEnergy(page: Page, ms = 2500, stopWhenAllAbove?: number): Promise<Record<string, number>> {
  return page.evaluate(async ({ ms, stopWhenAllAbove }) => {
    // Read, not played: no output device, so no audio output stream for it in Chromium's audio service.
    const context = new AudioContext({ sinkId: { type: "none" } } as AudioContextOptions);
    const elements = [...document.querySelectorAll<HTMLAudioElement>('audio[data-testid="call-audio"]')];
    const analysers = elements.map((el) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 32768;
      context.createMediaStreamSource(el.srcObject as MediaStream).connect(analyser);
      return { name: el.dataset.name ?? "?", analyser, max: 0, samples: new Float32Array(32768) };
    });
    const windowSize = Math.round(context.sampleRate * 0.05);
    const step = Math.floor(windowSize / 2);
    const started = performance.now();
    while (performance.now() - started < ms) {
      for (const a of analysers) {
        a.analyser.getFloatTimeDomainData(a.samples);
        for (let from = 0; from + windowSize <= a.samples.length; from += step) {
          let sum = 0;
          for (let i = from; i < from + windowSize; i++) sum += a.samples[i]! * a.samples[i]!;
          a.max = Math.max(a.max, Math.sqrt(sum / windowSize));
        }
      }
      // Listening for sound stops once every stream was heard.
      if (stopWhenAllAbove !== undefined && analysers.every((a) => a.max > stopWhenAllAbove)) break;
      await new Promise((r) => setTimeout(r, 200));
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

/**
 * What Janus answers a page that subscribes, with its own valid token, to another person's camera without
 * the private id of a publisher seat of its own (a removed page that kept its token must not be able to
 * watch on): the VideoRoom's reply to that subscriber join.
 */
export async function subscribeWithoutOwnSeat(page: Page, cameraOf: string): Promise<string> {
  return page.evaluate(async (cameraOf) => {
    const seat = (window as unknown as { __janusSeat?: { url: string; token: string; room: string } }).__janusSeat;
    if (!seat) throw new Error("this page has not talked to Janus");
    const ws = new WebSocket(seat.url, "janus-protocol");
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
    const waiting = new Map<string, (m: Record<string, unknown>) => void>();
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as { janus: string; transaction?: string };
      if (m.janus !== "ack" && m.transaction) waiting.get(m.transaction)?.(m);
    };
    let n = 0;
    const send = (body: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const transaction = `t${++n}`;
        waiting.set(transaction, resolve);
        ws.send(JSON.stringify({ ...body, transaction, token: seat.token }));
      });
    type Reply = { data?: { id: number }; plugindata?: { data: Record<string, unknown> } };
    const session = ((await send({ janus: "create" })) as Reply).data!.id;
    const handle = ((await send({ janus: "attach", plugin: "janus.plugin.videoroom", session_id: session })) as Reply).data!.id;
    const ask = async (body: Record<string, unknown>) => ((await send({ janus: "message", session_id: session, handle_id: handle, body })) as Reply).plugindata?.data ?? {};
    const listed = await ask({ request: "listparticipants", room: seat.room });
    const camera = ((listed.participants ?? []) as Array<{ id: string; display: string; publisher: boolean }>).find((p) => p.display === cameraOf && p.publisher);
    if (!camera) throw new Error(`no camera of ${cameraOf} in the room: ${JSON.stringify(listed)}`);
    const joined = await ask({ request: "join", ptype: "subscriber", room: seat.room, streams: [{ feed: camera.id }], token: seat.token });
    ws.close();
    return JSON.stringify(joined);
  }, cameraOf);
}
