import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The shape of the code's dependencies (docs/architecture.md, "Layers"): no
 * import cycles, and no import from a lower layer to a higher one. Read from
 * the sources with TypeScript's parser (no build, no extra tool).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["server", "shared", "app", "extension/src"];
const SKIPPED = [/^server\/db\/generated\//];

/**
 * Lower numbers are lower layers. A module may import from its own layer or
 * below; upwards it may import nothing, except the types of a port it
 * implements (`PORT_TYPES`).
 */
const LAYERS: Array<[RegExp, number, string]> = [
  [/^shared\//, 0, "shared (pure, for the browser and the extension)"],
  [/^server\/(errors|logger|env|text-input|rate-limit|socket-limits|keyed-queue|process-id|realtime-controls|process-settings)\.ts$|^server\/http\/forwarded\.ts$/, 1, "server core"],
  [/^server\/db\//, 1, "database"],
  [/^server\/(users|auth|parties|room|trivia|voice|extension|invites|reminders|release|metrics)\//, 2, "domain (actions, rules, repositories)"],
  [/^server\/realtime\/|^server\/http\/(?!(route|session)\.ts$)/, 3, "realtime and HTTP"],
  // The cluster's parts implement ports the realtime layer defines (chat delivery, the publisher, the process registry).
  [/^server\/cluster\//, 4, "cluster parts (PostgreSQL + Redis)"],
  [/^server\/topology\//, 5, "topologies"],
  [/^server\/(assemble-app|context|main|start-server|stop-on-signals)\.ts$|^server\/http\/(route|session)\.ts$/, 6, "composition root (and the route helpers that read it)"],
  [/^(app|extension\/src)\//, 7, "the Next app and the extension"],
];
/** Upward type-only imports allowed. */
const PORT_TYPES: Array<[RegExp, RegExp]> = [
  // The wire types (protocol.ts and what it names) are shared with the browser as types only: erased, no code follows them.
  [/^shared\//, /^server\//],
];

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (SKIPPED.some((re) => re.test(`${rel}/`) || re.test(rel))) return [];
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

function edgesOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteral(spec)) return;
    const to = resolve(file, spec.text);
    if (to && !SKIPPED.some((re) => re.test(to))) edges.push({ from: file, to, typeOnly });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const allNamedTypes = !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly) && !clause?.name;
      add(statement.moduleSpecifier, !!clause && (clause.isTypeOnly || allNamedTypes));
    } else if (ts.isExportDeclaration(statement)) {
      add(statement.moduleSpecifier, statement.isTypeOnly);
    }
  }
  return edges;
}

const files = SCANNED.flatMap(sourceFiles);
const edges = files.flatMap(edgesOf);
const layerOf = (file: string) => LAYERS.find(([re]) => re.test(file));

/** Every cycle's files (Tarjan's strongly connected components of more than one file). */
function cycles(nodes: string[], next: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!order.has(v)) visit(v);
  return found;
}

describe("the code's dependencies", () => {
  it("reads the sources it checks", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges.some((e) => e.from === "server/assemble-app.ts")).toBe(true);
  });

  it("has no import cycle between files (type imports count too)", () => {
    const next = new Map<string, string[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    expect(cycles(files, next)).toEqual([]);
  });

  it("never imports from a higher layer (only the types of a port the module implements)", () => {
    const unplaced = files.filter((f) => !layerOf(f));
    expect(unplaced, "every file belongs to a layer").toEqual([]);
    const upward = edges
      .filter((e) => layerOf(e.from)![1] < layerOf(e.to)![1])
      .filter((e) => !(e.typeOnly && PORT_TYPES.some(([from, to]) => from.test(e.from) && to.test(e.to))))
      .map((e) => `${e.from} (${layerOf(e.from)![2]}) imports ${e.typeOnly ? "types from " : ""}${e.to} (${layerOf(e.to)![2]})`);
    expect(upward).toEqual([]);
  });

  it("keeps shared/ pure: types only from server/, no Node or database modules", () => {
    const shared = files.filter((f) => f.startsWith("shared/"));
    const bad = edges.filter((e) => e.from.startsWith("shared/") && !e.to.startsWith("shared/") && !e.typeOnly).map((e) => `${e.from} → ${e.to}`);
    expect(bad).toEqual([]);
    for (const file of shared) expect(readFileSync(path.join(ROOT, file), "utf8"), file).not.toMatch(/from "node:|from "(pg|ioredis|@prisma\/|socket\.io")/);
  });
});
