/** Where the app is, for resolving a callback path (never fetched: only its origin is compared). */
const LOCAL = "http://local.invalid";

/**
 * Whether `text` has a character no callback path of ours has, and which
 * browsers read in surprising ways: a backslash, a control character, or
 * (before decoding) a space.
 */
function hasUnsafeCharacter(text: string, spaceAllowed: boolean): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f || (code === 0x20 && !spaceAllowed)) return true;
  }
  return false;
}

/**
 * The path to go to after signing in or out, when `raw` is one on this site;
 * null otherwise. A site path starts with one "/" and, decoded once too,
 * stays one: no "//" (protocol-relative), no backslash ("/\evil.example",
 * which browsers read as "//evil.example"), no encoded slash or backslash
 * that would become one ("/%2F%2Fevil.example", "/%5Cevil.example"), no
 * control character or space, and it resolves on this origin. The answer is
 * the normalised path (with its query and fragment).
 */
export function localCallbackPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  for (const [form, spaceAllowed] of [
    [raw, false],
    [decoded, true],
  ] as const) {
    if (!form.startsWith("/") || form.startsWith("//") || hasUnsafeCharacter(form, spaceAllowed)) return null;
  }
  const url = new URL(raw, LOCAL);
  if (url.origin !== LOCAL) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where Auth.js sends someone after signing in or out: a path on this site
 * (localCallbackPath), or a URL of this very origin; anything else goes home.
 */
export function localRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate: unknown = url;
  if (URL.canParse(url)) {
    const absolute = new URL(url);
    candidate = absolute.origin === base.origin ? `${absolute.pathname}${absolute.search}${absolute.hash}` : null;
  }
  const path = localCallbackPath(candidate);
  return path ? `${base.origin}${path}` : baseUrl;
}
