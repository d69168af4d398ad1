// `npm run bench -- voice`: real calls between fake-media Chromium pages on this
// machine (docs/voice.md). For the mesh with 2, 4 and 6 people it measures
// joining (press "Join call" → every other peer connected), mouth to ear (the
// sender's fake-microphone beep onset → the receiver's detected onset, both on
// this machine's clock) and the CPU the app process and coturn used per
// participant while the call ran. VOICE_SIZES=2,4 picks the sizes. The large
// call through Janus (JANUS_SIZES, default 7,12,20) is measured the same way:
// the host makes it a large call, the others join it, everyone but the host
// mutes (a mix of many beeps has no onsets to time), and the media server's
// CPU is Janus's. The bench starts Janus itself (scripts/janus.ts) and times
// the app's requests to it from a session of its own, as another process of
// the app would: a room made (and destroyed), a host's mute and a kick in the
// live call (janusRoomCreateMs, janusMuteMs: the slowest of 5; janusKickMs).
// BENCH_PORT sets the app's port (a free one otherwise); BENCH_JANUS_LOG=<file> keeps Janus's log. Each round also
// reports the pages' CPU per participant (all of Chromium's processes) and the 1-minute load at its start and end;
// BENCH_CAMERAS=n turns the first n people's cameras on (default none).
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { freePort } from "../scripts/coturn";
import { processCpuMs } from "./balancer";
import { startJanus, type RunningJanus } from "../scripts/janus";
import { JanusGateway } from "../server/voice/janus-gateway";
import { createParty, expectConnected, guestFrom, joinCall, memberIn } from "../tests/e2e-voice/call-browser";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const TICKS = 100;

