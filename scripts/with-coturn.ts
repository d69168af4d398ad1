// `tsx scripts/with-coturn.ts [--janus] <command…>`: runs the command with
// coturn on free 127.0.0.1 ports and TURN_URLS/TURN_SECRET set for it (and,
// with --janus, Janus for large calls with JANUS_* set); stops them when the
// command ends (or on SIGINT/SIGTERM, passed on). The call's browser tests
// start their server this way (playwright.voice.config.ts), and `npm start`
// with START_JANUS=1.
import { spawn } from "node:child_process";
import { startCoturn, turnEnv } from "./coturn";
import { startJanus, type RunningJanus } from "./janus";

const argv = process.argv.slice(2);
const withJanus = argv[0] === "--janus";
const [command, ...args] = withJanus ? argv.slice(1) : argv;
if (!command) {
  console.error("Usage: tsx scripts/with-coturn.ts [--janus] <command> [args…]");
  process.exit(2);
}
const turn = await startCoturn();
process.stdout.write(`[coturn] relaying on 127.0.0.1:${turn.port}\n`);
let janus: RunningJanus | undefined;
if (withJanus) {
  janus = await startJanus();
  process.stdout.write(`[janus] large calls through ${janus.env.JANUS_URL}\n`);
}
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...turnEnv(turn), ...(janus ? janus.env : {}) } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  void Promise.all([turn.stop(), janus?.stop()]).then(() => process.exit(code ?? (signal ? 1 : 0)));
});
