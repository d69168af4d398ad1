import { z } from "zod";

/**
 * What a row id looks like: Prisma's cuid() or the raw inserts' 32 hex digits.
 * Anything else (a NUL, a prototype name, a path) is refused before any lookup.
 */
export const ROW_ID_PATTERN = /^[a-z0-9]{1,40}$/i;
/** Party ids are row ids; the name stays for the places that read it. */
export const PARTY_ID_PATTERN = ROW_ID_PATTERN;

/** The schema of an id a client names: a party, a message, a member, a round. */
export const rowIdSchema = (what: string) => z.string({ message: `Name the ${what}.` }).regex(ROW_ID_PATTERN, `That is not a ${what} id.`);

export const partyIdSchema = rowIdSchema("party");

/** A client's own id for a message it sends (a UUID in the browser): printable ASCII, 8 to 64 characters. */
export const clientIdSchema = z
  .string({ message: "clientId must be 8 to 64 characters." })
  .regex(/^[\x21-\x7e]{8,64}$/, "clientId must be 8 to 64 printable ASCII characters.");
