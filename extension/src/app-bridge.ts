/// <reference types="chrome" />
/**
 * Runs on the watch-party app's own pages only: carries the room page's
 * "link this party" (with its token) and "unlink" to the service worker, and
 * the link's status back. Only messages from this very window and origin are
 * taken; the session cookie is never read or sent.
 */
import { TEST_HOOKS } from "./config";
import { duckAmount } from "./duck";
import type { BridgeMessage, LinkStatus, PageMessage, WorkerRequest } from "./messages";

function tellPage(status: LinkStatus | null): void {
  if (!status) return;
  const message: BridgeMessage = { source: "bwp-extension", type: "status", status };
  window.postMessage(message, location.origin);
}

const ask = (request: WorkerRequest) => chrome.runtime.sendMessage(request).catch(() => null) as Promise<LinkStatus | null>;

window.addEventListener("message", (event: MessageEvent<PageMessage>) => {
  if (event.source !== window || event.origin !== location.origin || event.data?.source !== "bwp-page") return;
  const data = event.data;
  if (data.type === "hello") void ask({ type: "status" }).then(tellPage);
  else if (data.type === "link" && typeof data.token === "string" && typeof data.partyId === "string") {
    void ask({ type: "link", partyId: data.partyId, title: String(data.title ?? ""), token: data.token, invite: typeof data.invite === "string" ? data.invite : null }).then(tellPage);
  } else if (data.type === "unlink") void ask({ type: "unlink" }).then(tellPage);
  else if (data.type === "duck" && duckAmount(data.amount) !== null) void ask({ type: "duck", amount: data.amount });
  else if (TEST_HOOKS && data.type === "test-sync") void ask({ type: "test-sync" }).then(tellPage);
});

chrome.runtime.onMessage.addListener((message: { type?: string; status?: LinkStatus }) => {
  if (message.type === "status-changed" && message.status) tellPage(message.status);
  return false;
});

void ask({ type: "status" }).then(tellPage);
