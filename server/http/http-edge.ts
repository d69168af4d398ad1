import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { AppError, toPublicError } from "../errors";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedForwarded } from "./forwarded";
import { HTTP_STATUS } from "./json";
import type { OriginPolicy } from "./origin-policy";
import { securityHeaders } from "./security-headers";
import { metricsRefusal } from "../metrics/metrics-access";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpEdgeOptions {
  origins: OriginPolicy;
  trustProxyHops: number;
  dev: boolean;
  oauthProviders: Array<"github" | "google">;
  /** Set-Cookie headers renewing the session in this Cookie header, when it is due (see server/auth/renew-session.ts). */
  renewSession(cookieHeader: string): Promise<string[]>;
  logger: Logger;
  /** /metrics in the Prometheus text format, for a scraper allowed by METRICS_TOKEN or the network (metrics-access.ts). */
  metrics?: { render(): Promise<{ contentType: string; body: string }>; token: string | undefined };
}

export const METRICS_PATH = "/metrics";

/**
 * The path a request's target names, normalised as every rule here compares
 * it (dot segments resolved, "%2e" read as "."). An origin-form target is a
 * path even when it starts with "//" (which URL parsing would otherwise take
 * for another host: "//x/metrics" is not "/metrics"); an absolute-form one
 * ("http://host/path") gives its path.
 */
export function requestPath(target: string | undefined): string {
  const raw = target ?? "/";
  return new URL(raw.startsWith("/") ? `http://edge.invalid${raw}` : raw, "http://edge.invalid").pathname;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);
/** Auth.js's own routes take HTML form posts (with its CSRF token); every other API route takes JSON. */
const FORM_ROUTES = "/api/auth/";
/** RFC 8058: a mail client's one-click unsubscribe posts a form (List-Unsubscribe=One-Click), from no browser page. */
const ONE_CLICK_ROUTES = "/api/reminders/unsubscribe/";

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const mediaType = (contentType: string | undefined) => contentType?.split(";")[0]?.trim().toLowerCase();

/** Why a request stops at the edge, or null. Pure: the rules in one place. */
export function edgeRefusal(req: Pick<IncomingMessage, "method" | "headers">, pathname: string, origins: OriginPolicy): AppError | null {
  if (!isDecodable(pathname)) return new AppError("MALFORMED_URL", "The address has a malformed percent-escape (such as %ZZ).");
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  const refusal = origins.refusal(req.headers);
  if (refusal) return new AppError("FORBIDDEN", `This request came from another site and was refused: ${refusal}.`);
  if (pathname.startsWith("/api/") && !pathname.startsWith(FORM_ROUTES) && !pathname.startsWith(ONE_CLICK_ROUTES) && mediaType(req.headers["content-type"]) !== "application/json") {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON, with Content-Type: application/json.");
  }
  return null;
}

/**
 * The one place every HTTP request passes before Next.js: security headers and
 * a CSP nonce on every response, X-Forwarded-* and the client's address made
 * trustworthy, forged or malformed requests refused with a typed JSON error,
 * and a session cookie renewed when it is due. A new route cannot opt out.
 */
export function createHttpEdge(options: HttpEdgeOptions, next: NodeHandler): (req: IncomingMessage, res: ServerResponse) => void {
  const { origins, trustProxyHops: hops, logger } = options;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nonce = randomBytes(16).toString("base64");
    const headers = securityHeaders({ nonce, dev: options.dev, https: origins.ownOrigin(req.headers).startsWith("https:"), oauthProviders: options.oauthProviders });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next.js reads the nonce for its scripts from the request's CSP header.
    req.headers["content-security-policy"] = headers["content-security-policy"];

    // Downstream code (Next.js, Auth.js's public URL, the limits) may trust these now.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.headers, req.socket.remoteAddress, hops);
    for (const name of ["x-forwarded-proto", "x-forwarded-host"] as const) {
      const value = trustedForwarded(req.headers, name, hops);
      if (value) req.headers[name] = value;
      else delete req.headers[name];
    }
    delete req.headers["x-forwarded-for"];

    const pathname = requestPath(req.url);
    const refusal = edgeRefusal(req, pathname, origins);
    if (refusal) {
      res.writeHead(HTTP_STATUS[refusal.code], { "content-type": "application/json" });
      res.end(JSON.stringify({ error: toPublicError(refusal) }));
      return;
    }
    if (pathname === METRICS_PATH && options.metrics) return serveMetrics(req, res, options.metrics);
    const cookie = req.headers.cookie;
    if (cookie && !pathname.startsWith(FORM_ROUTES) && !pathname.startsWith("/_next/")) {
      const renewed = await options.renewSession(cookie);
      if (renewed.length > 0) res.appendHeader("set-cookie", renewed);
    }
    await next(req, res);
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: NonNullable<HttpEdgeOptions["metrics"]>): Promise<void> {
    if (!SAFE_METHODS.has(req.method ?? "GET")) {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const refusal = metricsRefusal({
      authorization: req.headers.authorization,
      peerAddress: req.socket.remoteAddress,
      clientAddress: req.headers[CLIENT_ADDRESS_HEADER] as string,
      token: metrics.token,
    });
    if (refusal) {
      res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", ...(refusal.status === 401 ? { "www-authenticate": "Bearer" } : {}) });
      res.end(`${refusal.message}\n`);
      return;
    }
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return (req, res) => {
    serve(req, res).catch((err: unknown) => {
      logger.error({ err, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}