/** CPU ms (user + system) of the processes named `comm` (or whose name passes it) under `rootPid`, from /proc. */
function cpuMsOf(rootPid: number, comm: string | ((name: string) => boolean)): number {
  const counts = typeof comm === "string" ? (name: string) => name === comm : comm;
  let total = 0;
  const walk = (pid: number) => {
    for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
      try {
        const fields = readFileSync(`/proc/${d}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
        if (Number(fields[1]) !== pid) continue;
        if (counts(readFileSync(`/proc/${d}/comm`, "utf8").trim())) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
        walk(Number(d));
      } catch {
        // gone
      }
    }
  };
  walk(rootPid);
  return total;
}

/** CPU ms (user + system) of every Chromium process this bench started (the browser, its renderers, GPU, audio and network services). */
const browserCpuMs = () => cpuMsOf(process.pid, (comm) => comm.startsWith("chrom"));

/** CPU ms (user + system, all threads) of one process, from /proc. */
function cpuMsOfProcess(pid: number): number {
  try {
    return processCpuMs(pid);
  } catch {
    return 0;
  }
}

/** The 1-minute load average. */
const loadAverage = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return Math.round(performance.now() - started);
}

const p95 = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!);
};

/**
 * Starts listening for beep onsets in a page: the own microphone ("self") and
 * every remote audio element, by name; epoch ms. Each stream's analyser holds
 * its last 16,384 samples (0.34 s at 48 kHz); a read every 40 ms scans the
 * samples it has not scanned yet in 128-sample blocks and dates each block
 * from its place in the buffer (the last sample is "now"), so an onset's time
 * does not depend on when the page's timer happened to fire. (Polling a
 * 256-sample analyser every few ms dated an onset at the first read that fell
 * inside the 20 ms beep: on a loaded machine that was late or never, and six
 * pages × six streams of 4 ms timers were a load of their own.)
 */
async function listenForOnsets(page: Page): Promise<void> {
  await page.evaluate(() => {
    const context = new AudioContext();
    const onsets: Record<string, number[]> = {};
    (window as unknown as { __onsets: typeof onsets }).__onsets = onsets;
    const SIZE = 16384;
    const BLOCK = 128;
    const msPerSample = 1000 / context.sampleRate;
    const watch = (name: string, stream: MediaStream) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = SIZE;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(SIZE);
      // Epoch ms of the end of the last block scanned, and of the last loud block.
      let scannedTo = 0;
      // A beep already sounding when listening starts has no onset to time.
      let lastLoud = performance.timeOrigin + performance.now();
      onsets[name] = [];
      setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        const now = performance.timeOrigin + performance.now();
        for (let from = 0; from + BLOCK <= SIZE; from += BLOCK) {
          const end = now - (SIZE - from - BLOCK) * msPerSample;
          if (end <= scannedTo) continue;
          let sum = 0;
          for (let i = from; i < from + BLOCK; i++) sum += samples[i]! * samples[i]!;
          if (Math.sqrt(sum / BLOCK) > 0.02) {
            if (end - lastLoud > 300) onsets[name]!.push(end - BLOCK * msPerSample);
            lastLoud = end;
          }
          scannedTo = end;
        }
      }, 40);
    };
    void navigator.mediaDevices.getUserMedia({ audio: true }).then((s) => watch("self", s));
    for (const el of document.querySelectorAll<HTMLAudioElement>('audio[data-testid="call-audio"]')) watch(el.dataset.name ?? "?", el.srcObject as MediaStream);
  });
}

async function startApp(janus: RunningJanus | undefined): Promise<{ url: string; child: ChildProcess }> {
  const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/with-coturn.ts", "npx", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...janus?.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: path.join(os.tmpdir(), `bwp-bench-voice-${process.pid}`),
      AUTH_SECRET: "bench-secret-that-is-at-least-32-characters",
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const url = `http://localhost:${port}`;
  for (const started = Date.now(); ; ) {
    if ((await fetch(`${url}/api/health`).then((r) => r.status, () => 0)) === 200) break;
    if (Date.now() - started > 300_000) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, child };
}

async function callRound(browser: Browser, size: number, baseURL: string, appPid: number, janus: { pid: number; gateway: JanusGateway } | undefined) {
  const large = janus !== undefined;
  const mediaServer = large ? "janus" : "turnserver";
  const mediaCpu = () => (janus ? cpuMsOfProcess(janus.pid) : cpuMsOf(appPid, mediaServer));
  // tsx (esbuild) names functions with a __name helper, which functions sent to a page refer to: give the page one.
  const newContext = async (o?: object) => {
    const made = await browser.newContext({ baseURL, permissions: ["microphone", "camera"], ...o });
    await made.addInitScript("window.__name = (f) => f;");
    return made;
  };
  const context = { newContext };
  const fakeBrowser = { ...browser, newContext: context.newContext } as unknown as Browser;
  const host = await memberIn(fakeBrowser, "Bench Host");
  const partyId = await createParty(host, `Voice bench ${size}`);
  const people: Page[] = [host];
  const cameras = Math.min(size, Number(process.env.BENCH_CAMERAS ?? 0));
  const loadStart = loadAverage();
  for (let i = 2; i <= size; i++) people.push(await guestFrom(fakeBrowser, `Bench ${i}`));
  try {
    for (const page of people) await page.goto(`/parties/${partyId}/room`);
    const joins: number[] = [];
    const cpuBefore = { app: cpuMsOf(appPid, "node"), media: mediaCpu(), browser: browserCpuMs() };
    const started = Date.now();
    for (const [i, page] of people.entries()) {
      const t0 = Date.now();
      await joinCall(page, partyId, i).catch(async (error: unknown) => {
        // What each page's peer connections were doing when one did not connect (stderr: the last line stays the JSON).
        for (const [j, p] of people.slice(0, i + 1).entries()) {
          const states = await p
            .evaluate(() => ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).map((pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}`).join(" "))
            .catch(() => "?");
          process.stderr.write(`${size} people, joining #${i + 1}: page ${j + 1}: ${states}\n`);
        }
        throw error;
      });
      joins.push(Date.now() - t0);
      if (large && i === 0) {
        // The host makes it a large call: the page joins again through Janus (its mixed stream is the one audio element).
        await page.getByRole("button", { name: "Make it a large call" }).click();
        await page.locator('audio[data-testid="call-audio"][data-name="Everyone"]').waitFor({ state: "attached", timeout: 30_000 });
        await expectConnected(page, 0);
      }
    }
    // BENCH_CAMERAS=n: the first n people turn their cameras on (what a camera costs the pages, the mesh and Janus).
    for (const page of people.slice(0, cameras)) {
      await page.getByRole("button", { name: "Camera on" }).click();
      await page.getByRole("button", { name: "Camera off" }).waitFor({ timeout: 30_000 });
    }
    // Only the host talks in a large call: the mix of many beeps would have no onsets.
    if (large) for (const page of people.slice(1)) await page.getByRole("button", { name: "Mute", exact: true }).click();
    for (const page of people) await listenForOnsets(page);
    await new Promise((r) => setTimeout(r, 8000));
    const elapsedMs = Date.now() - started;
    const cpu = { app: cpuMsOf(appPid, "node") - cpuBefore.app, media: mediaCpu() - cpuBefore.media, browser: browserCpuMs() - cpuBefore.browser };
    const names = ["Bench Host", ...Array.from({ length: size - 1 }, (_, i) => `Bench ${i + 2}`)];
    const onsets = await Promise.all(people.map((p) => p.evaluate(() => (window as unknown as { __onsets: Record<string, number[]> }).__onsets)));
    const delays: number[] = [];
    for (const [receiver, heard] of onsets.entries()) {
      for (const [name, times] of Object.entries(heard)) {
        if (name === "self") continue;
        // The mix ("Everyone") carries the host's beep.
        const sent = onsets[name === "Everyone" ? 0 : names.indexOf(name)]?.self ?? [];
        for (const t of times) {
          const before = sent.filter((s) => s <= t && t - s < 900).at(-1);
          if (before !== undefined) delays.push(t - before);
        }
        void receiver;
      }
    }
    // The app's requests to Janus, timed from a session of the bench's own, in the live call (after the listening).
    let janusTimes: { janusRoomCreateMs: number; janusMuteMs: number; janusKickMs: number } | undefined;
    if (janus) {
      const target = await people[1]!.evaluate(() => fetch("/api/auth/session").then((r) => r.json() as Promise<{ user: { id: string } }>).then((s) => s.user.id));
      const roomCreate: number[] = [];
      const mute: number[] = [];
      for (let i = 0; i < 5; i++) {
        const scratch = `bench-${process.pid}-${size}-${i}`;
        roomCreate.push(await timed(() => janus.gateway.openRooms(scratch)));
        await janus.gateway.closeRooms(scratch);
        mute.push(await timed(() => janus.gateway.mute(partyId, target, i % 2 === 1)));
      }
      janusTimes = { janusRoomCreateMs: Math.max(...roomCreate), janusMuteMs: Math.max(...mute), janusKickMs: await timed(() => janus.gateway.kick(partyId, target)) };
    }
    return {
      path: large ? "janus" : "mesh",
      people: size,
      joinCallP95Ms: p95(joins),
      mouthToEarP95Ms: p95(delays),
      mouthToEarSamples: delays.length,
      serverCpuMsPerParticipantPerS: Math.round((cpu.app / size / (elapsedMs / 1000)) * 100) / 100,
      mediaServer,
      mediaServerCpuMsPerParticipantPerS: Math.round((cpu.media / size / (elapsedMs / 1000)) * 100) / 100,
      // Each participant's page (all of Chromium's processes, shared out): what a person's own machine spends.
      pageCpuMsPerParticipantPerS: Math.round((cpu.browser / size / (elapsedMs / 1000)) * 100) / 100,
      cameras,
      loadStartEnd: [loadStart, loadAverage()],
      ...janusTimes,
    };

  } finally {
    for (const page of people) await page.context().close().catch(() => undefined);
  }
}

export async function runVoiceBench(): Promise<object> {
  if (!CHROMIUM) throw new Error("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH.");
  const sizes = (process.env.VOICE_SIZES ?? "2,4,6").split(",").filter(Boolean).map(Number);
  const largeSizes = (process.env.JANUS_SIZES ?? "7,12,20").split(",").filter(Boolean).map(Number);
  const janus = largeSizes.length > 0 ? await startJanus(process.env.BENCH_JANUS_LOG ? { log: (line) => appendFileSync(process.env.BENCH_JANUS_LOG!, `${line}\n`) } : {}) : undefined;
  const gateway = janus ? new JanusGateway({ url: janus.env.JANUS_URL, wsUrl: janus.env.JANUS_WS_URL, adminUrl: janus.env.JANUS_ADMIN_URL, adminSecret: janus.env.JANUS_ADMIN_SECRET }) : undefined;
  gateway?.warm();
  const app = await startApp(janus);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
      "--allow-loopback-in-peer-connection",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
    ],
  });
  const rounds: Array<Awaited<ReturnType<typeof callRound>>> = [];
  const failed: Array<{ path: string; people: number; error: string }> = [];
  try {
    for (const [size, large] of [...sizes.map((n) => [n, false] as const), ...largeSizes.map((n) => [n, true] as const)]) {
      // A size the machine cannot hold (pages that never connect) is reported, not fatal.
      const round = await callRound(browser, size, app.url, app.child.pid!, large && janus && gateway ? { pid: janus.pid, gateway } : undefined).catch((error: unknown) => {
        failed.push({ path: large ? "janus" : "mesh", people: size, error: String((error as Error).message).split("\n")[0]! });
        return null;
      });
      if (!round) continue;
      process.stdout.write(`${JSON.stringify(round)}\n`);
      rounds.push(round);
    }
  } finally {
    await browser.close();
    process.kill(-app.child.pid!, "SIGTERM");
    gateway?.stop();
    await janus?.stop();
  }
  const worst = (key: "joinCallP95Ms" | "mouthToEarP95Ms") => Math.max(...rounds.map((r) => r[key] ?? Infinity));
  return {
    bench: "voice",
    mouthToEarP95Ms: worst("mouthToEarP95Ms"),
    joinCallP95Ms: worst("joinCallP95Ms"),
    rounds,
    failed,
    cpuNote: "cpuMs per participant per second of the call; media server = coturn for the mesh (idle unless someone relays), Janus for the large call",
  };
}
