/**
 * fast-check generators of malformed HTTP requests for the route handlers in
 * app/api/**: methods, path parameters (malformed percent-escapes included),
 * query strings, content types, cookies and bodies.
 */
import fc from "fast-check";
import { edgeNumber, hostileObject, hostileString, MALFORMED_ESCAPES, prototypeWord } from "./hostile-values";

export interface HttpTargets {
  /** A real party of the signed-in user's. */
  partyId: string;
  /** Its invite token. */
  invite: string;
  /** Someone else's unlisted party. */
  otherPartyId: string;
  /** The signed-in user's cookie header. */
  cookie: string;
  /** Someone who answered the invitation (a co-host candidate). */
  userId: string;
}

export interface GeneratedRequest {
  method: string;
  pathId: string;
  query: string | null;
  contentType: string | null;
  cookie: string | null;
  body: string | Uint8Array | null;
  contentLength: string | null;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const cookieSafe = fc.stringMatching(/^[\x21-\x3a\x3c-\x7e]{0,200}$/);

export function pathIds(t: HttpTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(t.partyId) },
    { weight: 1, arbitrary: fc.constant(t.otherPartyId) },
    { weight: 1, arbitrary: prototypeWord },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_ESCAPES).map((bad) => `${t.partyId}${bad}`) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_ESCAPES) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,40}$/) },
    { weight: 1, arbitrary: hostileString },
  );
}

/** JSON of a plausible-but-hostile object, or bytes that are not JSON at all, or too many of them. */
export function bodies(template: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { weight: 8, arbitrary: template.map((value) => JSON.stringify(value) ?? "") },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", "{", "null", "[]", '"text"', "1e999", "-0", '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', "%PDF-1.7", "\u0000\u0001\u0002", `${"[".repeat(5000)}${"]".repeat(5000)}`, "\uFEFF{}"),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 120_000 }).map((n) => JSON.stringify({ text: "word ".repeat(n / 5), title: "x" })) },
  );
}

