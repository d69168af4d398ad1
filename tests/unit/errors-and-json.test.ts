import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toPublicError } from "@/server/errors";
import { errorResponse, readJsonBody } from "@/server/http/json";

const schema = z.object({ title: z.string().min(1, "Enter a title.") });
const request = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers });

describe("readJsonBody", () => {
  it("returns the parsed body", async () => {
    await expect(readJsonBody(request('{"title":"Pilot"}'), schema)).resolves.toEqual({ title: "Pilot" });
  });

  it("tells invalid JSON, wrong shape and size apart", async () => {
    await expect(readJsonBody(request("{"), schema)).rejects.toMatchObject({ code: "INVALID_JSON" });
    await expect(readJsonBody(request('{"title":""}'), schema)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { title: "Enter a title." },
    });
    await expect(readJsonBody(request(`{"title":"${"x".repeat(100)}"}`), schema, 50)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(readJsonBody(request("{}", { "content-length": "999999" }), schema, 50)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });
});

describe("public errors", () => {
  it("passes an AppError through and hides anything else", () => {
    expect(toPublicError(new AppError("FORBIDDEN", "Only the host can do that."))).toEqual({
      code: "FORBIDDEN",
      message: "Only the host can do that.",
    });
    const hidden = toPublicError(new Error("password=hunter2 at db.internal"));
    expect(hidden.code).toBe("INTERNAL");
    expect(hidden.message).not.toContain("hunter2");
  });

  it("maps codes to HTTP statuses and reports internal errors to the log hook", async () => {
    const seen: unknown[] = [];
    expect(errorResponse(new AppError("NOT_FOUND", "No such party.")).status).toBe(404);
    const internal = errorResponse(new Error("boom"), (e) => seen.push(e));
    expect(internal.status).toBe(500);
    expect(seen).toHaveLength(1);
    expect(await internal.json()).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } });
  });
});
