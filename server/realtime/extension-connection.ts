import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { SessionUser } from "../auth/session-user";
import { AppError } from "../errors";
import { defineHandler, type AppSocket } from "./handler";
import type { ClientEventName } from "./protocol";

/**
 * The browser extension's connections (docs/extension.md). One authenticates
 * with a link token instead of the session cookie, and may do only what
 * following one party's clock needs, in that party only. It is the same
 * person otherwise: their role, mute and removal apply to it as to their tab.
 */
export interface ExtensionAuth {
  authenticate(token: string): Promise<{ user: SessionUser; partyId: string } | null>;
  renew(token: string): Promise<{ token: string; expiresAt: number } | null>;
  /** Voids every token of this person's link to this party. */
  revoke(userId: string, partyId: string): Promise<void>;
}

/** Pages of a browser extension: their handshakes carry a link token, never the cookie. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/i;

export function isExtensionOrigin(headers: IncomingHttpHeaders): boolean {
  return typeof headers.origin === "string" && EXTENSION_ORIGIN.test(headers.origin);
}

/** The Socket.IO room of one person's extension connections to one party (unlinking closes them). */
export const extensionChannel = (userId: string, partyId: string) => `extension:${userId}:${partyId}`;

/** The events an extension connection may send. */
const EXTENSION_EVENTS: ReadonlySet<ClientEventName> = new Set(["clock:sync", "room:join", "room:leave", "clock:command", "viewer:report", "extension:renew", "extension:unlink"]);

/** Why this connection may not send this event (null: it may). Cookie connections are not concerned. */
export function extensionScopeRefusal(socket: AppSocket, event: ClientEventName, payload: unknown): AppError | null {
  const partyId = socket.data.extensionParty;
  if (partyId === undefined) return null;
  if (!EXTENSION_EVENTS.has(event)) return new AppError("FORBIDDEN", "The browser extension only follows the party clock.");
  const target = (payload as { partyId?: unknown } | null)?.partyId;
  if (target !== undefined && target !== partyId) return new AppError("FORBIDDEN", "The extension is linked to another party.");
  return null;
}

/**
 * Who a handshake speaks for when it carries a link token (or comes from an
 * extension's page): that token's person and party, or null when it is not
 * good. "cookie": an ordinary connection, authenticated by its session cookie.
 */
export async function extensionIdentity(
  handshakeAuth: unknown,
  headers: IncomingHttpHeaders,
  auth: ExtensionAuth | undefined,
): Promise<"cookie" | { user: SessionUser; partyId: string } | null> {
  const token = (handshakeAuth as { extensionToken?: unknown } | null | undefined)?.extensionToken;
  if (token === undefined && !isExtensionOrigin(headers)) return "cookie";
  if (typeof token !== "string" || !auth) return null;
  return auth.authenticate(token);
}

const notLinked = () => new AppError("FORBIDDEN", "Only a linked extension renews or ends its link.");

export function extensionHandlers(auth: ExtensionAuth | undefined) {
  return {
    "extension:renew": defineHandler("extension:renew", {
      schema: z.object({ token: z.string().min(1).max(1024) }),
      async run(input, { socket }) {
        const partyId = socket.data.extensionParty;
        if (!auth || partyId === undefined) throw notLinked();
        const current = await auth.authenticate(input.token);
        if (!current || current.user.id !== socket.data.user.id || current.partyId !== partyId) {
          throw new AppError("UNAUTHENTICATED", "This link has ended: link the extension again from the room page.");
        }
        const renewed = await auth.renew(input.token);
        if (!renewed) throw new AppError("UNAUTHENTICATED", "This link has ended: link the extension again from the room page.");
        return renewed;
      },
    }),
    /** The extension unlinks itself: its tokens are void, and its connections close once it has the answer. */
    "extension:unlink": defineHandler("extension:unlink", {
      schema: z.object({}).strict(),
      async run(_input, { socket, io, afterAck }) {
        const partyId = socket.data.extensionParty;
        if (!auth || partyId === undefined) throw notLinked();
        await auth.revoke(socket.data.user.id, partyId);
        afterAck(() => io.in(extensionChannel(socket.data.user.id, partyId)).disconnectSockets(true));
        return { unlinked: true as const };
      },
    }),
  };
}
