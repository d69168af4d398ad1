import type { Metadata } from "next";
import Link from "next/link";
import { MIN_PASSWORD_LENGTH } from "@/server/users/create-account.types";
import { safeCallbackUrl, withCallback } from "../_components/safe-callback-url";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Where the person was going (the party form, an invitation): the new account goes on there.
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <>
      <h1>Create an account</h1>
      <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} callbackUrl={callbackUrl} />
      <p>
        Already have one? <Link href={withCallback("/signin", callbackUrl)}>Sign in</Link>.
      </p>
    </>
  );
}
