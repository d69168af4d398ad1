"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ReminderStatus } from "@/server/reminders/subscribe-to-reminders.types";
import { ErrorAlert } from "../../_components/error-alert";
import { FormField } from "../../_components/form-field";
import { formErrorMessage, sendJson } from "../../_components/send-json";

/**
 * Opt in to e-mail reminders: a day ahead and 15 minutes ahead, with the
 * start in this browser's zone. A member's go to the account e-mail; a guest
 * gives an address for this party only.
 */
export function ReminderControls(props: { partyId: string; invite: string | null; accountEmail: string | null; status: ReminderStatus }) {
  const router = useRouter();
  const [status, setStatus] = useState(props.status);
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");

  async function subscribe(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const result = await sendJson<ReminderStatus>(`/api/parties/${props.partyId}/reminders`, "POST", {
      timeZone,
      ...(props.accountEmail || email.trim() === "" ? {} : { email }),
      ...(props.invite ? { invite: props.invite } : {}),
    });
    if (result.ok) {
      setStatus(result.data);
      setSaid(`Reminders on: they go to ${result.data.address}.`);
      router.refresh();
    } else {
      setError(formErrorMessage(result.error));
      setFieldError(result.error.fields?.email);
    }
    setBusy(false);
  }

  async function stop() {
    setBusy(true);
    setError(null);
    const result = await sendJson<{ unsubscribed: boolean }>(`/api/parties/${props.partyId}/reminders`, "DELETE", {});
    if (result.ok) {
      setStatus({ subscribed: false, address: null, timeZone: null });
      setSaid("Reminders off.");
    } else setError(result.error.message);
    setBusy(false);
  }

  return (
    <>
      {status.subscribed ? (
        <>
          <p data-testid="reminders-on">
            Reminders go to <strong>{status.address}</strong>, a day ahead and 15 minutes ahead, with the time in {status.timeZone}.
          </p>
          <button type="button" className="secondary" onClick={() => void stop()} disabled={busy}>
            Stop reminders
          </button>
        </>
      ) : (
        <form onSubmit={subscribe} noValidate>
          {props.accountEmail ? (
            <p>Reminders go to your account&apos;s address, {props.accountEmail}.</p>
          ) : (
            <FormField idPrefix="reminders" name="email" label="Your e-mail" hint="Used only for this party's reminders, deleted after the party." {...(fieldError ? { error: fieldError } : {})}>
              {(a11y) => <input {...a11y} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
            </FormField>
          )}
          <button type="submit" disabled={busy}>
            E-mail me reminders
          </button>
        </form>
      )}
      <p aria-live="polite" role="status" data-testid="reminders-said">
        {said}
      </p>
      <ErrorAlert message={error} />
    </>
  );
}
