import { z } from "zod";

export const createGuestRequestSchema = z.object({
  displayName: z
    .string({ message: "Enter a display name." })
    .trim()
    .min(1, "Enter a display name.")
    .max(40, "Use at most 40 characters."),
});

export type CreateGuestRequest = z.infer<typeof createGuestRequestSchema>;