/** A request's parts; the route decides the URL and whether a body may be sent. */
export function requestParts(t: HttpTargets, method: string, body: fc.Arbitrary<string | Uint8Array> | null): fc.Arbitrary<GeneratedRequest> {
  return fc.record({
    method: fc.oneof({ weight: 8, arbitrary: fc.constant(method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    pathId: pathIds(t),
    // Buffer.from(…).toString() replaces lone surrogates, which encodeURIComponent refuses.
    query: fc.option(
      fc.oneof(fc.constant(`invite=${t.invite}`), fc.constantFrom(...MALFORMED_ESCAPES).map((bad) => `invite=${bad}`), hostileString.map((s) => `invite=${encodeURIComponent(Buffer.from(s).toString())}`), fc.constant("invite=a&invite=b")),
    ),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant("application/json") },
      {
        weight: 2,
        arbitrary: fc.constantFrom(null, "", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "application/octet-stream", "text/calendar", "garbage/%zz"),
      },
    ),
    cookie: fc.oneof(
      { weight: 8, arbitrary: fc.constant(t.cookie) },
      { weight: 1, arbitrary: fc.constant(`${t.cookie}; authjs.session-token=forged; junk=%zz`) },
      { weight: 1, arbitrary: cookieSafe.map((value) => `authjs.session-token=${value}`) },
      { weight: 1, arbitrary: fc.constantFrom(null, "", "=", ";;;", `big=${"a".repeat(8000)}`) },
    ),
    body: body ? fc.option(body, { freq: 10 }) : fc.constant(null),
    contentLength: fc.option(fc.constantFrom("abc", "-1", "0", "99999999999", "1e3"), { freq: 10 }),
  });
}

/** Builds the Request a route handler is called with. Bodies go only with methods that may carry one. */
export function toRequest(path: string, parts: GeneratedRequest): Request {
  const headers = new Headers();
  if (parts.contentType !== null) headers.set("content-type", parts.contentType);
  if (parts.cookie !== null) headers.set("cookie", parts.cookie);
  if (parts.contentLength !== null) headers.set("content-length", parts.contentLength);
  const bodyAllowed = parts.method !== "GET" && parts.method !== "HEAD";
  const init: RequestInit = { method: parts.method, headers, ...(bodyAllowed && parts.body !== null ? { body: parts.body as BodyInit } : {}) };
  const query = parts.query === null ? "" : `?${parts.query}`;
  try {
    return new Request(`http://localhost${path}${query}`, init);
  } catch {
    // A path the URL parser refuses outright: send it escaped, as a browser would.
    return new Request(`http://localhost${encodeURI(Buffer.from(path).toString())}${query}`, init);
  }
}

/** Plausible-but-hostile bodies of each JSON route. */
export function bodyTemplates(t: HttpTargets) {
  const text = fc.oneof(fc.lorem({ maxCount: 80, mode: "sentences" }), hostileString);
  const validParty = {
    title: "Finale night",
    description: "Snacks at 7.",
    episodePlan: "binge",
    episodeFrom: 1,
    episodeTo: 3,
    startsAtLocal: "2031-06-01T20:00",
    timeZone: "America/New_York",
    episodeMinutes: 50,
    capacity: 10,
    visibility: "unlisted",
  };
  const validQuestion = { id: "q1", kind: "truefalse", prompt: "The festival is in Portland.", answer: true, sources: [{ article: "Harbor Lights", paragraph: 1, fact: "It is in Portland." }] };
  const party = hostileObject({
    title: fc.oneof(fc.lorem({ maxCount: 3 }), hostileString),
    description: text,
    episodePlan: fc.constantFrom("single", "binge", "weekly", "constructor"),
    episodeFrom: fc.oneof(edgeNumber, fc.integer({ min: 0, max: 11 })),
    episodeTo: fc.oneof(edgeNumber, fc.integer({ min: 0, max: 11 })),
    startsAtLocal: fc.oneof(fc.constantFrom("2031-03-09T02:30", "2031-02-30T20:00", "2031-06-01T20:00", "9999-12-31T23:59", "0000-01-01T00:00", "2031-06-01T25:61"), hostileString),
    timeZone: fc.oneof(fc.constantFrom("UTC", "America/New_York", "Mars/Olympus_Mons", "Etc/GMT+14", "constructor"), hostileString),
    episodeMinutes: edgeNumber,
    capacity: fc.oneof(edgeNumber, fc.constant(null)),
    visibility: fc.constantFrom("public", "unlisted", "private"),
  }, validParty);
  const source = hostileObject({ article: text, paragraph: edgeNumber, fact: text });
  const question = hostileObject({
    id: fc.oneof(fc.uuid(), prototypeWord),
    kind: fc.constantFrom("choice", "truefalse", "number", "order", "text", "constructor"),
    prompt: text,
    options: fc.array(fc.oneof(fc.lorem({ maxCount: 2 }), hostileString), { maxLength: 8 }),
    answer: fc.oneof(edgeNumber, fc.boolean()),
    tolerance: edgeNumber,
    unit: hostileString,
    items: fc.array(fc.lorem({ maxCount: 2 }), { maxLength: 8 }),
    accepted: fc.array(fc.lorem({ maxCount: 2 }), { maxLength: 12 }),
    sources: fc.array(source, { maxLength: 6 }),
  }, validQuestion);
  return {
    signUp: hostileObject(
      { name: fc.oneof(fc.lorem({ maxCount: 2 }), hostileString), email: fc.oneof(fc.emailAddress(), hostileString), password: fc.oneof(fc.string({ minLength: 10, maxLength: 30 }), hostileString) },
      { name: "Fuzz", email: "fuzz@example.com", password: "correct horse battery" },
    ),
    party,
    rsvp: hostileObject({ status: fc.constantFrom("going", "maybe", "not_going", "waitlisted", "__proto__"), invite: fc.oneof(fc.constant(t.invite), hostileString) }, { status: "maybe", invite: t.invite }),
    cohost: hostileObject({ userId: fc.oneof(fc.constant(t.userId), prototypeWord, hostileString) }, { userId: t.userId }),
    draft: hostileObject({ title: hostileString, text }, { title: "Harbor Lights", text: "The Harbor Lights festival opens in Portland on Friday. Maria Lopez leads the parade at 7 p.m." }),
    deck: hostileObject({ title: fc.oneof(fc.lorem({ maxCount: 3 }), hostileString), questions: fc.array(question, { maxLength: 4 }) }, { title: "Festival deck", questions: [validQuestion] }),
  };
}

/** Auth.js's own paths under /api/auth, real and not, with a form body. */
export const authPath = fc.oneof(
  fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback/guest", "callback/password", "callback/github", "signin/password", "error", "verify-request", "webauthn-options/passkey"),
  prototypeWord,
  fc.constantFrom(...MALFORMED_ESCAPES),
  fc.stringMatching(/^[a-z/]{0,30}$/),
);
export const authForm = fc
  .dictionary(fc.constantFrom("csrfToken", "displayName", "email", "password", "callbackUrl", "redirect", "__proto__", "constructor"), hostileString, { maxKeys: 5 })
  .map((fields) => new URLSearchParams(Object.entries(fields)).toString());
