import type { SessionUser } from "../auth/session-user";

/**
 * The browser extension's connections (docs/extension.md). One authenticates
 * with a link token instead of the session cookie, and may do only what
 * following one party's clock and the panel beside the player need, in that
 * party only. It is the same person otherwise: their role, mute and removal apply to it as to their tab.
 */
export interface ExtensionAuth {
  authenticate(token: string): Promise<{ user: SessionUser; partyId: string; expiresAt?: number } | null>;
  renew(token: string): Promise<{ token: string; expiresAt: number } | null>;
  /** Voids every token of this person's link to this party. */
  revoke(userId: string, partyId: string): Promise<void>;
}
