import type { z } from "zod";
import { AppError, isAppError, toPublicError, validationError, type ErrorCode } from "../errors";

/** The largest JSON body a route accepts unless it says otherwise. */
export const MAX_JSON_BYTES = 16 * 1024;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MALFORMED_URL: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_EVENT: 400,
  RATE_LIMITED: 429,
  TOO_LATE: 409,
  BUSY: 503,
  INTERNAL: 500,
};

/** Reads and validates a JSON body: too large, not JSON, or of the wrong shape each get their own error. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge;
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function errorResponse(error: unknown, onInternal?: (error: unknown) => void): Response {
  const body = toPublicError(error);
  if (body.code === "INTERNAL") onInternal?.(error);
  const retryAfter = isAppError(error) && error.retryAfterMs !== undefined ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : undefined;
  return Response.json(
    { error: body },
    { status: HTTP_STATUS[body.code], ...(retryAfter ? { headers: { "retry-after": String(retryAfter) } } : {}) },
  );
}
