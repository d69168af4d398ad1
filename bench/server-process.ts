import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

/** What the server process measured between `resetStats()` and `stats()`. */
export interface ServerStats {
  /** How late the server's event loop ran a 1 ms timer (ms): time every socket event waited behind other work. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** CPU the server process used (ms, all its threads: the generator's worker too). */
  cpuMs: number;
  /** The share of the time the main thread's event loop was busy (0–1). */
  loopUtilization: number;
  /** Chat messages stored, and how long each caller waited for its row (ms); absent on the baseline. */
  stored?: number;
  storeP50Ms?: number;
  storeP99Ms?: number;
}

/** A member who hosts a party of their own, so may have questions drafted for it. */
export interface DrafterSession {
  cookie: string;
  partyId: string;
}

export interface BenchServer {
  url: string;
  partyIds: string[];
  cookies: string[];
  drafters: DrafterSession[];
  /** Starts the server's measurements afresh (call it when the traffic starts). */
  resetStats(): void;
  stats(): Promise<ServerStats>;
  stop(): void;
}

/** Starts bench/serve.ts in a child process and waits for its ready line. */
export async function startBenchServer(mode: "app" | "baseline", rooms: number, perRoom: number, drafters = 0): Promise<BenchServer> {
  const script = path.join(import.meta.dirname, "serve.ts");
  // BENCH_CPU_PROF=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", script, mode, String(rooms), String(perRoom), String(drafters)], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { port: number; partyIds: string[]; cookies: string[]; drafters: DrafterSession[] };
  return {
    url: `http://127.0.0.1:${ready.port}`,
    partyIds: ready.partyIds,
    cookies: ready.cookies,
    drafters: ready.drafters,
    resetStats: () => child.send("reset"),
    stats: () =>
      new Promise((resolve) => {
        child.once("message", (stats) => resolve(stats as ServerStats));
        child.send("stats");
      }),
    stop: () => child.kill("SIGTERM"),
  };
}
