/** Auth.js's session cookie: the __Secure- name when the app is served over HTTPS. */
const SECURE_NAME = "__Secure-authjs.session-token";
const PLAIN_NAME = "authjs.session-token";

function cookies(cookieHeader: string): Map<string, string> {
  const pairs = cookieHeader.split(";").map((part) => {
    const at = part.indexOf("=");
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
  });
  return new Map(pairs.filter(([name]) => name !== ""));
}

/**
 * The session cookie in a Cookie header and whether it is the HTTPS one. A
 * browser keeps a __Secure- cookie only from an HTTPS response, so its name
 * says how the app was reached when it was set. A session too large for one
 * cookie (Auth.js chunks it as `.0`, `.1`, …) is reported by name only.
 */
export function findSessionCookie(cookieHeader: string): { name: string; secure: boolean; value: string | undefined } | null {
  const jar = cookies(cookieHeader);
  for (const [name, secure] of [[SECURE_NAME, true], [PLAIN_NAME, false]] as const) {
    if (jar.has(name)) return { name, secure, value: jar.get(name) };
    if (jar.has(`${name}.0`)) return { name, secure, value: undefined };
  }
  return null;
}
