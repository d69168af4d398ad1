"use client";

import { useState, type ComponentProps, type FormEvent } from "react";
import type { FieldErrors } from "@/server/errors";
import { FormField } from "../_components/form-field";
import { formErrorMessage, sendJson } from "../_components/send-json";
import { useCsrfToken } from "../_components/use-csrf-token";
import { ErrorAlert } from "../_components/error-alert";

type Field = "name" | "email" | "password";

/** Posts to Auth.js's password sign-in, as the sign-in page's form would. */
function signIn(fields: Record<string, string>): void {
  const form = document.createElement("form");
  form.method = "post";
  form.action = "/api/auth/callback/password";
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

export function SignUpForm({ minPasswordLength, callbackUrl }: { minPasswordLength: number; callbackUrl: string }) {
  const csrfToken = useCsrfToken();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<Field, string>;
    setBusy(true);
    setFormError(null);
    const result = await sendJson("/api/users", "POST", data);
    if (result.ok) {
      signIn({ email: data.email, password: data.password, csrfToken: csrfToken ?? "", callbackUrl });
      return;
    }
    setErrors(result.error.fields ?? {});
    setFormError(formErrorMessage(result.error));
    setBusy(false);
  }

  const field = (name: Field, label: string, props: ComponentProps<"input">, hint?: string) => (
    <FormField idPrefix="signup" name={name} label={label} hint={hint} error={errors[name]}>
      {(a11y) => <input {...a11y} required {...props} />}
    </FormField>
  );

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <ErrorAlert message={formError} />
      {field("name", "Your name", { type: "text", autoComplete: "name", maxLength: 60 })}
      {field("email", "Email", { type: "email", autoComplete: "email" })}
      {field(
        "password",
        "Password",
        { type: "password", autoComplete: "new-password" },
        `At least ${minPasswordLength} characters.`,
      )}
      <button type="submit" disabled={busy || !csrfToken}>
        {busy ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
