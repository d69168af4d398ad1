"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "./error-alert";

/** The party page an invite link points to (path and query), or null when it is not one. */
export function invitePath(link: string, origin: string): string | null {
  try {
    const url = new URL(link.trim(), origin);
    return /^\/parties\/[\w-]+$/.test(url.pathname) ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/** "Have an invite?": paste the link the host sent and go to the party. */
export function InviteJump() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const path = invitePath(String(new FormData(event.currentTarget).get("invite") ?? ""), window.location.origin);
    if (!path) return setError("That is not a party link: it looks like …/parties/… with an invite at the end.");
    setError(null);
    router.push(path);
  };
  return (
    <form onSubmit={submit} className="row">
      <div className="field min-w-0 flex-1">
        <label htmlFor="invite-paste">Your invite link</label>
        <input id="invite-paste" name="invite" type="text" inputMode="url" autoComplete="off" placeholder="https://…/parties/…?invite=…" />
      </div>
      <button type="submit" className="secondary">
        Open the party
      </button>
      <ErrorAlert message={error} />
    </form>
  );
}
