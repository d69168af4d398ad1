import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpEdge } from "@/server/http/http-edge";
import { createOriginPolicy } from "@/server/http/origin-policy";
import { haproxyBinary, writeHaproxyConfig } from "../../scripts/haproxy";
import { waitFor } from "../support/socket-calls";

const TOKEN = "metrics-token-for-the-path-test";
const METRIC = "bwp_path_test_metric 1";

/** One raw GET with the path exactly as given (fetch would normalise it first). */
function get(port: number, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: target, headers: { authorization: `Bearer ${TOKEN}`, ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * deploy/haproxy.cfg in front of the app's HTTP edge serving /metrics (with a
 * token, so only the balancer's rule stands between a caller and it): a path
 * that the app reads as /metrics must not get through the balancer.
 */
describe("paths through HAProxy (deploy/haproxy.cfg)", () => {
  let app: Server;
  let appPort: number;
  let balancerPort: number;
  let haproxy: ChildProcess;
  let dir: string;

  beforeAll(async () => {
    // As the cluster tier does: HAProxy is installed by the project's own script when missing.
    expect(spawnSync("bash", ["scripts/ensure-haproxy.sh"], { stdio: "inherit" }).status).toBe(0);
    const origins = createOriginPolicy({ authUrl: undefined, allowedOrigins: [], trustProxyHops: 1 });
    const edge = createHttpEdge(
      {
        origins,
        trustProxyHops: 1,
        dev: false,
        oauthProviders: [],
        renewSession: async () => [],
        logger: pino({ level: "silent" }),
        metrics: { render: async () => ({ contentType: "text/plain", body: `${METRIC}\n` }), token: TOKEN },
      },
      async (req, res) => {
        res.writeHead(req.url === "/api/health" ? 200 : 404, { "content-type": "text/plain" });
        res.end(req.url === "/api/health" ? "ok" : "not here");
      },
    );
    app = createServer(edge);
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appPort = (app.address() as AddressInfo).port;
    balancerPort = await freePort();
    dir = mkdtempSync(path.join(os.tmpdir(), "bwp-haproxy-"));
    const config = path.join(dir, "haproxy.cfg");
    // Written and started as `npm run cluster` does (scripts/haproxy.ts).
    const env = writeHaproxyConfig(config, [appPort], { bind: "127.0.0.1", port: balancerPort });
    haproxy = spawn(haproxyBinary(), ["-db", "-f", config], { env, stdio: "ignore" });
    // Up once the balancer passes a request on (its health check has found the app).
    await waitFor(async () => (await get(balancerPort, "/api/health").catch(() => ({ status: 0 }))).status === 200, "HAProxy", 20_000);
  }, 60_000);

  afterAll(async () => {
    haproxy?.kill("SIGTERM");
    await new Promise<void>((resolve) => app?.close(() => resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const FORMS_OF_METRICS = [
    "/metrics",
    "/METRICS",
    "/metrics/",
    "/./metrics",
    "/api/../metrics",
    "/%2e/metrics",
    "/%2E%2E/metrics",
    "/api/%2e%2e/metrics",
    "/api/.%2e/metrics",
    "/x/./../metrics",
    "/metrics/.",
    "//metrics",
    "//evil/metrics",
    "/api\\..\\metrics",
    "/api%5c..%5cmetrics",
  ];

  it("the app itself reads several of these as /metrics (so the balancer's rule has to hold)", async () => {
    for (const target of ["/metrics", "/./metrics", "/api/../metrics", "/%2e/metrics", "/api\\..\\metrics"]) {
      expect((await get(appPort, target)).body, target).toContain(METRIC);
    }
    // A target starting "//" is a path, not another host: it is not /metrics.
    expect((await get(appPort, "//evil/metrics")).body).not.toContain(METRIC);
  });

  it.each(FORMS_OF_METRICS)("never serves the metrics for %s through the balancer", async (target) => {
    const { status, body } = await get(balancerPort, target);
    expect(body).not.toContain(METRIC);
    expect([400, 404]).toContain(status);
  });

  it("passes normal paths on, and refuses a path that is not in normal form with 400", async () => {
    expect((await get(balancerPort, "/api/health")).status).toBe(200);
    expect((await get(balancerPort, "/parties/abc")).status).toBe(404);
    expect((await get(balancerPort, "/parties/./abc")).status).toBe(400);
    expect((await get(balancerPort, "/parties/v1.2/abc")).status).toBe(404);
  });
});
