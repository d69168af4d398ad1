// HAProxy in front of app processes, from deploy/haproxy.cfg: what `npm run cluster`
// (scripts/cluster.ts) and the cluster capacity benchmark (bench/balancer.ts) both start.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Debian's HAProxy (scripts/ensure-haproxy.sh), or HAPROXY_PATH. */
export const haproxyBinary = () => process.env.HAPROXY_PATH ?? (existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy");

/**
 * Writes deploy/haproxy.cfg with one `server` line per port to `configFile`,
 * checks it with HAProxy, and returns the environment HAProxy runs it with
 * (listening on `bind`:`port`); start it with `haproxy -db -f <configFile>`.
 */
export function writeHaproxyConfig(configFile: string, ports: number[], listen: { bind: string; port: number }): NodeJS.ProcessEnv {
  const servers = ports.map((port, i) => `    server app${i + 1} 127.0.0.1:${port} cookie app${i + 1}\n`).join("");
  writeFileSync(configFile, `${readFileSync(path.join(ROOT, "deploy", "haproxy.cfg"), "utf8")}${servers}`);
  const env = { ...process.env, BWP_BIND: listen.bind, BWP_PORT: String(listen.port) };
  const check = spawnSync(haproxyBinary(), ["-c", "-q", "-f", configFile], { env, encoding: "utf8" });
  if (check.status !== 0) throw new Error(`HAProxy refused ${configFile}:\n${check.stderr}${check.stdout}`);
  return env;
}
