import { POST as signUp } from "@/app/api/users/route";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/forwarded";
import type { SessionUser } from "@/server/auth/session-user";
import type { TestApp } from "./test-app";

export interface Person {
  cookie: string;
  user: SessionUser;
}

let accounts = 0;

/** A member account (email and password) signed in through the real sign-up route and Auth.js. */
export async function signUpMember(app: TestApp, name: string): Promise<Person> {
  accounts += 1;
  const email = `member-${accounts}-${Date.now()}@example.com`;
  const password = "correct horse battery";
  const created = await signUp(
    new Request("http://localhost/api/users", {
      method: "POST",
      // Each account from its own address, as the HTTP edge would record it: sign-ups are limited per address.
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: `people ${accounts}` },
      body: JSON.stringify({ name, email, password }),
    }),
  );
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${await created.text()}`);
  const { cookie } = await app.postToAuth("/api/auth/callback/password", { email, password });
  return { cookie, user: await sessionUser(app, cookie) };
}

/** A guest account (display name only), signed in through Auth.js. */
export async function signInGuest(app: TestApp, name: string): Promise<Person> {
  const cookie = await app.signInAsGuest(name);
  return { cookie, user: await sessionUser(app, cookie) };
}

async function sessionUser(app: TestApp, cookie: string): Promise<SessionUser> {
  const user = await app.context.getSessionUser(cookie);
  if (!user) throw new Error("the new session is not valid");
  return user;
}
