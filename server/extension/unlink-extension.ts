import type { ExtensionLinkDeps } from "./extension-links";

/**
 * Unlinks this person's extension from a party: every token issued so far for
 * it is void, and the caller closes the extension's open connections.
 */
export async function unlinkExtension(options: {
  deps: Pick<ExtensionLinkDeps, "revocations">;
  realtime: { endExtensionLinks(userId: string, partyId: string): Promise<void> };
  userId: string;
  partyId: string;
  now: number;
}): Promise<{ unlinked: true }> {
  await options.deps.revocations.revoke(options.userId, options.partyId, options.now);
  await options.realtime.endExtensionLinks(options.userId, options.partyId);
  return { unlinked: true };
}
