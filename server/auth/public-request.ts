/**
 * The request as the browser addressed it. Behind the custom server, Next.js
 * builds request URLs from the address it listens on (0.0.0.0), so Auth.js
 * would send people there after sign-in. AUTH_URL wins; otherwise the Host
 * header (and a proxy's X-Forwarded-* headers) say where the browser is.
 */
export function publicRequest(request: Request, authUrl: string | undefined): Request {
  const url = new URL(request.url);
  const origin = publicOrigin(request.headers, url, authUrl);
  const target = new URL(`${url.pathname}${url.search}`, origin);
  if (target.href === url.href) return request;
  return new Request(target, request);
}

/** The site's public origin: AUTH_URL's when set, otherwise what the (proxied) request was sent to. */
export function publicOrigin(headers: Pick<Headers, "get">, url: Pick<URL, "protocol" | "host">, authUrl: string | undefined): string {
  if (authUrl) return new URL(authUrl).origin;
  const forwardedHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return `${forwardedProto ?? url.protocol.replace(":", "")}://${forwardedHost ?? headers.get("host") ?? url.host}`;
}
