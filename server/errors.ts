import type { z } from "zod";

/** Every error code a client can see, over HTTP or Socket.IO. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "INVALID_JSON"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "MALFORMED_URL"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNKNOWN_EVENT"
  | "RATE_LIMITED"
  | "TOO_LATE"
  | "BUSY"
  | "INTERNAL";

/** Field name → what is wrong with it, for showing next to form fields. */
export type FieldErrors = Record<string, string>;

export interface PublicError {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** With RATE_LIMITED: how long to wait before the next try. */
  retryAfterMs?: number;
}

// Next.js bundles its own copy of server modules next to the custom server's,
// so `instanceof` cannot tell an AppError from the other copy: a brand can.
const BRAND = Symbol.for("ballard-watch-party.AppError");

/** An error whose message is meant for the person who caused it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  /** When trying again makes sense (RATE_LIMITED, BUSY): sent over HTTP as `Retry-After`. */
  readonly retryAfterMs: number | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, options: { retryAfterMs?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** "Try again in 40 seconds." / "Try again in 10 minutes." for a wait of whole seconds. */
export function tryAgainIn(seconds: number): string {
  const wait = Math.max(1, seconds);
  return `Try again in ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`;
}

/** "Too many": the message says how long to wait, and so does Retry-After over HTTP. */
export function rateLimitedError(what: string, retryAfterMs: number): AppError {
  return new AppError("RATE_LIMITED", `${what} ${tryAgainIn(Math.ceil(retryAfterMs / 1000))}`, undefined, { retryAfterMs });
}

export function isAppError(error: unknown): error is AppError {
  return typeof error === "object" && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
}

export function validationError(error: z.ZodError): AppError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return new AppError("VALIDATION_FAILED", `Some fields need attention: ${summary}`, fields);
}

/**
 * What a client may see of an error: an AppError as it is, anything else as a
 * generic message (the details stay in the server's log).
 */
export function toPublicError(error: unknown): PublicError {
  if (isAppError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  return { code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
}
