import { z } from "zod";

/** The query of a party's card (PNG and page): an unlisted party's card needs its invite token, as its page does. */
export const partyCardQuerySchema = z.object({
  invite: z.string().max(200).nullish(),
});

export type PartyCardQuery = z.infer<typeof partyCardQuerySchema>;
