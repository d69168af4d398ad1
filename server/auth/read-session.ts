import { Auth, type AuthConfig } from "@auth/core";
import { z } from "zod";
import { AUTH_BASE_PATH } from "./auth-config";
import type { SessionUser } from "./session-user";

const sessionSchema = z.object({
  user: z.object({
    id: z.string().min(1),
    name: z.string(),
    email: z.string().nullish(),
    kind: z.enum(["member", "guest"]),
  }),
});

/**
 * Reads the signed-in user from a Cookie header through Auth.js itself, so a
 * page, a route handler and a Socket.IO handshake see the same session.
 */
export async function readSession(config: AuthConfig, cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  if (!cookieHeader) return null;
  const origin = config.useSecureCookies ? "https://localhost" : "http://localhost";
  const response = await Auth(new Request(`${origin}${AUTH_BASE_PATH}/session`, { headers: { cookie: cookieHeader } }), config);
  if (!response.ok) return null;
  const parsed = sessionSchema.safeParse(await response.json());
  if (!parsed.success) return null;
  const { user } = parsed.data;
  return { id: user.id, name: user.name, email: user.email || null, kind: user.kind };
}
