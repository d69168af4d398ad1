import { getAppContext } from "@/server/context";
import { clientAddressOf } from "@/server/http/forwarded";
import { errorResponse, readJsonBody } from "@/server/http/json";
import { createAccount } from "@/server/users/create-account";
import { createAccountRequestSchema } from "@/server/users/create-account.types";

/** Sign up: creates a member account. Signing in is Auth.js's job afterwards. */
export async function POST(request: Request): Promise<Response> {
  const { users, limiters, logger } = getAppContext();
  try {
    const input = await readJsonBody(request, createAccountRequestSchema);
    return Response.json(await createAccount({ users, limiters, input, clientAddress: clientAddressOf(request) }), { status: 201 });
  } catch (error) {
    return errorResponse(error, (err) => logger.error({ err }, "sign-up failed"));
  }
}
