import { knownAuthPath } from "@/server/auth/known-auth-path";
import { publicRequest } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";
import { errorResponse } from "@/server/http/json";
import { AppError } from "@/server/errors";

// Auth.js (@auth/core) serves sign-in, callbacks, sign-out, CSRF and the session.
// A provider that is not switched on is answered here: Auth.js would throw a
// plain Error (with a stack in the log) for a URL anyone can type.
function handler(request: Request): Promise<Response> {
  const { handleAuth, authUrl, oauthProviders } = getAppContext();
  if (!knownAuthPath(new URL(request.url).pathname, oauthProviders)) {
    return Promise.resolve(errorResponse(new AppError("NOT_FOUND", "There is no such sign-in page.")));
  }
  return handleAuth(publicRequest(request, authUrl));
}

export { handler as GET, handler as POST };
