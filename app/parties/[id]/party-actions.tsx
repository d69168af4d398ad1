"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { sendJson } from "../../_components/send-json";
import { useNow, useOrigin } from "../../_components/use-now";
import type { RsvpCounts } from "@/server/parties/party";
import type { RsvpStatus } from "@/server/parties/rsvp-rules";
import { ErrorAlert } from "../../_components/error-alert";
import { usePromotion } from "./use-promotion";

const STATUS_TEXT: Record<RsvpStatus, string> = {
  going: "You are going.",
  maybe: "You might come.",
  not_going: "You are not going.",
  waitlisted: "The party is full: you are on the waitlist and move up when a place frees.",
};

const post = <T,>(url: string, body: unknown) => sendJson<T>(url, "POST", body);

export function RsvpControls(props: { partyId: string; invite: string | null; status: RsvpStatus | null; counts: RsvpCounts }) {
  const router = useRouter();
  const [status, setStatus] = useState(props.status);
  const [counts, setCounts] = useState(props.counts);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [promotedNow, setPromotedNow] = useState(false);
  usePromotion(
    props.partyId,
    status === "waitlisted",
    useCallback(() => {
      setStatus("going");
      setPromotedNow(true);
      router.refresh();
    }, [router]),
  );

  async function answer(choice: "going" | "maybe" | "not_going") {
    setBusy(true);
    setError(null);
    const result = await post<{ status: RsvpStatus; counts: RsvpCounts }>(`/api/parties/${props.partyId}/rsvp`, {
      status: choice,
      ...(props.invite ? { invite: props.invite } : {}),
    });
    if (result.ok) {
      const { data } = result;
      setStatus(data.status);
      setCounts(data.counts);
      router.refresh();
    } else {
      setError(result.error.message);
    }
    setBusy(false);
  }

  const choices = [
    ["going", "Going"],
    ["maybe", "Maybe"],
    ["not_going", "Not going"],
  ] as const;
  return (
    <section aria-labelledby="rsvp-heading" className="card">
      <h2 id="rsvp-heading">Are you coming?</h2>
      <div className="button-row" role="group" aria-label="Your answer">
        {choices.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={status === value || (value === "going" && status === "waitlisted")}
            disabled={busy}
            onClick={() => answer(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <p aria-live="polite" data-testid="rsvp-status">
        {status ? STATUS_TEXT[status] : ""}
        {promotedNow && status === "going" ? " A place came free: you moved up from the waitlist." : ""}
      </p>
      <ErrorAlert message={error} />
      <p data-testid="rsvp-counts">
        {counts.going} going · {counts.maybe} maybe · {counts.notGoing} not going
        {counts.waitlisted > 0 ? ` · ${counts.waitlisted} on the waitlist` : ""}
      </p>
    </section>
  );
}

/** The invite link, absolute from the first paint (the server's public origin), then the browser's own origin once hydrated. */
export function CopyInviteLink({ path, serverOrigin }: { path: string; serverOrigin: string }) {
  const origin = useOrigin() ?? serverOrigin;
  const url = new URL(path, origin).toString();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label htmlFor="invite-link">Invite link</label>
      <div className="row">
        <input id="invite-link" type="text" readOnly value={url} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          Copy
        </button>
      </div>
      <p aria-live="polite" className="hint">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}

export function HostControls(props: { partyId: string; cancelled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  if (props.cancelled) return null;
  return (
    <section aria-labelledby="host-heading" className="card">
      <h2 id="host-heading">Host controls</h2>
      <div className="button-row">
        <a className="button" href={`/parties/${props.partyId}/edit`}>
          Edit the party
        </a>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            if (!window.confirm("Cancel this party for everyone?")) return;
            const result = await post(`/api/parties/${props.partyId}/cancel`, {});
            if (result.ok) router.refresh();
            else setError(result.error.message);
          }}
        >
          Cancel the party
        </button>
      </div>
      <ErrorAlert message={error} />
    </section>
  );
}

export function MakeCohostButton(props: { partyId: string; userId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={async () => {
          const result = await post(`/api/parties/${props.partyId}/cohosts`, { userId: props.userId });
          if (result.ok) router.refresh();
          else setError(result.error.message);
        }}
      >
        Make {props.name} a co-host
      </button>
      {error ? (
        <span role="alert" className="form-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** The way into the live room: it opens 15 minutes before the start. */
export function JoinRoomButton(props: { href: string; opensAtIso: string | null }) {
  const now = useNow();
  if (!props.opensAtIso) return null;
  const open = now !== null && now >= Date.parse(props.opensAtIso);
  return open ? (
    <a className="button" href={props.href} data-testid="join-room">
      Join the room
    </a>
  ) : (
    <button type="button" disabled aria-describedby="join-hint" data-testid="join-room">
      Join the room
    </button>
  );
}
