import { localCallbackPath } from "@/shared/local-callback";

/** Only paths on this site are followed after signing in or up (shared/local-callback.ts): anything else goes home. */
export function safeCallbackUrl(raw: string | string[] | undefined): string {
  return localCallbackPath(Array.isArray(raw) ? raw[0] : raw) ?? "/";
}

/** `/signin?callbackUrl=…` or `/signup?callbackUrl=…`, without the query when the way back is home. */
export function withCallback(page: "/signin" | "/signup", callbackUrl: string): string {
  return callbackUrl === "/" ? page : `${page}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}
