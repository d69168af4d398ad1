import { createHmac } from "node:crypto";

/** A TURN relay the app mints credentials for (TURN_URLS, TURN_SECRET: the TURN REST scheme). */
export interface TurnConfig {
  urls: string[];
  secret: string;
  /** How long minted credentials last, in seconds. */
  ttlSeconds: number;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * Credentials for one person under the TURN REST scheme coturn implements with
 * `--use-auth-secret`: the username is `<unix expiry>:<user id>`, the password
 * the base64 HMAC-SHA1 of the username keyed with the shared secret. coturn
 * recomputes it and refuses an expired one, so nothing is stored anywhere and
 * no static password exists.
 */
export function mintTurnCredentials(config: TurnConfig, userId: string, nowMs: number): IceServer & { expiresAt: number } {
  const expiry = Math.floor(nowMs / 1000) + config.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac("sha1", config.secret).update(username).digest("base64");
  return { urls: config.urls, username, credential, expiresAt: expiry * 1000 };
}
