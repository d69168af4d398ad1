/// <reference types="chrome" />
/**
 * The toolbar popup: which party the extension follows, and the viewer's
 * choices for the current tab. The site permission for a tab is asked for
 * here, on the click, and for that tab's site only.
 */
import { formatTimecode } from "../../shared/format-timecode";
import { APP_PATTERN, sitePattern } from "./config";
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
  $("app-access").hidden = !status.needsAppAccess;
  const states = { following: "The player follows the party.", ad: "An ad is playing: syncing waits and resumes after it.", loading: "The player is loading.", "no-player": "No video found on this tab yet." };
  const fought = status.fights && (status.fights.rateOverrides > 0 || status.fights.resumes > 0)
    ? ` The site fought back (${status.fights.rateOverrides} rate changes, ${status.fights.resumes} resumes): held by seeking.`
    : "";
  const reload = status.untilReload ? " Until this page reloads (the site's permission was not given)." : "";
  $("player-state").textContent = status.syncing && status.playerState ? `${states[status.playerState]}${fought}${reload}` : "";
  const pick = $("pick") as HTMLSelectElement;
  $("pick-row").hidden = status.players.length === 0;
  const options = [{ value: "", text: "Automatic (the one a person would pick)" }, ...status.players.map((p) => ({
    value: p.id,
    text: `${p.label}${p.frame ? ` in a frame from ${p.frame}` : ""}${p.ad ? " (an ad)" : p.preview ? " (a preview)" : ""}${p.chosen ? " ✓" : ""}`,
  }))];
  pick.replaceChildren(...options.map((o) => new Option(o.text, o.value)));
  pick.value = status.picked ? (status.players.find((p) => p.chosen)?.id ?? "") : "";
  for (const id of ["sync", "lead", "unlink"]) ($(id) as HTMLButtonElement).disabled = !linked;
  for (const id of ["stop", "calibrate", "reset"]) ($(id) as HTMLButtonElement).disabled = !linked || !status.syncing;
}

$("sync").addEventListener("click", () => {
  if (!activeTab?.id || !activeTab.url) return;
  const tabId = activeTab.id;
  // Asked at once, on the click (the browser needs the gesture): this site only.
  // Refused, the click's activeTab grant still lets the extension sync this page until it reloads.
  chrome.permissions.request({ origins: [sitePattern(activeTab.url)] }).then(
    (granted) => ask({ type: "sync-tab", tabId, siteGranted: granted }).then(show),
    () => ask({ type: "sync-tab", tabId, siteGranted: false }).then(show),
  );
});
$("pick").addEventListener("change", (e) => void ask({ type: "pick-player", id: (e.target as HTMLSelectElement).value || null }).then(show));
$("grant-app").addEventListener("click", () => {
  chrome.permissions.request({ origins: [APP_PATTERN] }).then(
    () => ask({ type: "status" }).then(show),
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
