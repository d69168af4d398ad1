import { clientAddressOf } from "@/server/http/forwarded";
import { readJsonBody } from "@/server/http/json";
import { route } from "@/server/http/route";
import { createAccount } from "@/server/users/create-account";
import { createAccountRequestSchema } from "@/server/users/create-account.types";

/** Sign up: creates a member account. Signing in is Auth.js's job afterwards. */
export const POST = route("sign-up failed", async ({ context: { users, limiters }, request }) => {
  const input = await readJsonBody(request, createAccountRequestSchema);
  return Response.json(await createAccount({ users, limiters, input, clientAddress: clientAddressOf(request) }), { status: 201 });
});
