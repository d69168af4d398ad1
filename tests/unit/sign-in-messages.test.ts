import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/app/signin/sign-in-messages";

describe("signInErrorMessage", () => {
  it("says nothing without an error", () => {
    expect(signInErrorMessage(undefined, undefined)).toBeNull();
  });

  it("words each refusal", () => {
    expect(signInErrorMessage("CredentialsSignin", "wrong_credentials")).toMatch(/do not match an account/);
    expect(signInErrorMessage("CredentialsSignin", "invalid_display_name")).toMatch(/display name/);
    expect(signInErrorMessage("CredentialsSignin", "too_many_attempts")).toMatch(/Too many sign-in attempts.*Wait a few minutes/);
    expect(signInErrorMessage("CredentialsSignin", "too_many_guests")).toMatch(/Too many guests/);
    expect(signInErrorMessage("CredentialsSignin", "toString")).toMatch(/do not match an account/);
    expect(signInErrorMessage("MissingCSRF", undefined)).toMatch(/expired/);
    expect(signInErrorMessage("Configuration", undefined)).toBe("Sign-in did not work. Please try again.");
  });
});
