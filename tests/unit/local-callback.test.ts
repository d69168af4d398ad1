import { describe, expect, it } from "vitest";
import { localCallbackPath, localRedirect } from "@/shared/local-callback";

/** Every form of a callback that could leave the site. */
export const FOREIGN_CALLBACKS = [
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "//evil.example",
  "///evil.example",
  "/%2F%2Fevil.example",
  "/%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " /\\evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "evil.example",
  "/%E0%A4%A",
  "",
];

describe("callback URLs after signing in", () => {
  it.each(FOREIGN_CALLBACKS)("refuses %j", (raw) => {
    expect(localCallbackPath(raw)).toBeNull();
    expect(localRedirect(raw, "http://localhost:3000")).toBe("http://localhost:3000");
  });

  it("keeps paths on this site, with their query and fragment", () => {
    expect(localCallbackPath("/parties/abc?invite=x#room")).toBe("/parties/abc?invite=x#room");
    expect(localCallbackPath("/parties/a%20b")).toBe("/parties/a%20b");
    expect(localCallbackPath(undefined)).toBeNull();
    expect(localRedirect("/my", "http://localhost:3000")).toBe("http://localhost:3000/my");
    expect(localRedirect("http://localhost:3000/my?x=1", "http://localhost:3000")).toBe("http://localhost:3000/my?x=1");
    expect(localRedirect("http://localhost:3000/\\evil.example", "http://localhost:3000")).toBe("http://localhost:3000");
  });
});
