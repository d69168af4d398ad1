/** What the sign-in page says for the error Auth.js put in its URL. */
export function signInErrorMessage(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  if (error === "CredentialsSignin") {
    if (code === "invalid_display_name") return "Enter a display name of 1 to 40 characters.";
    return "That email and password do not match an account. Check them and try again.";
  }
  if (error === "MissingCSRF") return "The sign-in form expired. Please try again.";
  return "Sign-in did not work. Please try again.";
}
