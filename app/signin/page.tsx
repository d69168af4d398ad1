import type { Metadata } from "next";
import Link from "next/link";
import { getAppContext } from "@/server/context";
import { SignInForms } from "./sign-in-forms";
import { signInErrorMessage } from "./sign-in-messages";
import { ErrorAlert } from "../_components/error-alert";
import { safeCallbackUrl, withCallback } from "../_components/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = signInErrorMessage(first(params.error), first(params.code));
  const { oauthProviders } = getAppContext();
  return (
    <>
      <h1>Sign in</h1>
      <ErrorAlert message={error} testId="signin-error" />
      <SignInForms callbackUrl={callbackUrl} oauthProviders={oauthProviders} />
      <p>
        New here? <Link href={withCallback("/signup", callbackUrl)}>Create an account</Link>.
      </p>
    </>
  );
}
