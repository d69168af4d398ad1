import { redirect } from "next/navigation";
import type { SessionUser } from "@/server/auth/session-user";
import { currentUser } from "./current-user";

/** The signed-in user, or a redirect to sign in and come back. */
export async function requireUserOrSignIn(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
