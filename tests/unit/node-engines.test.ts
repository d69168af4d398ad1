import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, "").split(".").map(Number);
  return [a, b, c];
};
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The engine ranges npm packages use (`>=x`, `^x.y`, `x`, `a || b`, `>=x <y`): enough for this check. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split("||").some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, "$1")
      .split(/\s+/)
      .every((part) => {
        const m = /^(>=|<=|>|<|\^|~)?(\d+(?:\.\d+){0,2})/.exec(part);
        if (!m) return true;
        const [, op, raw] = m;
        const w = parse(raw!);
        const given = raw!.split(".").length;
        switch (op) {
          case ">=":
            return cmp(v, w) >= 0;
          case ">":
            return cmp(v, w) > 0;
          case "<":
            return cmp(v, w) < 0;
          case "<=":
            return cmp(v, w) <= 0;
          case "^":
            return v[0] === w[0] && cmp(v, w) >= 0;
          case "~":
            return v[0] === w[0] && (given < 2 || v[1] === w[1]) && cmp(v, w) >= 0;
          default:
            return v[0] === w[0] && (given < 2 || v[1] === w[1]) && (given < 3 || v[2] === w[2]);
        }
      }),
  );
}

describe("the Node.js version", () => {
  const readme = read("README.md");
  const stated = /You need Node\.js (\d+\.\d+) or newer/.exec(readme)?.[1];
  const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { engines?: { node?: string }; os?: string[]; optional?: boolean }> };
  const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;

  it("the README names one, and package.json's engines and the lock file's agree with it", () => {
    expect(stated).toBeDefined();
    expect(satisfies(`${stated}.0`, engines)).toBe(true);
    // One minor lower is refused: the README's version is the floor, not just a version that works.
    const [major, minor] = parse(stated!);
    expect(satisfies(`${major}.${minor - 1}.0`, engines)).toBe(false);
    expect(lock.packages[""]?.engines?.node).toBe(engines);
  });

  it("every dependency npm ci installs on Linux accepts the README's version and the newer LTS (no EBADENGINE)", () => {
    const refused: string[] = [];
    for (const [name, pkg] of Object.entries(lock.packages)) {
      const range = pkg.engines?.node;
      if (name === "" || !range) continue;
      if (pkg.os && !pkg.os.includes("linux")) continue; // not installed here (a platform binary for another OS)
      if (pkg.optional && /wasm32|wasm-runtime|musl|arm|ppc64|s390x|riscv64|loong64|mips64|ia32|android|aix|sunos|bsd|openharmony/.test(name)) continue;
      for (const version of [`${stated}.0`, "24.0.0"]) if (!satisfies(version, range)) refused.push(`${name} (${range}) refuses ${version}`);
    }
    expect(refused).toEqual([]);
  });

  it("the range check itself refuses what npm would (Node 20 for @prisma/streams-local's >=22)", () => {
    expect(satisfies("20.20.2", ">=22.0.0")).toBe(false);
    expect(satisfies("22.13.0", "^20.19.0 || ^22.13.0 || >=23.5.0")).toBe(true);
    expect(satisfies("22.12.0", "^20.19.0 || ^22.13.0 || >=23.5.0")).toBe(false);
    expect(satisfies("23.1.0", "^22.12 || >=24.0")).toBe(false);
  });
});
