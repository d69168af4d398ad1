import { z } from "zod";

/** What a party id looks like (cuid); anything else is not looked up at all. */
export const PARTY_ID_PATTERN = /^[a-z0-9]{1,40}$/i;

export const partyIdSchema = z.string({ message: "Name the party." }).regex(PARTY_ID_PATTERN, "That is not a party id.");
