import type { IncomingHttpHeaders } from "node:http";

/**
 * The header the HTTP edge (server/http/http-edge.ts) sets on every request to
 * the client's address, after dropping whatever the client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = "x-watch-party-client-address";

/** When nothing says who the client is (a handler called without the edge in front). */
const UNKNOWN_ADDRESS = "unknown";

function listOf(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value.join(",") : (value ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/**
 * X-Forwarded-Proto or -Host as the nearest proxy set it, when proxies are
 * trusted (`hops` > 0); otherwise the client could have written it, and it is ignored.
 */
export function trustedForwarded(headers: IncomingHttpHeaders, name: "x-forwarded-proto" | "x-forwarded-host", hops: number): string | undefined {
  return hops > 0 ? listOf(headers[name]).at(-1) : undefined;
}

/**
 * The client's address: the socket's peer, or behind `hops` trusted proxies the
 * address the outermost of them saw (counted from the right of X-Forwarded-For,
 * so addresses a client prepends itself are never chosen).
 */
export function clientAddress(headers: IncomingHttpHeaders, peerAddress: string | undefined, hops: number): string {
  const chain = [...(hops > 0 ? listOf(headers["x-forwarded-for"]) : []), peerAddress ?? UNKNOWN_ADDRESS];
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; one address, one budget.
  return (chain[Math.max(0, chain.length - 1 - hops)] ?? UNKNOWN_ADDRESS).replace(/^::ffff:/, "");
}

/** The client's address in a route handler or an Auth.js callback, as the edge recorded it. */
export function clientAddressOf(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? UNKNOWN_ADDRESS;
}
