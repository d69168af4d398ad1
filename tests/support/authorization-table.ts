/**
 * Who may do what in a party: the expected outcome of every (role, action)
 * pair, before and after the party is cancelled. tests/integration/
 * authorization-matrix.test.ts plays every cell against the real server.
 *
 * Sources: docs/realtime-protocol.md ("who" columns and the error table),
 * server/parties/access.ts (canView, canManage), server/trivia/manage-access.ts,
 * server/room/* (mayControl, requireModerator, the host-only control mode),
 * and the hardening rules: a guest account cannot host or be a co-host (so
 * cannot draft questions); a cancelled party's room is closed, so every room
 * event from a connection that was in it answers CONFLICT, host included, and
 * so does room:join; a removed member is FORBIDDEN; a muted member cannot
 * send chat but reads, reacts and plays as before.
 */
import type { ErrorCode } from "@/server/errors";

/**
 * The people of one unlisted party:
 * - outsider: signed in (a member account), never invited, has not answered;
 * - guest: a guest account (display name only) that answered the invitation and joins with the invite token;
 * - member: a member account that answered (RSVP "going");
 * - muted / removed: members a host muted / removed from the room;
 * - cohost: a member the host made co-host;
 * - host: the member account that created the party.
 * Everyone but the outsider and the removed member is in the room (joined)
 * when an action is tried; before a cancel they joined, then the host cancelled.
 */
export const ROLES = ["outsider", "guest", "member", "muted", "removed", "cohost", "host"] as const;
export type Role = (typeof ROLES)[number];

export const PHASES = ["open", "cancelled"] as const;
export type Phase = (typeof PHASES)[number];

export const SOCKET_ACTIONS = [
  "room:join",
  "clock:command",
  "clock:control-mode",
  "ready:set",
  "ready:countdown",
  "viewer:report",
  "chat:send",
  "chat:history",
  "chat:react",
  "chat:typing",
  "chat:delete",
  "member:mute",
  "member:remove",
  "trivia:start",
  "trivia:next",
  "trivia:end",
  "trivia:answer",
  "trivia:sync",
] as const;
export type SocketAction = (typeof SOCKET_ACTIONS)[number];

export const HTTP_ACTIONS = [
  "POST /api/parties (create)",
  "PATCH /api/parties/[id] (edit)",
  "POST /api/parties/[id]/cancel",
  "POST /api/parties/[id]/rsvp",
  "POST /api/parties/[id]/cohosts",
  "POST /api/parties/[id]/trivia/draft",
  "PUT /api/parties/[id]/trivia/deck",
  "GET /api/parties/[id]/trivia/results.csv",
  "GET /api/parties/[id]/calendar.ics",
  "GET /api/parties/[id]/replay",
  "POST /api/parties/[id]/extension-token",
] as const;
export type HttpAction = (typeof HTTP_ACTIONS)[number];

export type Action = SocketAction | HttpAction;

/**
 * "ok", or the error code the action answers. A list means the docs leave the
 * choice open and any of its outcomes is right (each such cell says why).
 */
export type Outcome = "ok" | ErrorCode | readonly ("ok" | ErrorCode)[];
type Row = Record<Role, Outcome>;

const row = (outsider: Outcome, guest: Outcome, member: Outcome, muted: Outcome, removed: Outcome, cohost: Outcome, host: Outcome): Row => ({
  outsider,
  guest,
  member,
  muted,
  removed,
  cohost,
  host,
});

// Shorthands for the table below.
const F = "FORBIDDEN";
const C = "CONFLICT";
const NF = "NOT_FOUND";
const V = "VALIDATION_FAILED";

/** Not joined (outsider, removed): "Join the party's room first". In the room: members, hosts. */
const members = row(F, "ok", "ok", "ok", F, "ok", "ok");
const hostsOnly = row(F, F, F, F, F, "ok", "ok");
/** After the cancel every connection that was in the room gets CONFLICT; the others were never in it. */
const closedRoom = row(F, C, C, C, F, C, C);
/** A cancelled party is closed: preparing its trivia or naming co-hosts is CONFLICT for the hosts, like editing it. */
const hostsAfterCancel = row(F, F, F, F, F, C, C);

