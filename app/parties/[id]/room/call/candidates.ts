/**
 * Which ICE candidates a call passes on. Served from this machine (localhost,
 * 127.0.0.1: development and every test), only candidates on 127.0.0.1 (a
 * host candidate there, or a relay candidate of a TURN server listening
 * there): the machine's other addresses are never offered. Elsewhere, all.
 */
export function loopbackOnly(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/** The address field of an ICE candidate line ("candidate:… 1 udp 2122 127.0.0.1 5000 typ host"). */
export function candidateAddress(candidate: string): string | undefined {
  return candidate.replace(/^a=/, "").split(" ")[4];
}

export function passesCandidate(candidate: string, onlyLoopback: boolean): boolean {
  // The end of candidates ("") always passes.
  if (!onlyLoopback || candidate === "") return true;
  return candidateAddress(candidate) === "127.0.0.1";
}
