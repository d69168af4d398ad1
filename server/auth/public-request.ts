/**
 * The request as the browser addressed it. Behind the custom server, Next.js
 * builds request URLs from the address it listens on (0.0.0.0), so Auth.js
 * would send people there after sign-in. AUTH_URL wins; otherwise the Host
 * header (and a proxy's X-Forwarded-* headers) say where the browser is.
 */
export function publicRequest(request: Request, authUrl: string | undefined): Request {
  const url = new URL(request.url);
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const origin = authUrl
    ? new URL(authUrl).origin
    : `${forwardedProto ?? url.protocol.replace(":", "")}://${forwardedHost ?? request.headers.get("host") ?? url.host}`;
  const target = new URL(`${url.pathname}${url.search}`, origin);
  if (target.href === url.href) return request;
  return new Request(target, request);
}
