import { Auth, type AuthConfig } from "@auth/core";
import type { Logger } from "pino";
import { SESSION_RENEW_AFTER_SECONDS } from "./auth/auth-config";
import { readSession, readSessionUntil, type TimedSessionUser } from "./auth/read-session";
import { renewSession } from "./auth/renew-session";
import type { SessionUser } from "./auth/session-user";
import type { ClusterRedis } from "./cluster/open-redis";
import type { ProcessRegistry } from "./cluster/process-registry";
import type { Database } from "./db/client";
import type { ExtensionLinkDeps } from "./extension/extension-links";
import type { PartyRepository } from "./parties/party";
import type { RealtimeControls } from "./realtime-controls";
import type { ReminderRepository } from "./reminders/reminder";
import type { RoomRepository, RoomStateStore } from "./room/room";
import type { DraftingDeps } from "./trivia/draft-deck";
import type { TriviaRepository } from "./trivia/trivia";
import type { AccountLimiters } from "./users/account-limits";
import type { UserRepository } from "./users/user";

export type { RealtimeControls } from "./realtime-controls";

/**
 * What the transport layers (Next.js route handlers, server components and
 * Socket.IO handlers) are handed: the process's one database, its repositories
 * and the auth configuration. Built once at start-up, by assembleApp (server/assemble-app.ts).
 */
export interface AppContext {
  database: Pick<Database, "kind" | "ping">;
  /** Set when several processes share Redis (REDIS_URL): the Socket.IO adapter, room state and limits go through it. */
  cluster?: ClusterRedis;
  /** With `cluster`: this process in the registry of processes (heartbeat, janitor); stopped before Redis closes. */
  processes?: ProcessRegistry;
  users: UserRepository;
  parties: PartyRepository;
  rooms: RoomRepository;
  /** Live presence of the rooms (memory on one process, Redis with `cluster`). */
  roomState: RoomStateStore;
  trivia: TriviaRepository;
  /** The browser extension's links to parties (docs/extension.md). */
  extensionLinks: ExtensionLinkDeps;
  /** Sign-in, sign-up and guest limits (memory stores on one process, Redis with `cluster`). */
  limiters: AccountLimiters;
  /** The question generator's worker pool and the per-person draft limit (closed with the server). */
  drafting: DraftingDeps;
  /** E-mail reminders: the opt-ins, and whether mail is set up (SMTP_URL and MAIL_FROM). */
  reminders: { repository: ReminderRepository; mailEnabled: boolean };
  /** The public URL from AUTH_URL, when set. */
  authUrl: string | undefined;
  /** The OAuth providers switched on by the environment. */
  oauthProviders: Array<"github" | "google">;
  logger: Logger;
  /** Set once the process is shutting down (SIGTERM): /api/health answers 503 so the balancer sends nothing new. */
  draining?: boolean;
  /** The live rooms' controls (every assembled app runs its realtime server). */
  realtime: RealtimeControls;
  getSessionUser(cookieHeader: string | null | undefined): Promise<SessionUser | null>;
  /** The same, with when the session ends: a socket handshake keeps it and closes the socket then. */
  getSocketSession(cookieHeader: string | null | undefined): Promise<TimedSessionUser | null>;
  /** Set-Cookie headers that renew the session in this Cookie header, when it is due (the HTTP edge sends them). */
  renewSession(cookieHeader: string): Promise<string[]>;
  /**
   * Auth.js's handler for /api/auth/*. It is called through the context so that
   * one copy of @auth/core serves both the route and the session reads: its
   * error classes are checked with instanceof.
   */
  handleAuth(request: Request): Promise<Response>;
}

export function createAppContext({
  authConfig,
  ...parts
}: Omit<AppContext, "getSessionUser" | "getSocketSession" | "renewSession" | "handleAuth"> & { authConfig: AuthConfig }): AppContext {
  return {
    ...parts,
    getSessionUser: (cookieHeader) => readSession(authConfig, cookieHeader),
    getSocketSession: (cookieHeader) => readSessionUntil(authConfig, cookieHeader),
    renewSession: (cookieHeader) => renewSession(authConfig, cookieHeader, SESSION_RENEW_AFTER_SECONDS),
    handleAuth: (request) => Auth(request, authConfig),
  };
}

// Next.js bundles route handlers apart from the custom server, so a module
// variable would exist twice in one process; the context lives on globalThis.
const KEY = Symbol.for("ballard-watch-party.context");
type Holder = { [KEY]?: AppContext };

export function setAppContext(context: AppContext | undefined): void {
  (globalThis as Holder)[KEY] = context;
}

/** The context when one is set (the assembly unsets its own only). */
export function getAppContextIfSet(): AppContext | undefined {
  return (globalThis as Holder)[KEY];
}

export function getAppContext(): AppContext {
  const context = (globalThis as Holder)[KEY];
  if (!context) throw new Error("The app context is not set: start the app with `npm start` (server/main.ts).");
  return context;
}
