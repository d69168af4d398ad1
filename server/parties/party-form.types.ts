import { z } from "zod";
import { textInput } from "../text-input";
import { BALLARD_RELEASE } from "../release/ballard-release";
import { DEFAULT_EPISODE_MINUTES, isValidTimeZone, latestStart, localToInstant, MAX_START_YEARS_AHEAD } from "./schedule";

const MAX_EPISODE = BALLARD_RELEASE.episodeCount;
const episode = z
  .number({ message: `Choose an episode from 1 to ${MAX_EPISODE}.` })
  .int(`Choose an episode from 1 to ${MAX_EPISODE}.`)
  .min(1, `Choose an episode from 1 to ${MAX_EPISODE}.`)
  .max(MAX_EPISODE, `Choose an episode from 1 to ${MAX_EPISODE}.`);

const START_TOO_FAR = `Pick a start within the next ${MAX_START_YEARS_AHEAD} years.`;

/** What the create and edit forms send. */
export const partyFormSchema = z
  .object({
    title: textInput({ message: "Give the party a title." })
      .min(1, "Give the party a title.")
      .max(120, "Use at most 120 characters for the title."),
    description: textInput({ multiline: true }).max(2000, "Use at most 2000 characters for the description.").default(""),
    episodePlan: z.enum(["single", "binge", "weekly"], { message: "Choose one episode, a binge, or a weekly series." }),
    episodeFrom: episode,
    episodeTo: episode.optional(),
    startsAtLocal: z
      .string({ message: "Enter a start date and time." })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a start date and time."),
    timeZone: z
      .string({ message: "Choose a time zone." })
      .refine(isValidTimeZone, "Choose a time zone from the list, such as America/New_York."),
    episodeMinutes: z
      .number({ message: "Enter the episode length in minutes." })
      .int("Enter whole minutes.")
      .min(10, "Episodes run at least 10 minutes.")
      .max(240, "Episodes run at most 240 minutes.")
      .default(DEFAULT_EPISODE_MINUTES),
    capacity: z
      .number({ message: "Enter a capacity, or leave it empty for no limit." })
      .int("Enter a whole number of people.")
      .min(1, "Capacity must be at least 1.")
      .max(10_000, "Capacity can be at most 10,000.")
      .nullable()
      .default(null),
    visibility: z.enum(["public", "unlisted"], { message: "Choose public or unlisted." }),
    replayVisibility: z.enum(["members", "anyone"], { message: "Choose who may read the chat back: members or anyone." }).default("members"),
  })
  .superRefine((form, ctx) => {
    if (form.episodePlan !== "single" && (form.episodeTo === undefined || form.episodeTo <= form.episodeFrom)) {
      ctx.addIssue({ code: "custom", path: ["episodeTo"], message: "The last episode must come after the first." });
    }
    const startsAt = localToInstant(form.startsAtLocal, form.timeZone);
    if (!startsAt) {
      ctx.addIssue({ code: "custom", path: ["startsAtLocal"], message: "That date and time does not exist in this time zone." });
    } else if (startsAt > latestStart(new Date())) {
      // Scheduling and editing both parse this schema, so neither can store a start past the bound.
      ctx.addIssue({ code: "custom", path: ["startsAtLocal"], message: START_TOO_FAR });
    }
  });

export type PartyForm = z.infer<typeof partyFormSchema>;
