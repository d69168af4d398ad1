/**
 * The cluster as `npm run cluster` runs it, for the capacity benchmark:
 * `processes` app processes in the cluster topology (bench/server-process.ts
 * `startBenchCluster`) and HAProxy in front of them with deploy/haproxy.cfg
 * (scripts/haproxy.ts), its config written to a temporary folder.
 * BENCH_BALANCER_PORT names HAProxy's port, the processes taking the next ones;
 * without it every port is a free one.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/coturn";
import { haproxyBinary, writeHaproxyConfig } from "../scripts/haproxy";
import { sleep } from "./clients";
import { startBenchCluster } from "./server-process";

/** CPU a process has used so far (ms, user + system), from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  // utime and stime, fields 14 and 15 of the line (11 and 12 after the command), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function startBalancedCluster(processes: number, databaseUrl: string) {
  const first = Number(process.env.BENCH_BALANCER_PORT ?? 0);
  const balancerPort = first || (await freePort());
  const ports = first ? Array.from({ length: processes }, (_, i) => first + 1 + i) : await Promise.all(Array.from({ length: processes }, () => freePort()));
  const cluster = await startBenchCluster(processes, databaseUrl, ports);
  const dir = mkdtempSync(path.join(os.tmpdir(), "bwp-bench-haproxy-"));
  const configFile = path.join(dir, "haproxy.cfg");
  const haproxy = spawn(haproxyBinary(), ["-db", "-f", configFile], {
    env: writeHaproxyConfig(configFile, ports, { bind: "127.0.0.1", port: balancerPort }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${balancerPort}`;
  const stop = async () => {
    await cluster.stop();
    await new Promise<void>((resolve) => {
      if (haproxy.exitCode !== null || haproxy.signalCode !== null) return resolve();
      haproxy.once("exit", () => resolve());
      haproxy.kill("SIGTERM");
    });
    rmSync(dir, { recursive: true, force: true });
  };
  // Up once HAProxy counts every process healthy (`rise 2`, checks a second apart): until then it answers 503.
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (tries > 60) {
      await stop();
      throw new Error(`HAProxy on ${url} did not answer healthy in 30 s`);
    }
    await sleep(500);
  }
  await sleep(3000);
  return {
    url,
    servers: cluster.servers,
    haproxyPid: haproxy.pid!,
    stop,
  };
}
