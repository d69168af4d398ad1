// Debian's Janus as the call's media server for large calls (AudioBridge for
// voice, VideoRoom for a few cameras), on free 127.0.0.1 ports, for
// `npm run cluster`, the call's browser tests, `npm run bench -- voice` and
// `npm start` when asked to (docs/voice.md). It runs with configs of the
// project's own, written to a temporary folder: HTTP and WebSocket transports
// bound to 127.0.0.1, the admin API on its own port with a fresh secret, token
// authentication (the app adds a token per person through the admin API), only
// the two plugins the call uses, and ICE on the loopback interface only.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./coturn";

export interface RunningJanus {
  /** JANUS_URL, JANUS_WS_URL, JANUS_ADMIN_URL, JANUS_ADMIN_SECRET for the app. */
  env: Record<"JANUS_URL" | "JANUS_WS_URL" | "JANUS_ADMIN_URL" | "JANUS_ADMIN_SECRET", string>;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = ["/usr/lib/x86_64-linux-gnu/janus", "/usr/lib/aarch64-linux-gnu/janus", "/usr/lib/janus"].find((dir) => existsSync(dir)) ?? "/usr/lib/janus";

/** Every plugin, transport, event handler and logger the package ships, except those named. */
function allBut(folder: string, keep: string[]): string {
  const names = spawnSync("ls", [path.join(LIB, folder)], { encoding: "utf8" }).stdout.split("\n");
  return names.filter((n) => n.endsWith(".so") && !keep.includes(n)).join(",");
}

export function janusConfigs(options: { httpPort: number; adminPort: number; wsPort: number; adminSecret: string; rtpPorts: [number, number]; dir: string }) {
  const { httpPort, adminPort, wsPort, adminSecret, rtpPorts, dir } = options;
  return {
    "janus.jcfg": `general: {
  configs_folder = "${dir}"
  plugins_folder = "${LIB}/plugins"
  transports_folder = "${LIB}/transports"
  events_folder = "${LIB}/events"
  loggers_folder = "${LIB}/loggers"
  debug_level = 3
  debug_colors = false
  token_auth = true
  admin_secret = "${adminSecret}"
  server_name = "ballard-watch-party"
  session_timeout = 60
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/initrd", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
media: {
  rtp_port_range = "${rtpPorts[0]}-${rtpPorts[1]}"
}
nat: {
  nice_debug = false
  ignore_mdns = true
  ice_enforce_list = "127.0.0.1"
}
plugins: {
  disable = "${allBut("plugins", ["libjanus_audiobridge.so", "libjanus_videoroom.so"])}"
}
transports: {
  disable = "${allBut("transports", ["libjanus_http.so", "libjanus_websockets.so"])}"
}
loggers: {
  disable = "${allBut("loggers", [])}"
}
events: {
  broadcast = false
  disable = "${allBut("events", [])}"
}
`,
    "janus.transport.http.jcfg": `general: {
  json = "compact"
  base_path = "/janus"
  http = true
  port = ${httpPort}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_base_path = "/admin"
  admin_http = true
  admin_port = ${adminPort}
  admin_ip = "127.0.0.1"
  admin_https = false
}
`,
    "janus.transport.websockets.jcfg": `general: {
  json = "compact"
  ws = true
  ws_port = ${wsPort}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
    // Rooms are made and destroyed by the app only (admin_key), with string ids (the party's).
    "janus.plugin.audiobridge.jcfg": `general: {
  admin_key = "${adminSecret}"
  lock_rtp_forward = true
  string_ids = true
  events = false
}
`,
    "janus.plugin.videoroom.jcfg": `general: {
  admin_key = "${adminSecret}"
  lock_rtp_forward = true
  string_ids = true
  events = false
}
`,
  };
}

async function answers(url: string, timeoutMs: number, exited: Promise<never>): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await Promise.race([
      fetch(url, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status < 500,
        () => false,
      ),
      exited,
    ]);
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Janus did not answer on ${url} in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function startJanus(options: { log?: (line: string) => void } = {}): Promise<RunningJanus> {
  if (spawnSync("bash", [path.join(ROOT, "scripts", "ensure-janus.sh")], { stdio: "inherit" }).status !== 0) throw new Error("Janus is needed");
  const binary = process.env.JANUS_PATH ?? (existsSync("/usr/bin/janus") ? "/usr/bin/janus" : "janus");
  const adminSecret = randomBytes(24).toString("base64url");
  const [httpPort, adminPort, wsPort] = [await freePort(), await freePort(), await freePort()];
  // Media on a range of its own, below Linux's ephemeral ports (32768 up), where browsers' and coturn's are: one
  // port per peer connection (bundled), up to 8 per person in a large call (the mix, a camera up, 6 cameras down).
  const first = 20_000 + Math.floor(Math.random() * 25) * 500;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bwp-janus-"));
  for (const [name, text] of Object.entries(janusConfigs({ httpPort, adminPort, wsPort, adminSecret, rtpPorts: [first, first + 499], dir }))) {
    writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  }
  const child = spawn(binary, ["-F", dir, "-C", path.join(dir, "janus.jcfg")], { stdio: ["ignore", "pipe", "pipe"] });
  // JANUS_LOG=<file> keeps its log when the caller does not (the browser tests, `npm run cluster`).
  const logFile = process.env.JANUS_LOG;
  const log = options.log ?? (logFile ? (line: string) => appendFileSync(logFile, `${line}\n`) : undefined);
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => log?.(chunk.toString().trimEnd()));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`Janus exited (code ${code}) before it answered`))));
  exited.catch(() => undefined);
  try {
    await answers(`http://127.0.0.1:${httpPort}/janus/info`, 20_000, exited);
  } catch (error) {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    env: {
      JANUS_URL: `http://127.0.0.1:${httpPort}/janus`,
      JANUS_WS_URL: `ws://127.0.0.1:${wsPort}`,
      JANUS_ADMIN_URL: `http://127.0.0.1:${adminPort}/admin`,
      JANUS_ADMIN_SECRET: adminSecret,
    },
    pid: child.pid!,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => (clearTimeout(force), resolve()));
          child.kill("SIGTERM");
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