export const EXPECTED: Record<Phase, Record<Action, Row>> = {
  open: {
    // An unlisted party without its invite is NOT_FOUND; a removed member cannot come back.
    "room:join": row(NF, "ok", "ok", "ok", F, "ok", "ok"),
    // The control mode is "hosts" (the default): guests do not control playback.
    "clock:command": hostsOnly,
    "clock:control-mode": row(F, F, F, F, F, F, "ok"),
    "ready:set": members,
    "ready:countdown": hostsOnly,
    "viewer:report": members,
    // A muted member reads but does not write.
    "chat:send": row(F, "ok", "ok", F, F, "ok", "ok"),
    "chat:history": members,
    "chat:react": members,
    "chat:typing": members,
    "chat:delete": hostsOnly,
    "member:mute": hostsOnly,
    "member:remove": hostsOnly,
    "trivia:start": hostsOnly,
    "trivia:next": hostsOnly,
    "trivia:end": hostsOnly,
    // Everyone in the room when the question opened plays, hosts included.
    "trivia:answer": members,
    "trivia:sync": members,

    // Only a member account hosts; the outsider is a member account too.
    "POST /api/parties (create)": row("ok", F, "ok", "ok", "ok", "ok", "ok"),
    "PATCH /api/parties/[id] (edit)": hostsOnly,
    "POST /api/parties/[id]/cancel": hostsOnly,
    // Answering needs the invite (or an earlier answer); a room removal does not close the RSVP.
    "POST /api/parties/[id]/rsvp": row(NF, "ok", "ok", "ok", "ok", "ok", "ok"),
    // Only the host names co-hosts.
    "POST /api/parties/[id]/cohosts": row(F, F, F, F, F, F, "ok"),
    "POST /api/parties/[id]/trivia/draft": hostsOnly,
    "PUT /api/parties/[id]/trivia/deck": hostsOnly,
    // Anyone who may see the party reads its results and its calendar file.
    "GET /api/parties/[id]/trivia/results.csv": row(NF, "ok", "ok", "ok", "ok", "ok", "ok"),
    "GET /api/parties/[id]/calendar.ics": row(NF, "ok", "ok", "ok", "ok", "ok", "ok"),
    // Watching it back: the room's own rule (room-access.ts), so a removed member is refused; members only by default.
    "GET /api/parties/[id]/replay": row(NF, "ok", "ok", "ok", F, "ok", "ok"),
    // Linking the browser extension: whoever may enter the room (room:join's checks), a muted member too.
    "POST /api/parties/[id]/extension-token": row(NF, "ok", "ok", "ok", F, "ok", "ok"),
  },
  cancelled: {
    "room:join": row(NF, C, C, C, C, C, C),
    "clock:command": closedRoom,
    "clock:control-mode": closedRoom,
    "ready:set": closedRoom,
    "ready:countdown": closedRoom,
    "viewer:report": closedRoom,
    "chat:send": closedRoom,
    "chat:history": closedRoom,
    "chat:react": closedRoom,
    "chat:typing": closedRoom,
    "chat:delete": closedRoom,
    "member:mute": closedRoom,
    "member:remove": closedRoom,
    "trivia:start": closedRoom,
    "trivia:next": closedRoom,
    "trivia:end": closedRoom,
    "trivia:answer": closedRoom,
    "trivia:sync": closedRoom,

    // Creating a party does not depend on another party.
    "POST /api/parties (create)": row("ok", F, "ok", "ok", "ok", "ok", "ok"),
    "PATCH /api/parties/[id] (edit)": row(F, F, F, F, F, C, C),
    // Cancelling again is a no-op for the hosts.
    "POST /api/parties/[id]/cancel": hostsOnly,
    "POST /api/parties/[id]/rsvp": row(NF, C, C, C, C, C, C),
    "POST /api/parties/[id]/cohosts": row(F, F, F, F, F, F, C),
    "POST /api/parties/[id]/trivia/draft": hostsAfterCancel,
    "PUT /api/parties/[id]/trivia/deck": hostsAfterCancel,
    // The calendar file says CANCELLED; the results stay readable.
    "GET /api/parties/[id]/trivia/results.csv": row(NF, "ok", "ok", "ok", "ok", "ok", "ok"),
    "GET /api/parties/[id]/calendar.ics": row(NF, "ok", "ok", "ok", "ok", "ok", "ok"),
    // What was said before the cancel stays readable, to those who could read it before (not the removed member).
    "GET /api/parties/[id]/replay": row(NF, "ok", "ok", "ok", F, "ok", "ok"),
    // A cancelled party's room is closed: no link into it, whoever asks (the outsider still cannot see it).
    "POST /api/parties/[id]/extension-token": row(NF, C, C, C, C, C, C),
  },
};

/** Account rules that are not about a role in the party: whom the host may name co-host, and what a guest may prepare. */
export const ACCOUNT_RULES = {
  /** The host names a guest account that answered the invitation. */
  "the host names a guest co-host": F,
  /** The host names someone who has not answered. */
  "the host names a co-host who has not answered": V,
  /** A guest account hosting a party stored before guests were refused as hosts drafts questions. */
  "a guest host drafts questions": F,
} as const satisfies Record<string, ErrorCode>;

/** Whether an outcome is one the cell accepts. */
export function accepts(expected: Outcome, actual: "ok" | ErrorCode): boolean {
  return typeof expected === "string" ? expected === actual : expected.includes(actual);
}
