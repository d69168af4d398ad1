"use client";

import { useEffect, useState } from "react";
import type { ExtensionLinkGrant } from "@/server/extension/link-extension.types";
import type { BridgeMessage, LinkStatus, PageMessage } from "@/extension/src/messages";
import { sendJson } from "../../../_components/send-json";
import { ErrorAlert } from "../../../_components/error-alert";

const toExtension = (message: PageMessage) => window.postMessage(message, window.location.origin);

/**
 * Links the browser extension (docs/extension.md) to this party: the room
 * asks the server for a short-lived token and hands it to the extension's
 * bridge on this page, never the session cookie. Shown only when the
 * extension is installed.
 */
export function ExtensionLink(props: { partyId: string; invite: string | null }) {
  const [status, setStatus] = useState<LinkStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onMessage = (event: MessageEvent<BridgeMessage>) => {
      if (event.source === window && event.origin === window.location.origin && event.data?.source === "bwp-extension" && event.data.type === "status") {
        setStatus(event.data.status);
      }
    };
    window.addEventListener("message", onMessage);
    toExtension({ source: "bwp-page", type: "hello" });
    return () => window.removeEventListener("message", onMessage);
  }, []);

  if (!status) return null;
  const linkedHere = status.partyId === props.partyId && status.state !== "ended";

  async function link() {
    const result = await sendJson<ExtensionLinkGrant>(`/api/parties/${props.partyId}/extension-token`, "POST", { invite: props.invite });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    toExtension({ source: "bwp-page", type: "link", partyId: props.partyId, title: result.data.party.title, token: result.data.token, invite: props.invite });
  }

  async function unlink() {
    toExtension({ source: "bwp-page", type: "unlink" });
    const result = await sendJson(`/api/parties/${props.partyId}/extension-token`, "DELETE", {});
    setError(result.ok ? null : result.error.message);
  }

  return (
    <section aria-labelledby="extension-heading" className="card">
      <h2 id="extension-heading">Your streaming player</h2>
      <p role="status" data-testid="extension-status">
        {linkedHere
          ? status.syncing
            ? `The extension keeps your player on ${status.syncing.origin} on the party clock.`
            : "The extension follows this party: open your episode, then choose “Sync this tab's video” in the extension's menu."
          : status.note ?? "The Ballard Watch Party extension can keep your streaming player on the party clock."}
      </p>
      <div className="button-row">
        {linkedHere ? (
          <button type="button" className="secondary" onClick={() => void unlink()}>
            Unlink the extension
          </button>
        ) : (
          <button type="button" onClick={() => void link()}>
            Link the extension to this party
          </button>
        )}
      </div>
      <ErrorAlert message={error} />
    </section>
  );
}
