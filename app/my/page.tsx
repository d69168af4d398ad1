import type { Metadata } from "next";
import Link from "next/link";
import { getAppContext } from "@/server/context";
import { listMyParties } from "@/server/parties/list-my-parties";
import { PartyList } from "../_components/party-list";
import { requireUserOrSignIn } from "../_components/require-user";

export const metadata: Metadata = { title: "My parties" };
export const dynamic = "force-dynamic";

export default async function MyPartiesPage() {
  const user = await requireUserOrSignIn("/my");
  const { parties, logger } = getAppContext();
  const now = new Date();
  const { hosting, attending } = await listMyParties({ parties, userId: user.id, now, logger });
  return (
    <>
      <h1>My parties</h1>
      <p>
        <Link href="/parties/new">Host a new party</Link>
      </p>
      <section aria-labelledby="hosting-heading">
        <h2 id="hosting-heading">Parties I host</h2>
        <PartyList parties={hosting} empty="You are not hosting any party yet." testId="hosting" now={now} />
      </section>
      <section aria-labelledby="attending-heading">
        <h2 id="attending-heading">Parties I am going to</h2>
        <PartyList parties={attending} empty="You have not answered any invitation yet." testId="attending" now={now} />
      </section>
    </>
  );
}
