import type { SignInErrorCode } from "@/server/auth/auth-config";

const CREDENTIALS_MESSAGES: Record<SignInErrorCode, string> = {
  wrong_credentials: "That email and password do not match an account. Check them and try again.",
  invalid_display_name: "Enter a display name of 1 to 40 characters.",
  too_many_attempts: "Too many sign-in attempts for this account or from your network. Wait a few minutes, then try again.",
  too_many_guests: "Too many guests joined from your network just now. Wait a few minutes, then try again.",
};

const isCode = (code: string | undefined): code is SignInErrorCode => code !== undefined && Object.hasOwn(CREDENTIALS_MESSAGES, code);

/** What the sign-in page says for the error Auth.js put in its URL. */
export function signInErrorMessage(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin") return CREDENTIALS_MESSAGES[isCode(code) ? code : "wrong_credentials"];
  if (error === "MissingCSRF") return "The sign-in form expired. Please try again.";
  return "Sign-in did not work. Please try again.";
}
