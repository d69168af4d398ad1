import { CLUSTER_PROCESS_PORTS } from "../../playwright.cluster.config";

/**
 * After the browser tests through the balancer: every process must have served
 * some of their connections (read from each process's own /metrics), or the
 * run proved nothing about several processes.
 */
export default async function clusterTeardown(): Promise<void> {
  const served = await Promise.all(
    CLUSTER_PROCESS_PORTS.map(async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith("bwp_socket_connections_total{"));
      return { port, connections: Number(line?.split(" ").at(-1) ?? 0) };
    }),
  );
  const idle = served.filter((s) => !(s.connections > 0));
  if (idle.length > 0) throw new Error(`no browser connection reached the process on port ${idle.map((s) => s.port).join(", ")}: ${JSON.stringify(served)}`);
  process.stdout.write(`connections per process: ${served.map((s) => `${s.port}: ${s.connections}`).join(", ")}\n`);
}
