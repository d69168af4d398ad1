import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import clusterConfig from "./playwright.cluster.config";
import { CLUSTER_PORT } from "./tests/e2e/cluster-ports";

/**
 * The call's browser tests (tests/e2e-voice, docs/voice.md): Chromium with a
 * fake camera and a beeping fake microphone, media on 127.0.0.1 only, and
 * coturn and Janus on free 127.0.0.1 ports. `npm run test:e2e:voice` runs them on one
 * process (scripts/with-coturn.ts --janus starts coturn and Janus, then the server);
 * `npm run test:e2e:voice:cluster` through HAProxy in front of two processes
 * (`npm run cluster`, which starts coturn and Janus), each browser on another process.
 */
const cluster = process.env.E2E_VOICE_CLUSTER === "1";
// The cluster config marks every run as through the balancer (tests/e2e/support.ts newPage): only this one's cluster mode is.
if (!cluster) delete process.env.E2E_CLUSTER;
const PORT = cluster ? CLUSTER_PORT : Number(process.env.E2E_PORT ?? 3210);
const baseWebServer = Array.isArray(base.webServer) ? base.webServer[0]! : base.webServer!;

export default defineConfig({
  ...base,
  testDir: "tests/e2e-voice",
  testIgnore: [],
  timeout: 120_000,
  use: {
    ...base.use,
    baseURL: `http://localhost:${PORT}`,
    // Traces without the screencast: it had every page's frames read back and JPEG-encoded as they changed (1,750
    // frames in one seven-person run), a fifth to a third of a core of this 2-core machine while the call pages need
    // it all. The DOM snapshots of each step are kept.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true },
    permissions: ["microphone", "camera"],
    launchOptions: {
      ...base.use?.launchOptions,
      args: [
        ...(base.use?.launchOptions?.args ?? []),
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
        // Media on loopback only: 127.0.0.1 host candidates (the page passes on no others) or coturn's relay on 127.0.0.1.
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
      ],
    },
  },
  webServer: cluster
    ? clusterConfig.webServer
    : {
        ...baseWebServer,
        command: "npx tsx scripts/build-if-needed.ts && npx tsx scripts/with-coturn.ts --janus npx tsx server/main.ts",
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});
