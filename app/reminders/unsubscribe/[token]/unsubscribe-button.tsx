"use client";

import { useState } from "react";
import { ErrorAlert } from "../../../_components/error-alert";
import { sendJson } from "../../../_components/send-json";

export function UnsubscribeButton({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {!done ? (
        <button
          type="button"
          onClick={async () => {
            const result = await sendJson<{ unsubscribed: boolean }>(`/api/reminders/unsubscribe/${encodeURIComponent(token)}`, "POST", {});
            if (result.ok) setDone(true);
            else setError(result.error.message);
          }}
        >
          Stop reminders for this party
        </button>
      ) : null}
      <p role="status" aria-live="polite" data-testid="unsubscribe-done">
        {done ? "Done: no more reminders for this party." : ""}
      </p>
      <ErrorAlert message={error} />
    </>
  );
}
