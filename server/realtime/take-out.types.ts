import { z } from "zod";
import { rowIdSchema } from "../parties/party-id";

/** A room's connections to take out: a removed member's, or everyone's when the party is cancelled. */
export const takeOutSchema = z.object({
  partyId: rowIdSchema("party"),
  kind: z.enum(["removed", "cancelled"]),
  userId: rowIdSchema("member").optional(),
});
export type TakeOut = z.infer<typeof takeOutSchema>;
