import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIPv4, isIPv6 } from "node:net";

/** Loopback, private (RFC 1918, unique local) and link-local addresses: the machine and its internal network. */
const INTERNAL = new BlockList();
INTERNAL.addSubnet("127.0.0.0", 8, "ipv4");
INTERNAL.addSubnet("10.0.0.0", 8, "ipv4");
INTERNAL.addSubnet("172.16.0.0", 12, "ipv4");
INTERNAL.addSubnet("192.168.0.0", 16, "ipv4");
INTERNAL.addSubnet("169.254.0.0", 16, "ipv4");
INTERNAL.addAddress("::1", "ipv6");
INTERNAL.addSubnet("fc00::", 7, "ipv6");
INTERNAL.addSubnet("fe80::", 10, "ipv6");

export function isInternalAddress(address: string | undefined): boolean {
  const plain = (address ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (isIPv4(plain)) return INTERNAL.check(plain, "ipv4");
  if (isIPv6(plain)) return INTERNAL.check(plain, "ipv6");
  return false;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Who may read /metrics (docs/security.md): with METRICS_TOKEN, whoever sends
 * `Authorization: Bearer <token>`; without it, only a scraper on the machine
 * or the internal network: both the TCP peer and the client address (behind
 * trusted proxies, the one the outermost proxy saw) must be internal, so a
 * request relayed by the balancer from outside is refused, and so is a forged
 * X-Forwarded-For sent straight to the process from outside.
 */
export function metricsRefusal(request: {
  authorization: string | undefined;
  peerAddress: string | undefined;
  clientAddress: string;
  token: string | undefined;
}): { status: 401 | 403; message: string } | null {
  if (request.token !== undefined) {
    const match = /^Bearer (\S+)$/i.exec(request.authorization ?? "");
    // Compared as digests: equal lengths, and no timing that tells how much of it matched.
    if (match && timingSafeEqual(digest(match[1]!), digest(request.token))) return null;
    return { status: 401, message: "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>." };
  }
  if (isInternalAddress(request.peerAddress) && isInternalAddress(request.clientAddress)) return null;
  return { status: 403, message: "The metrics are served to the internal network only (or set METRICS_TOKEN)." };
}
