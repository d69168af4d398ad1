import type { SessionUser } from "../auth/session-user";
import { getAppContext, type AppContext } from "../context";
import { errorResponse } from "./json";
import { requireUser } from "./session";

/** What a route's body is handed: the assembled context, the request and the path's parameters. */
export interface RouteCall<P> {
  context: AppContext;
  request: Request;
  params: P;
}
/** The same for a signed-in person. */
export type SignedInCall<P> = RouteCall<P> & { user: SessionUser };
/** A party route for a signed-in person: the path's party id too. */
export type SignedInRoute = SignedInCall<{ id: string }> & { partyId: string };

/**
 * Every route handler's boilerplate, written once: the context, and every
 * error mapped to its typed JSON answer (an unexpected one logged as
 * `failure`). Next.js hands a dynamic route its path parameters as a promise.
 */
export function route<P = Record<string, never>>(failure: string, body: (call: RouteCall<P>) => Promise<Response>) {
  return async (request: Request, segment?: { params: Promise<P> }): Promise<Response> => {
    const context = getAppContext();
    try {
      const params = segment ? await segment.params : ({} as P);
      return await body({ context, request, params });
    } catch (error) {
      return errorResponse(error, (err) => context.logger.error({ err }, failure));
    }
  };
}

/** A route for a signed-in person: as `route`, answered UNAUTHENTICATED without a session. */
export function signedInRoute<P = Record<string, never>>(failure: string, body: (call: SignedInCall<P>) => Promise<Response>) {
  return route<P>(failure, async (call) => body({ ...call, user: await requireUser(call.context, call.request) }));
}

/** A party's route (`/api/parties/[id]/…`) for a signed-in person. */
export function signedInPartyRoute(failure: string, body: (call: SignedInRoute) => Promise<Response>) {
  return signedInRoute<{ id: string }>(failure, (call) => body({ ...call, partyId: call.params.id }));
}
