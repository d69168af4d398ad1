import type { PublicError } from "@/server/errors";

export type JsonResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };

/** Sends JSON to one of the app's routes; a network failure comes back as an error too. */
export async function sendJson<T>(url: string, method: "POST" | "PATCH" | "PUT" | "DELETE", body: unknown): Promise<JsonResult<T>> {
  try {
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await response.json()) as T & { error?: PublicError };
    if (response.ok) return { ok: true, data };
    return { ok: false, error: data.error ?? { code: "INTERNAL", message: "That did not work." } };
  } catch {
    return { ok: false, error: { code: "INTERNAL", message: "Could not reach the server. Check your connection and try again." } };
  }
}

/** What a form says above its fields for a refused submission. */
export function formErrorMessage(error: PublicError): string {
  return error.fields ? "Please fix the fields marked below." : error.message;
}
