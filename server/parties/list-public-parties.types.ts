import { z } from "zod";

/** GET /api/parties: the upcoming public parties, for calendars and bots. */
export const publicPartySchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  timeZone: z.string(),
  episodes: z.object({ plan: z.enum(["single", "binge", "weekly"]), from: z.number(), to: z.number() }),
  capacity: z.number().nullable(),
  counts: z.object({ going: z.number(), maybe: z.number(), notGoing: z.number(), waitlisted: z.number() }),
});

export const listPublicPartiesResponseSchema = z.object({ parties: z.array(publicPartySchema) });
export type ListPublicPartiesResponse = z.infer<typeof listPublicPartiesResponseSchema>;
