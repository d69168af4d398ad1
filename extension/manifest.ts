/**
 * The extension's manifest (Manifest V3) for one app origin. Least
 * privilege (docs/extension.md): host access to the app's origin only; the
 * sites to sync are asked for at run time, one at a time.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/**
 * The match pattern for an origin in this browser's manifest. Firefox's match
 * patterns take no port (a pattern with one is dropped: its content script
 * never ran on an app served on a port, so the room never found the
 * extension); the worker still takes links only from the app's exact origin.
 */
export function originPattern(origin: string, browser: "chrome" | "firefox"): string {
  const url = new URL(origin);
  return browser === "firefox" ? `${url.protocol}//${url.hostname}/*` : `${url.origin}/*`;
}

export function extensionManifest(options: { appOrigin: string; version: string; browser: "chrome" | "firefox"; extraHosts?: string[] }) {
  const app = originPattern(options.appOrigin, options.browser);
  return {
    manifest_version: 3,
    name: "Ballard Watch Party",
    description: "Keeps your streaming player on your watch party's clock.",
    version: options.version,
    icons: Object.fromEntries(ICON_SIZES.map((size) => [size, `icon-${size}.png`])),
    action: { default_title: "Ballard Watch Party", default_popup: "popup.html" },
    background: options.browser === "chrome" ? { service_worker: "background.js" } : { scripts: ["background.js"] },
    permissions: ["storage", "scripting", "activeTab"],
    // extraHosts: browser tests only (a site the viewer would have allowed); never in a store build.
    host_permissions: [app, ...(options.extraHosts ?? []).map((origin) => originPattern(origin, options.browser))],
    optional_host_permissions: ["https://*/*", "http://*/*"],
    content_scripts: [{ matches: [app], js: ["app-bridge.js"], run_at: "document_start" }],
    // Firefox's default policy for extension pages upgrades insecure requests: an app served over plain
    // http (development, the tests) would be reached as wss:// and never answer. Same policy otherwise.
    ...(options.browser === "firefox" && new URL(options.appOrigin).protocol === "http:" ? { content_security_policy: { extension_pages: "script-src 'self'" } } : {}),
    ...(options.browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "watch-party@ballard.example",
              // data_collection_permissions came in Firefox 140 (142 on Android).
              strict_min_version: "140.0",
              // What leaves the browser (docs/extension.md, "What data leaves the browser"): how the synced
              // player plays on the streaming site (its drift and position, play/pause/seek when leading), and
              // what the viewer writes in the panel beside the player (chat, reactions, trivia answers), to the app's server.
              data_collection_permissions: { required: ["websiteActivity", "personalCommunications"] },
            },
            gecko_android: { strict_min_version: "142.0" },
          },
        }
      : {}),
  };
}
