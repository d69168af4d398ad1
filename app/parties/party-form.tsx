"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { FieldErrors } from "@/server/errors";
import type { PartyForm as PartyFormValues } from "@/server/parties/party-form.types";
import { FormField, type FieldA11y } from "../_components/form-field";
import { useViewerTimeZone } from "../_components/local-time";
import { formErrorMessage, sendJson } from "../_components/send-json";
import { ErrorAlert } from "../_components/error-alert";
import { StartPreview } from "./start-preview";
import { ZonePicker } from "./zone-picker";

const EPISODES = Array.from({ length: 10 }, (_, i) => i + 1);

/** Turns the form's strings into the JSON the API validates (empty capacity: no limit). */
function toRequest(data: FormData): Record<string, unknown> {
  const text = (name: string) => String(data.get(name) ?? "");
  const number = (name: string) => (text(name).trim() === "" ? undefined : Number(text(name)));
  return {
    title: text("title"),
    description: text("description"),
    episodePlan: text("episodePlan"),
    episodeFrom: number("episodeFrom"),
    episodeTo: text("episodePlan") === "single" ? undefined : number("episodeTo"),
    startsAtLocal: text("startsAtLocal"),
    timeZone: text("timeZone"),
    episodeMinutes: number("episodeMinutes"),
    capacity: number("capacity") ?? null,
    visibility: text("visibility"),
    replayVisibility: text("replayVisibility") || "members",
  };
}

export function PartyForm(props: {
  mode: "create" | "edit";
  partyId?: string;
  initial?: Partial<PartyFormValues>;
  defaultEpisodeMinutes: number;
}) {
  const router = useRouter();
  const viewerZone = useViewerTimeZone();
  const initial = props.initial ?? {};
  const [plan, setPlan] = useState(initial.episodePlan ?? "single");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timeZone = initial.timeZone ?? viewerZone ?? "America/New_York";
  const [startsAtLocal, setStartsAtLocal] = useState(initial.startsAtLocal ?? "");
  const [chosenZone, setChosenZone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFormError(null);
    const result = await sendJson<{ party: { url: string } }>(
      props.mode === "create" ? "/api/parties" : `/api/parties/${props.partyId}`,
      props.mode === "create" ? "POST" : "PATCH",
      toRequest(new FormData(event.currentTarget)),
    );
    if (result.ok) {
      router.push(result.data.party.url);
      router.refresh();
      return;
    }
    setErrors(result.error.fields ?? {});
    setFormError(formErrorMessage(result.error));
    setBusy(false);
  }

  const field = (name: string, label: string, control: (a11y: FieldA11y) => ReactNode, hint?: string) => (
    <FormField idPrefix="party" name={name} label={label} hint={hint} error={errors[name]}>
      {control}
    </FormField>
  );
  const episodeSelect = (a11y: FieldA11y, initialValue: number) => (
    <select {...a11y} defaultValue={initialValue}>
      {EPISODES.map((e) => (
        <option key={e} value={e}>
          {e}
        </option>
      ))}
    </select>
  );

  return (
    <form className="form card wide" onSubmit={onSubmit} noValidate>
      <ErrorAlert message={formError} />
      {field("title", "Title", (a) => <input {...a} type="text" maxLength={120} defaultValue={initial.title ?? ""} required />)}
      {field("description", "Description", (a) => (
        <textarea {...a} rows={3} maxLength={2000} defaultValue={initial.description ?? ""} />
      ))}
      <fieldset>
        <legend>Episodes</legend>
        {(
          [
            ["single", "One episode"],
            ["binge", "A binge night (several episodes back to back)"],
            ["weekly", "A weekly series (one episode a week)"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="choice">
            <input type="radio" name="episodePlan" value={value} checked={plan === value} onChange={() => setPlan(value)} /> {label}
          </label>
        ))}
        <div className="row">
          {field("episodeFrom", plan === "single" ? "Episode" : "First episode", (a) => episodeSelect(a, initial.episodeFrom ?? 1))}
          {plan !== "single" ? field("episodeTo", "Last episode", (a) => episodeSelect(a, initial.episodeTo ?? 10)) : null}
        </div>
      </fieldset>
      <div className="row">
        {field("startsAtLocal", "Starts at", (a) => (
          <input {...a} type="datetime-local" defaultValue={initial.startsAtLocal ?? ""} required onChange={(e) => setStartsAtLocal(e.target.value)} />
        ))}
        {field("timeZone", "Time zone", (a) => (
          <ZonePicker key={timeZone} a11y={a} initial={timeZone} onChange={setChosenZone} />
        ))}
      </div>
      <StartPreview startsAtLocal={startsAtLocal} zone={chosenZone ?? timeZone} viewerZone={viewerZone} />
      <div className="row">
        {field(
          "episodeMinutes",
          "Episode length (minutes)",
          (a) => (
            <input
              {...a}
              type="number"
              min={10}
              max={240}
              defaultValue={initial.episodeMinutes ?? props.defaultEpisodeMinutes}
            />
          ),
          "Used for the calendar entry.",
        )}
        {field(
          "capacity",
          "Capacity",
          (a) => <input {...a} type="number" min={1} defaultValue={initial.capacity ?? ""} />,
          "Leave empty for no limit. When full, people join a waitlist.",
        )}
      </div>
      <fieldset>
        <legend>Who can find it</legend>
        <label className="choice">
          <input type="radio" name="visibility" value="public" defaultChecked={(initial.visibility ?? "public") === "public"} /> Public:
          listed on the front page
        </label>
        <label className="choice">
          <input type="radio" name="visibility" value="unlisted" defaultChecked={initial.visibility === "unlisted"} /> Unlisted: only
          people with the invite link
        </label>
      </fieldset>
      <fieldset>
        <legend>Who can read the chat back afterwards</legend>
        <label className="choice">
          <input type="radio" name="replayVisibility" value="members" defaultChecked={(initial.replayVisibility ?? "members") === "members"} />{" "}
          Members: the hosts and the people who answered
        </label>
        <label className="choice">
          <input type="radio" name="replayVisibility" value="anyone" defaultChecked={initial.replayVisibility === "anyone"} /> Anyone who
          can see the party
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : props.mode === "create" ? "Schedule the party" : "Save changes"}
      </button>
    </form>
  );
}
