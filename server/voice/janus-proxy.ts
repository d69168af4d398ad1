import type { IncomingMessage } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { JANUS_WS_PATH } from "./janus-gateway";

/**
 * Browsers reach Janus's WebSocket API on the app's own origin
 * (`/call-media`): the upgrade is passed on, bytes as they are, to Janus on
 * 127.0.0.1, so the page needs no other origin in its CSP and Janus listens
 * on loopback only. Only pages of an allowed origin are passed on; Janus's
 * token authentication decides the rest (a token per person, docs/voice.md).
 */
export function proxyJanusUpgrade(options: { wsUrl: string; allowedOrigin: (origin: string | undefined, req: IncomingMessage) => boolean }) {
  const target = new URL(options.wsUrl);
  return function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = req.url ?? "";
    if (url !== JANUS_WS_PATH && !url.startsWith(`${JANUS_WS_PATH}?`)) return false;
    if (!options.allowedOrigin(req.headers.origin, req)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return true;
    }
    const upstream = net.connect(Number(target.port || 80), target.hostname);
    const headers = Object.entries(req.headers)
      .filter(([name]) => !["host", "cookie", "authorization", "x-forwarded-for"].includes(name))
      .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : [`${name}: ${value ?? ""}`]));
    upstream.once("connect", () => {
      upstream.write([`GET ${target.pathname || "/"} HTTP/1.1`, `host: ${target.host}`, ...headers, "", ""].join("\r\n"));
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", close);
    socket.on("error", close);
    upstream.on("close", close);
    socket.on("close", close);
    return true;
  };
}
