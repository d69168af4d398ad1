import { z } from "zod";

/** POST /api/parties/{id}/extension-token: the room page asks for a token for its party. */
export const linkExtensionSchema = z.object({
  /** The invite of an unlisted party, when the viewer came in through it. */
  invite: z.string().max(100).nullish(),
});

/** DELETE /api/parties/{id}/extension-token: unlink (no fields). */
export const unlinkExtensionSchema = z.object({}).strict();

export interface ExtensionLinkGrant {
  token: string;
  expiresAt: number;
  party: { id: string; title: string };
}
