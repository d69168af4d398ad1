/**
 * The extension's manifest (Manifest V3) for one app origin. Least
 * privilege (docs/extension.md): host access to the app's origin only; the
 * sites to sync are asked for at run time, one at a time.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;

export function extensionManifest(options: { appOrigin: string; version: string; browser: "chrome" | "firefox" }) {
  const app = `${options.appOrigin}/*`;
  return {
    manifest_version: 3,
    name: "Ballard Watch Party",
    description: "Keeps your streaming player on your watch party's clock.",
    version: options.version,
    icons: Object.fromEntries(ICON_SIZES.map((size) => [size, `icon-${size}.png`])),
    action: { default_title: "Ballard Watch Party", default_popup: "popup.html" },
    background: options.browser === "chrome" ? { service_worker: "background.js" } : { scripts: ["background.js"] },
    permissions: ["storage", "scripting", "activeTab"],
    host_permissions: [app],
    optional_host_permissions: ["https://*/*", "http://*/*"],
    content_scripts: [{ matches: [app], js: ["app-bridge.js"], run_at: "document_start" }],
    ...(options.browser === "firefox" ? { browser_specific_settings: { gecko: { id: "watch-party@ballard.example", strict_min_version: "128.0" } } } : {}),
  };
}
