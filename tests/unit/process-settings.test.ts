import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_PROCESS_ENV } from "@/server/process-settings";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("a server process's start-up settings", () => {
  it("are the same in `npm start` as in the cluster and the benchmarks' server", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start!;
    const server = start.split("&&").map((part) => part.trim()).find((part) => part.endsWith("server/main.ts"));
    const assignments = Object.entries(SERVER_PROCESS_ENV).map(([name, value]) => `${name}=${value}`);
    expect(server).toBe(`${assignments.join(" ")} tsx server/main.ts`);
    expect(read("scripts/cluster.ts")).toContain("...SERVER_PROCESS_ENV,");
    expect(read("bench/server-process.ts")).toContain("...SERVER_PROCESS_ENV,");
  });
});
