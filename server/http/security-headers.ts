/** Where the OAuth providers' sign-in pages are: a sign-in form's redirect goes there (CSP form-action). */
const OAUTH_FORM_TARGETS = { github: "https://github.com", google: "https://accounts.google.com" } as const;

/**
 * The Content-Security-Policy of one response. Scripts run only with this
 * response's nonce (Next.js puts it on its own scripts) or when loaded by one
 * that has it ('strict-dynamic'); nothing may frame the app.
 */
export function contentSecurityPolicy(options: { nonce: string; dev: boolean; https: boolean; oauthProviders: ReadonlyArray<keyof typeof OAUTH_FORM_TARGETS> }): string {
  const { nonce, dev } = options;
  const directives = [
    "default-src 'self'",
    // Development mode (React's debugging) evaluates code.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers the Socket.IO WebSocket on the same host and port.
    "connect-src 'self'",
    // The room's local player plays a chosen file (blob:) or any video address.
    "media-src 'self' blob: https: http:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.oauthProviders.map((id) => ` ${OAUTH_FORM_TARGETS[id]}`).join("")}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The headers every response gets; HSTS only when the app is served over HTTPS. */
export function securityHeaders(options: Parameters<typeof contentSecurityPolicy>[0]): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(options),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    // The room's call (docs/voice.md) asks for the camera and microphone on the app's own pages only, never in a frame of another site.
    "permissions-policy": "camera=(self), microphone=(self), geolocation=(), payment=()",
    ...(options.https ? { "strict-transport-security": "max-age=63072000" } : {}),
  };
}
