import type { ErrorCode } from "@/server/errors";
import { carriesStack } from "./log-capture";

// A Record over the union makes the compiler insist on every code server/errors.ts declares.
const CODES: Record<ErrorCode, true> = {
  VALIDATION_FAILED: true,
  INVALID_JSON: true,
  PAYLOAD_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  MALFORMED_URL: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  UNKNOWN_EVENT: true,
  RATE_LIMITED: true,
  BUSY: true,
  TOO_LATE: true,
  INTERNAL: true,
};
export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

const describe = (value: unknown) => JSON.stringify(value)?.slice(0, 600) ?? String(value);

function assertPublicError(error: unknown, context: string): asserts error is { code: ErrorCode; message: string } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || !ERROR_CODES.includes(code as ErrorCode)) throw new Error(`${context}: not a typed error: ${describe(error)}`);
  if (typeof message !== "string" || message.length === 0) throw new Error(`${context}: an error without a message: ${describe(error)}`);
  if (code === "INTERNAL") throw new Error(`${context}: client input answered INTERNAL: ${describe(error)}`);
}

/**
 * A Socket.IO acknowledgement is `{ ok: true, data }` or
 * `{ ok: false, error: { code, message } }` with a code from server/errors.ts
 * other than INTERNAL, and carries no stack trace.
 */
export function assertTypedAck(ack: unknown, context: string): void {
  if (carriesStack(ack)) throw new Error(`${context}: the answer carries a stack trace: ${describe(ack)}`);
  const result = ack as { ok?: unknown; data?: unknown; error?: unknown };
  if (result?.ok === true) {
    if (typeof result.data !== "object" || result.data === null) throw new Error(`${context}: ok without data: ${describe(ack)}`);
    return;
  }
  if (result?.ok !== false) throw new Error(`${context}: not an AckResult: ${describe(ack)}`);
  assertPublicError(result.error, context);
}

/**
 * An HTTP answer to client input: below 500; an error status carries JSON
 * `{ error: { code, message } }`; no body carries a stack trace.
 * Returns the body text.
 */
export async function assertTypedResponse(response: Response, context: string, options: { jsonErrors: boolean } = { jsonErrors: true }): Promise<string> {
  const body = await response.text();
  if (response.status >= 500) throw new Error(`${context}: status ${response.status} for client input: ${body.slice(0, 600)}`);
  if (/\n\s+at\s|"stack"\s*:/.test(body)) throw new Error(`${context}: the body carries a stack trace: ${body.slice(0, 600)}`);
  if (response.status >= 400 && options.jsonErrors) {
    if (!response.headers.get("content-type")?.includes("application/json")) throw new Error(`${context}: an error that is not JSON: ${response.status} ${body.slice(0, 300)}`);
    assertPublicError((JSON.parse(body) as { error?: unknown }).error, `${context} (status ${response.status})`);
  }
  return body;
}
