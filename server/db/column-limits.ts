/**
 * What the database's columns can hold, for validating input at the boundary:
 * a number past a column's range would fail in PostgreSQL (an INTERNAL error)
 * instead of being refused as the client's mistake.
 */

/** The largest PostgreSQL `integer` (int4): Prisma's `Int`, such as `ChatMessage.seq`. */
export const INT4_MAX = 2_147_483_647;
