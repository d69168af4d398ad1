"use client";

import { useState } from "react";
import { useOrigin } from "./use-now";

type Outcome = "shared" | "copied" | "failed" | null;

const MESSAGE: Record<Exclude<Outcome, null>, string> = {
  shared: "Invite shared.",
  copied: "Invite link copied: paste it into a chat.",
  failed: "Could not share or copy: select the link and copy it yourself.",
};

/**
 * "Share invite": the system share sheet where the browser has the Web Share
 * API (phones, Safari, Chrome on Windows and ChromeOS), else the link is copied.
 * Either way a polite live region confirms it.
 */
export function ShareInvite({ path, title, testId = "share-invite" }: { path: string; title: string; testId?: string }) {
  const origin = useOrigin();
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function share() {
    const url = origin ? new URL(path, origin).toString() : path;
    const data = { title: `${title} · Ballard watch party`, text: `Watch Ballard with us: ${title}`, url };
    setOutcome(null);
    if (typeof navigator.share === "function" && (navigator.canShare?.(data) ?? true)) {
      try {
        await navigator.share(data);
        setOutcome("shared");
        return;
      } catch (error) {
        // The person closed the share sheet: nothing to confirm, nothing failed.
        if (error instanceof DOMException && error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  }

  return (
    <div className="share-invite">
      <button type="button" onClick={() => void share()} data-testid={testId}>
        Share invite
      </button>
      <p aria-live="polite" role="status" className="hint" data-testid={`${testId}-status`}>
        {outcome ? MESSAGE[outcome] : ""}
      </p>
    </div>
  );
}
