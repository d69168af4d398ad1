import { cookies } from "next/headers";
import { cache } from "react";
import type { SessionUser } from "@/server/auth/session-user";
import { getAppContext } from "@/server/context";

/**
 * The signed-in user in a server component, read from the same cookie as every
 * other transport; once per request, however many components ask.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const cookieHeader = (await cookies())
    .getAll()
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  return getAppContext().getSessionUser(cookieHeader);
});
