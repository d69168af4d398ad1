import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type RouteModule = Partial<Record<string, (request: Request, context: RouteContext) => Promise<Response>>>;
type Route = { segments: string[]; file: string };

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

/** Every app/api/**\/route.ts with its path segments (`[id]` one segment, `[...rest]` the rest). */
function apiRoutes(): Route[] {
  return readdirSync(path.join(APP_DIR, "api"), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => ({ segments: ["api", ...path.dirname(file).split(path.sep)], file: path.join(APP_DIR, "api", file) }));
}

function match(route: Route, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (const [i, segment] of route.segments.entries()) {
    const rest = /^\[\.\.\.(.+)\]$/.exec(segment);
    if (rest) {
      params[rest[1]!] = parts.slice(i);
      return parts.length > i ? params : null;
    }
    const part = parts[i];
    if (part === undefined) return null;
    const param = /^\[(.+)\]$/.exec(segment);
    if (param) params[param[1]!] = part;
    else if (segment !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The app's route handlers served over real HTTP the way Next.js routes them,
 * so integration tests send real requests through the HTTP edge (pages are the
 * browser tests' part). Stands in for Next.js's request handler only.
 */
export function serveApiRoutes(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const routes = apiRoutes();
  return async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const found = routes.map((route) => ({ route, params: match(route, parts) })).find((r) => r.params !== null);
    const method = req.method ?? "GET";
    const handler = found ? ((await import(found.route.file)) as RouteModule)[method] : undefined;
    if (!found || !handler) {
      res.writeHead(found ? 405 : 404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
    const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(found.params ?? {}) });
    response.headers.forEach((value, name) => name !== "set-cookie" && res.setHeader(name, value));
    for (const cookie of response.headers.getSetCookie()) res.appendHeader("set-cookie", cookie);
    res.writeHead(response.status);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
