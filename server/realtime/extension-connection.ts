import type { IncomingHttpHeaders } from "node:http";
import type { SessionUser } from "../auth/session-user";
import { AppError } from "../errors";
import type { ExtensionAuth } from "../extension/extension-auth";
import { extensionRenewSchema, extensionUnlinkSchema } from "./connection-events.types";
import { extensionChannel } from "./channels";
import { defineHandler } from "./handler";

export type { ExtensionAuth };

/** Pages of a browser extension: their handshakes carry a link token, never the cookie. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/i;

export function isExtensionOrigin(headers: IncomingHttpHeaders): boolean {
  return typeof headers.origin === "string" && EXTENSION_ORIGIN.test(headers.origin);
}

export { extensionChannel, extensionPartyChannel } from "./channels";

/**
 * Who a handshake speaks for when it carries a link token (or comes from an
 * extension's page): that token's person and party, or null when it is not
 * good. "cookie": an ordinary connection, authenticated by its session cookie.
 */
export async function extensionIdentity(
  handshakeAuth: unknown,
  headers: IncomingHttpHeaders,
  auth: ExtensionAuth | undefined,
): Promise<"cookie" | { user: SessionUser; partyId: string; expiresAt?: number } | null> {
  const token = (handshakeAuth as { extensionToken?: unknown } | null | undefined)?.extensionToken;
  if (token === undefined && !isExtensionOrigin(headers)) return "cookie";
  if (typeof token !== "string" || !auth) return null;
  return auth.authenticate(token);
}

const notLinked = () => new AppError("FORBIDDEN", "Only a linked extension renews or ends its link.");

export function extensionHandlers(auth: ExtensionAuth | undefined) {
  return {
    "extension:renew": defineHandler("extension:renew", {
      schema: extensionRenewSchema,
      async run(input, { socket }) {
        const partyId = socket.data.extensionParty;
        if (!auth || partyId === undefined) throw notLinked();
        const current = await auth.authenticate(input.token);
        if (!current || current.user.id !== socket.data.user.id || current.partyId !== partyId) {
          throw new AppError("UNAUTHENTICATED", "This link has ended: link the extension again from the room page.");
        }
        const renewed = await auth.renew(input.token);
        if (!renewed) throw new AppError("UNAUTHENTICATED", "This link has ended: link the extension again from the room page.");
        // The connection lives as long as its newest token.
        socket.data.sessionEndsAt = Math.max(socket.data.sessionEndsAt, renewed.expiresAt);
        return renewed;
      },
    }),
    /** The extension unlinks itself: its tokens are void, and its connections close once it has the answer. */
    "extension:unlink": defineHandler("extension:unlink", {
      schema: extensionUnlinkSchema,
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
