// Debian's coturn as the call's TURN relay on 127.0.0.1, on free ports, for
// `npm run cluster`, the call's browser tests and `npm run bench -- voice`
// (docs/voice.md). Credentials are TURN REST ones minted by the app with the
// shared secret (server/voice/turn-credentials.ts): coturn has no password list.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningCoturn {
  /** TURN_URLS for the app: UDP and TCP on 127.0.0.1. */
  urls: string[];
  secret: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");

/** A TCP port nobody listens on now (coturn takes the same number for UDP). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`coturn did not listen on 127.0.0.1:${port} in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startCoturn(options: { secret?: string; log?: (line: string) => void } = {}): Promise<RunningCoturn> {
  if (spawnSync("bash", [path.join(ROOT, "scripts", "ensure-coturn.sh")], { stdio: "inherit" }).status !== 0) throw new Error("coturn is needed");
  const binary = process.env.TURNSERVER_PATH ?? (existsSync("/usr/bin/turnserver") ? "/usr/bin/turnserver" : "turnserver");
  const secret = options.secret ?? randomBytes(33).toString("base64");
  const port = await freePort();
  // Relayed media on a range of its own above the listening ports (50 allocations at most: a test or a local party).
  const minPort = 40_000 + Math.floor(Math.random() * 400) * 50;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bwp-coturn-"));
  const child = spawn(
    binary,
    [
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${port}`,
      `--min-port=${minPort}`,
      `--max-port=${minPort + 49}`,
      "--use-auth-secret",
      `--static-auth-secret=${secret}`,
      "--realm=ballard-watch-party",
      "--fingerprint",
      "--no-tls",
      "--no-dtls",
      "--no-cli",
      // Only loopback here: every peer is 127.0.0.1 on these machines (coturn refuses loopback peers otherwise).
      "--allow-loopback-peers",
      "--no-multicast-peers",
      `--userdb=${path.join(dir, "turndb")}`,
      `--pidfile=${path.join(dir, "turnserver.pid")}`,
      "--log-file=stdout",
      "--simple-log",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => options.log?.(chunk.toString().trimEnd()));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`coturn exited (code ${code}) before it listened`))));
  await Promise.race([listening(port, 15_000), exited]);
  exited.catch(() => undefined);
  return {
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    secret,
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** TURN_URLS and TURN_SECRET for an app process using this relay. */
export const turnEnv = (turn: RunningCoturn) => ({ TURN_URLS: turn.urls.join(","), TURN_SECRET: turn.secret });
