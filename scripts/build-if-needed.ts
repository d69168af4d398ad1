// `npm start` builds the Next.js app when there is no build yet or a source
// file is newer than the last build, then the server serves it.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = ["app", "server", "next.config.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated"]);

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

const built = statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
if (changed > built) {
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building…");
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  process.exit(result.status ?? 1);
}
