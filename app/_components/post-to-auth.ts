import { signInErrorMessage } from "../signin/sign-in-messages";

export type AuthPostResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * Posts a sign-in form to Auth.js the way the browser would, but asks for the
 * redirect as JSON (`X-Auth-Return-Redirect`): a refusal then stays on the
 * page that asked, with what the person typed and where they were going, instead
 * of Auth.js's redirect to the sign-in page (which carries neither). The session
 * cookie comes with the answer (same origin).
 */
export async function postToAuth(action: string, fields: Record<string, string>): Promise<AuthPostResult> {
  try {
    const response = await fetch(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
      body: new URLSearchParams(fields),
    });
    const { url } = (await response.json()) as { url?: string };
    if (!url) return { ok: false, message: "Sign-in did not work. Please try again." };
    const target = new URL(url, window.location.origin);
    const error = target.searchParams.get("error");
    if (error) return { ok: false, message: signInErrorMessage(error, target.searchParams.get("code") ?? undefined) ?? "Sign-in did not work." };
    return { ok: true, url: target.origin === window.location.origin ? `${target.pathname}${target.search}${target.hash}` : "/" };
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
}
