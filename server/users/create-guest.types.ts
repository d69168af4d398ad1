import { z } from "zod";
import { textInput } from "../text-input";

export const createGuestRequestSchema = z.object({
  displayName: textInput({ message: "Enter a display name." })
    .min(1, "Enter a display name.")
    .max(40, "Use at most 40 characters."),
});

export type CreateGuestRequest = z.infer<typeof createGuestRequestSchema>;
