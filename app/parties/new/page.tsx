import type { Metadata } from "next";
import Link from "next/link";
import { GUEST_CANNOT_HOST } from "@/server/parties/create-party";
import { DEFAULT_EPISODE_MINUTES } from "@/server/parties/schedule";
import { withCallback } from "../../_components/safe-callback-url";
import { requireUserOrSignIn } from "../../_components/require-user";
import { PartyForm } from "../party-form";

export const metadata: Metadata = { title: "Host a party" };
export const dynamic = "force-dynamic";

export default async function NewPartyPage() {
  const user = await requireUserOrSignIn("/parties/new");
  return (
    <>
      <h1>Host a Ballard watch party</h1>
      {user.kind === "member" ? (
        <PartyForm mode="create" defaultEpisodeMinutes={DEFAULT_EPISODE_MINUTES} />
      ) : (
        <section className="card" data-testid="guest-cannot-host" aria-labelledby="account-heading">
          <h2 id="account-heading">{GUEST_CANNOT_HOST}</h2>
          <p>
            You are signed in as a guest, {user.name}. Guests join parties, chat and play trivia; a party&apos;s host and co-hosts
            need an account.
          </p>
          <p>
            <Link href={withCallback("/signup", "/parties/new")}>Create an account</Link> with your email and a password, or{" "}
            <Link href={withCallback("/signin", "/parties/new")}>sign in</Link> if you have one: either brings you
            straight back here to schedule your party.
          </p>
        </section>
      )}
    </>
  );
}
