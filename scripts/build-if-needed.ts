// `npm start` builds the Next.js app when there is no build yet or a source
// file is newer than the last build, then the server serves it. Several starts
// at once (a cluster, parallel test runs in one checkout) build once: the
// first takes a lock file, the others wait for it and find the build done.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = ["app", "server", "next.config.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated"]);
const LOCK = path.join(root, ".next-build.lock");

function newestMtime(p: string): number {
  const stat = statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function buildNeeded(): { needed: boolean; built: number } {
  const built = statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return { needed: changed > built, built };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock (true), or says who holds it; a lock left by a process that is gone is taken over. */
function tryLock(): true | number {
  try {
    const fd = openSync(LOCK, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const written = readFileSync(LOCK, "utf8").trim();
    // Empty: its holder has just created it and not yet written its pid.
    if (written === "" && Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5000) return 0;
    const holder = Number(written);
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) return holder;
    rmSync(LOCK, { force: true });
    return tryLock();
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (buildNeeded().needed) {
  let waited = false;
  for (let lock = tryLock(); lock !== true; lock = tryLock()) {
    if (!waited) console.log(`Another start (pid ${lock}) is building the app: waiting for it…`);
    waited = true;
    sleep(500);
  }
  try {
    const { needed, built } = buildNeeded();
    if (needed) {
      console.log(
        built
          ? "Sources changed since the last build: building the app again (about 2–3 minutes; the next start skips this)…"
          : "First start: building the app once (about 2–3 minutes, longer on a busy machine; later starts skip this)…",
      );
      const started = Date.now();
      const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
      process.exitCode = result.status ?? 1;
      if (result.status === 0) console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s: starting the server…`);
    }
  } finally {
    rmSync(LOCK, { force: true });
  }
}
