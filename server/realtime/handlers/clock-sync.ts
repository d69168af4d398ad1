import { z } from "zod";
import { defineHandler } from "../handler";

/**
 * One sample of the NTP-style exchange: the client notes when it sent and when
 * the answer came back, and from the two server times estimates the offset
 * between its clock and the server's.
 */
export const clockSync = (now: () => number) =>
  defineHandler("clock:sync", {
    schema: z.object({ clientSentAt: z.number({ message: "must be a number of milliseconds" }).finite().nonnegative() }),
    run(input) {
      const serverReceivedAt = now();
      return { clientSentAt: input.clientSentAt, serverReceivedAt, serverSentAt: now() };
    },
  });
