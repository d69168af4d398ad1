import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The browser extension's credential (docs/extension.md, docs/security.md): a
 * token signed with a key derived from AUTH_SECRET, naming one person and one
 * party, short-lived (the connected extension renews it), and tied to the
 * person's session version so that "sign out everywhere" ends it too.
 */
export interface LinkClaims {
  userId: string;
  partyId: string;
  /** The user's session version when it was issued (users.sessionVersion). */
  sessionVersion: number;
  issuedAt: number;
  expiresAt: number;
  /**
   * The invite link's token it was minted with (an unlisted party), so the
   * handshake and every renewal re-check access exactly as minting did.
   */
  invite?: string;
}

/** A token lives this long; a connected extension renews it well before (extension:renew). */
export const LINK_TOKEN_TTL_MS = 15 * 60 * 1000;
const PREFIX = "bwx1";

const claimsSchema = z.object({
  userId: z.string().min(1).max(100),
  partyId: z.string().min(1).max(100),
  sessionVersion: z.number().int(),
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
  invite: z.string().min(1).max(200).optional(),
});

/** Its own key, so a token can never pass for anything else signed with AUTH_SECRET. */
function linkKey(authSecret: string): Buffer {
  return createHmac("sha256", authSecret).update("ballard-watch-party extension link v1").digest();
}

function sign(authSecret: string, body: string): string {
  return createHmac("sha256", linkKey(authSecret)).update(`${PREFIX}.${body}`).digest("base64url");
}

export function signLinkToken(authSecret: string, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify(claimsSchema.parse(claims))).toString("base64url");
  return `${PREFIX}.${body}.${sign(authSecret, body)}`;
}

/** The claims of a well-signed, unexpired token; null for anything else. */
export function readLinkToken(authSecret: string, token: unknown, nowMs: number): LinkClaims | null {
  if (typeof token !== "string" || token.length > 1024) return null;
  const [prefix, body, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(authSecret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success || parsed.data.expiresAt <= nowMs) return null;
  return parsed.data;
}
