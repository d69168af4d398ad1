import type { IncomingHttpHeaders } from "node:http";
import { trustedForwarded } from "./forwarded";

/**
 * Which browser pages may send the app state-changing requests and open its
 * sockets: its own origin and the configured ALLOWED_ORIGINS. One policy serves
 * the HTTP edge and the Socket.IO handshake.
 */
export interface OriginPolicy {
  /** ALLOWED_ORIGINS (for Socket.IO's CORS answer to their long-polling requests). */
  allowedOrigins: readonly string[];
  /** The app's origin as this request addressed it: AUTH_URL's, else the Host (or a trusted proxy's X-Forwarded-Host/-Proto). */
  ownOrigin(headers: IncomingHttpHeaders): string;
  /** Null when the request may go on, else why not. */
  refusal(headers: IncomingHttpHeaders): string | null;
}

const CROSS_SITE = new Set(["cross-site", "same-site"]);

export function createOriginPolicy(options: { authUrl: string | undefined; allowedOrigins: readonly string[]; trustProxyHops: number }): OriginPolicy {
  const fixed = options.authUrl ? new URL(options.authUrl).origin : undefined;
  const allowed = new Set(options.allowedOrigins);
  const hops = options.trustProxyHops;
  const ownOrigin = (headers: IncomingHttpHeaders) =>
    fixed ??
    `${trustedForwarded(headers, "x-forwarded-proto", hops) ?? "http"}://${trustedForwarded(headers, "x-forwarded-host", hops) ?? headers.host ?? "localhost"}`;
  return {
    allowedOrigins: [...allowed],
    ownOrigin,
    refusal(headers) {
      const origin = headers.origin;
      if (origin !== undefined) {
        return origin === ownOrigin(headers) || allowed.has(origin) ? null : `requests from ${origin} are not accepted`;
      }
      // No Origin: a client that is not a browser (tests, scripts), unless the
      // browser's Fetch Metadata says the request came from another site.
      const site = headers["sec-fetch-site"];
      return typeof site === "string" && CROSS_SITE.has(site) ? `${site} requests are not accepted` : null;
    },
  };
}
