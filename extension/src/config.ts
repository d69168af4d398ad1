/** Set by the build (extension/build.ts): the watch-party app this copy of the extension belongs to. */
declare const __APP_ORIGIN__: string;
export const APP_ORIGIN: string = __APP_ORIGIN__;
declare const __APP_PATTERN__: string;
/** The app's origin as this browser's match pattern (Firefox's take no port: manifest.ts). */
export const APP_PATTERN: string = __APP_PATTERN__;
declare const __BROWSER__: "chrome" | "firefox";
/** A site's origin as this browser's match pattern, for the per-site permission. */
export const sitePattern = (origin: string): string => {
  const url = new URL(origin);
  return __BROWSER__ === "firefox" ? `${url.protocol}//${url.hostname}/*` : `${url.origin}/*`;
};
declare const __TEST_HOOKS__: boolean;
/** Browser-test builds only (never a store zip): a page may ask the extension to sync its own tab, as the popup's button would. */
export const TEST_HOOKS: boolean = __TEST_HOOKS__;
