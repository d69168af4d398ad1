import { clockSyncSchema } from "../connection-events.types";
import { defineHandler } from "../handler";

/**
 * One sample of the NTP-style exchange: the client notes when it sent and when
 * the answer came back, and from the two server times estimates the offset
 * between its clock and the server's.
 */
export const clockSync = (now: () => number) =>
  defineHandler("clock:sync", {
    schema: clockSyncSchema,
    run(input) {
      const serverReceivedAt = now();
      return { clientSentAt: input.clientSentAt, serverReceivedAt, serverSentAt: now() };
    },
  });
