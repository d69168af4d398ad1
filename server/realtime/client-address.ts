/**
 * The address a connection comes from, for per-address limits. Without a
 * proxy it is the TCP peer. Behind `trustedProxies` reverse proxies (the
 * TRUST_PROXY setting) it is read from X-Forwarded-For, where each proxy
 * appends the address it received the request from: the client is the entry
 * that many places from the end. Entries further left were written by the
 * client itself and are never trusted. Too few entries (a request that did
 * not pass every proxy) fall back to the leftmost one there is.
 */
export function clientAddress(options: { peer: string; forwardedFor: string | string[] | undefined; trustedProxies: number }): string {
  const peer = options.peer.replace(/^::ffff:/, "");
  if (options.trustedProxies === 0) return peer;
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(",") : (options.forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length === 0) return peer;
  return (hops[Math.max(0, hops.length - options.trustedProxies)] ?? peer).replace(/^::ffff:/, "");
}
