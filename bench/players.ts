/**
 * players: N headless Chromium viewers (each its own profile with the
 * unpacked extension) follow one party on the local test page's <video>,
 * while the host's connection issues play, seek and pause.
 *   convergeMs: from a command until every video is within `inSyncMs` of the
 *     party clock (each reading against the clock at its own instant);
 *   spreadMs: the spread of the videos' positions while playing, sampled
 *     every 200 ms for 4 s after each play or seek has converged.
 *   rateFightWorstMs: the worst error (|video − party clock|) of the viewer on
 *     the page that holds its own rate (0.96), read every 250 ms over 60 s of
 *     playing, after it first converged.
 * The viewers' pages are the harder ones (tests/e2e/extension-pages.ts), in
 * turn: a preview beside the episode, shadow roots, a cross-origin frame, a
 * site holding its rate. BENCH_VIEWERS (default 4) sets N; BENCH_FIGHT_S (60)
 * the rate fight's length.
 */
import { io as connect, type Socket } from "socket.io-client";
import { positionAt, type ClockState } from "../shared/party-clock";
import { SYNC_THRESHOLDS } from "../shared/sync-thresholds";
import type { AckResult, ClientEvents, ServerEvents } from "../server/realtime/protocol";
import type { ExtensionLinkGrant } from "../server/extension/link-extension.types";
import type { PageMessage } from "../extension/src/messages";
import { buildTestExtension, launchWithExtension, openSyncedPlayer, otherOrigin, readVideo, spreadMs, type ExtensionBrowser, type VideoReading } from "../tests/e2e/extension-browser";
import type { TestPageName } from "../tests/e2e/extension-pages";
import { percentile } from "./clients";
import { startBenchServer } from "./server-process";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 4);
const SPREAD_SAMPLES = 20;
const SPREAD_EVERY_MS = 200;
const GIVE_UP_MS = 30_000;
const FIGHT_MS = Number(process.env.BENCH_FIGHT_S ?? 60) * 1000;
const PAGES: TestPageName[] = ["player", "shadow", "frame", "rate"];
type Loose = { emitWithAck(event: string, payload: unknown): Promise<AckResult<unknown>> };
type Command = { type: "play" } | { type: "pause" } | { type: "seek"; positionMs: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPlayersBench() {
  const server = await startBenchServer("app", 1, VIEWERS);
  const partyId = server.partyIds[0]!;
  const viewers: ExtensionBrowser[] = [];
  try {
    const extensionDir = await buildTestExtension(server.url, { extraHosts: [otherOrigin(server.url)] });
    const players: Awaited<ReturnType<typeof openSyncedPlayer>>[] = [];
    for (const cookie of server.cookies) {
      const viewer = await launchWithExtension({ extensionDir, baseURL: server.url });
      viewers.push(viewer);
      const response = await fetch(`${server.url}/api/parties/${partyId}/extension-token`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: "{}",
      });
      if (!response.ok) throw new Error(`linking failed: ${response.status}`);
      const grant = (await response.json()) as ExtensionLinkGrant;
      // As the room page does: the token goes to the extension's bridge on the app's origin.
      const page = await viewer.context.newPage();
      await page.goto("/extension-test/link");
      const link: PageMessage = { source: "bwp-page", type: "link", partyId, title: grant.party.title, token: grant.token, invite: null };
      await page.evaluate((message) => window.postMessage(message, location.origin), link);
      while ((await viewer.ask({ type: "status" }))?.state !== "following") await sleep(100);
      await page.close();
      players.push(await openSyncedPlayer(viewer, PAGES[players.length % PAGES.length]));
    }

    // The host's party page, as a connection of its own.
    const host: Socket<ServerEvents, ClientEvents> = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie: server.cookies[0]! }, forceNew: true });
    host.on("clock:ping", (_payload, ack) => ack());
    await new Promise<void>((resolve, reject) => {
      host.once("connect", () => resolve());
      host.once("connect_error", reject);
    });
    const call = async (event: string, payload: unknown) => {
      const result = await (host.timeout(10_000) as unknown as Loose).emitWithAck(event, payload);
      if (!result.ok) throw new Error(`${event}: ${result.error.message}`);
      return result.data;
    };
    await call("room:join", { partyId });

    const within = SYNC_THRESHOLDS.inSyncMs;
    const readAll = () => Promise.all(players.map(readVideo));
    const onClock = (clock: ClockState, readings: VideoReading[]) =>
      readings.every((r) => Math.abs(r.ms - positionAt(clock, r.at)) <= within && r.paused === !clock.playing);

    const script: Command[] = [
      { type: "play" },
      { type: "seek", positionMs: 40_000 },
      { type: "pause" },
      { type: "play" },
      { type: "seek", positionMs: 15_000 },
      { type: "seek", positionMs: 90_000 },
      { type: "pause" },
      { type: "seek", positionMs: 120_000 },
      { type: "play" },
      { type: "seek", positionMs: 60_000 },
      { type: "pause" },
    ];
    const converge: number[] = [];
    const spreads: number[] = [];
    let unconverged = 0;
    for (const command of script) {
      const sent = Date.now();
      const { clock } = (await call("clock:command", { partyId, command })) as { clock: ClockState };
      let done: number | null = null;
      while (Date.now() - sent < GIVE_UP_MS) {
        const readings = await readAll();
        if (onClock(clock, readings)) {
          done = Math.min(...readings.map((r) => r.at)) - sent;
          break;
        }
        await sleep(20);
      }
      if (done === null) unconverged += 1;
      else converge.push(done);
      if (clock.playing) {
        for (let i = 0; i < SPREAD_SAMPLES; i++) {
          spreads.push(spreadMs(await readAll()));
          await sleep(SPREAD_EVERY_MS);
        }
      }
    }
    // The rate fight: the party plays; the site on the "rate" page keeps putting back its own rate.
    const fighter = players[PAGES.indexOf("rate")];
    let rateFightWorstMs = Number.NaN;
    let rateFightSamples = 0;
    if (fighter) {
      const { clock } = (await call("clock:command", { partyId, command: { type: "play" } })) as { clock: ClockState };
      const errorOf = (r: VideoReading) => Math.abs(r.ms - positionAt(clock, r.at));
      const sent = Date.now();
      while (Date.now() - sent < GIVE_UP_MS && errorOf(await readVideo(fighter)) > within) await sleep(50);
      const start = Date.now();
      rateFightWorstMs = 0;
      while (Date.now() - start < FIGHT_MS) {
        rateFightWorstMs = Math.max(rateFightWorstMs, errorOf(await readVideo(fighter)));
        rateFightSamples += 1;
        await sleep(250);
      }
    }
    host.close();

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const c = sorted(converge);
    const s = sorted(spreads);
    const round = (n: number) => Math.round(n);
    return {
      bench: "players",
      viewers: VIEWERS,
      pages: players.map((_, i) => PAGES[i % PAGES.length]),
      commands: script.length,
      unconverged,
      thresholdMs: within,
      convergeP50Ms: round(percentile(c, 50)),
      convergeP95Ms: round(percentile(c, 95)),
      convergeMaxMs: round(c.at(-1) ?? Number.NaN),
      spreadSamples: s.length,
      spreadP50Ms: round(percentile(s, 50)),
      spreadP95Ms: round(percentile(s, 95)),
      spreadMaxMs: round(s.at(-1) ?? Number.NaN),
      rateFightS: FIGHT_MS / 1000,
      rateFightSamples,
      rateFightWorstMs: round(rateFightWorstMs),
    };
  } finally {
    for (const viewer of viewers) await viewer.close().catch(() => undefined);
    server.stop();
  }
}
