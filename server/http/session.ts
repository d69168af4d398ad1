import type { SessionUser } from "../auth/session-user";
import type { AppContext } from "../context";
import { AppError } from "../errors";

export function sessionOf(context: AppContext, request: Request): Promise<SessionUser | null> {
  return context.getSessionUser(request.headers.get("cookie"));
}

export async function requireUser(context: AppContext, request: Request): Promise<SessionUser> {
  const user = await sessionOf(context, request);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return user;
}
