import { z } from "zod";
import { isValidTimeZone } from "../parties/schedule";

/** POST /api/parties/{id}/reminders: opt in (or change the address or zone). */
export const subscribeRequestSchema = z.object({
  /** Only for a guest (or a member without an account e-mail): used for this party's reminders and nothing else. */
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "An e-mail address has at most 254 characters.")
    .pipe(z.email({ message: "Enter an e-mail address such as name@example.com." }))
    .optional(),
  /** The person's own zone (the browser's): the reminder shows the start in it. */
  timeZone: z.string().max(64).refine(isValidTimeZone, { message: "Unknown time zone." }),
  invite: z.string().max(200).nullish(),
});

export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

/** What the party page shows about one person's reminders. */
export interface ReminderStatus {
  subscribed: boolean;
  /** Where they go: the guest's address, or the account's. */
  address: string | null;
  timeZone: string | null;
}

/** The one-click unsubscribe link's token (path segment). */
export const unsubscribeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "This unsubscribe link is not valid.");
