/// <reference types="chrome" />
/**
 * The toolbar popup: which party the extension follows, and the viewer's
 * choices for the current tab. The site permission for a tab is asked for
 * here, on the click, and for that tab's site only.
 */
import { formatTimecode } from "../../app/_components/format-timecode";
import type { LinkStatus, WorkerRequest } from "./messages";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ask = (request: WorkerRequest) => chrome.runtime.sendMessage(request) as Promise<LinkStatus | null>;

let activeTab: chrome.tabs.Tab | undefined;

function show(status: LinkStatus | null): void {
  if (!status) return;
  const linked = status.partyId !== null;
  $("party").textContent = linked
    ? `${status.state === "following" ? "Following" : "Connecting to"} “${status.title}”${status.episode ? `, episode ${status.episode}` : ""}.`
    : "Not linked to a party: open the party's room and choose “Link the extension”.";
  $("note").textContent = status.note ?? "";
  $("syncing").textContent = status.syncing ? `Following on ${status.syncing.origin}.` : "No tab follows the party.";
  const at = formatTimecode(Math.abs(status.offsetMs));
  $("offset").textContent = status.syncing ? `The party's 0:00 is ${at} ${status.offsetMs < 0 ? "before this video starts" : "into this video"}.` : "";
  ($("lead") as HTMLInputElement).checked = status.lead;
  for (const id of ["sync", "lead", "unlink"]) ($(id) as HTMLButtonElement).disabled = !linked;
  for (const id of ["stop", "calibrate", "reset"]) ($(id) as HTMLButtonElement).disabled = !linked || !status.syncing;
}

$("sync").addEventListener("click", () => {
  if (!activeTab?.id || !activeTab.url) return;
  const tabId = activeTab.id;
  // Asked at once, on the click (the browser needs the gesture): this site only.
  chrome.permissions.request({ origins: [`${new URL(activeTab.url).origin}/*`] }).then(
    (granted) => (granted ? ask({ type: "sync-tab", tabId }).then(show) : undefined),
    () => undefined,
  );
});
$("stop").addEventListener("click", () => void ask({ type: "stop-tab" }).then(show));
$("calibrate").addEventListener("click", () => void ask({ type: "calibrate" }).then(show));
$("reset").addEventListener("click", () => void ask({ type: "reset-calibration" }).then(show));
$("lead").addEventListener("change", (e) => void ask({ type: "set-lead", lead: (e.target as HTMLInputElement).checked }).then(show));
$("unlink").addEventListener("click", () => void ask({ type: "unlink" }).then(show));
chrome.runtime.onMessage.addListener((message: { type?: string; status?: LinkStatus }) => {
  if (message.type === "status-changed") show(message.status ?? null);
  return false;
});

void chrome.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
  activeTab = tab;
  return ask({ type: "status" }).then(show);
});
