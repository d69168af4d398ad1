/** Set by the build (extension/build.ts): the watch-party app this copy of the extension belongs to. */
declare const __APP_ORIGIN__: string;
export const APP_ORIGIN: string = __APP_ORIGIN__;
