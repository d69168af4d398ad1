import type { PartyFields } from "./party";
import type { PartyForm } from "./party-form.types";
import { localToInstant } from "./schedule";

/** A validated form as the fields a party stores (the start as a UTC instant). */
export function partyFieldsFromForm(form: PartyForm, hostId: string): PartyFields {
  return {
    title: form.title,
    description: form.description,
    hostId,
    startsAt: localToInstant(form.startsAtLocal, form.timeZone)!,
    timeZone: form.timeZone,
    episodePlan: form.episodePlan,
    episodeFrom: form.episodeFrom,
    episodeTo: form.episodePlan === "single" ? form.episodeFrom : form.episodeTo!,
    episodeMinutes: form.episodeMinutes,
    capacity: form.capacity,
    visibility: form.visibility,
    replayVisibility: form.replayVisibility,
  };
}
