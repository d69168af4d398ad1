import type { Metadata } from "next";
import Link from "next/link";
import { MIN_PASSWORD_LENGTH } from "@/server/users/create-account.types";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <>
      <h1>Create an account</h1>
      <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} />
      <p>
        Already have one? <Link href="/signin">Sign in</Link>.
      </p>
    </>
  );
}
