import { z } from "zod";

export const rsvpRequestSchema = z.object({
  status: z.enum(["going", "maybe", "not_going"], { message: "Answer going, maybe or not going." }),
  invite: z.string().max(100).optional(),
});

export type RsvpRequest = z.infer<typeof rsvpRequestSchema>;
