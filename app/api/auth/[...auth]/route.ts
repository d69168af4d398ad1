import { Auth } from "@auth/core";
import { getAppContext } from "@/server/context";

// Auth.js (@auth/core) serves sign-in, callbacks, sign-out, CSRF and the session.
function handler(request: Request): Promise<Response> {
  return Auth(request, getAppContext().authConfig);
}

export { handler as GET, handler as POST };
