import { z } from "zod";
import { rowIdSchema } from "../parties/party-id";

/** A process tells the others a trivia round started in a party (they forget that it had none). */
export const roundStartedSchema = z.object({
  partyId: rowIdSchema("party"),
  roundId: rowIdSchema("round"),
});
export type RoundStarted = z.infer<typeof roundStartedSchema>;
