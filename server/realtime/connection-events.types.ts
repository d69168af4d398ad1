import { z } from "zod";

/** The payloads of a connection's own events (not of a room): the clock exchange and an extension's link. */
export const clockSyncSchema = z.object({ clientSentAt: z.number({ message: "must be a number of milliseconds" }).finite().nonnegative() });
export const extensionRenewSchema = z.object({ token: z.string().min(1).max(1024) });
export const extensionUnlinkSchema = z.object({}).strict();
