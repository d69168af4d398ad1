import { publicRequest } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";

// Auth.js (@auth/core) serves sign-in, callbacks, sign-out, CSRF and the session.
function handler(request: Request): Promise<Response> {
  const { handleAuth, authUrl } = getAppContext();
  return handleAuth(publicRequest(request, authUrl));
}

export { handler as GET, handler as POST };
