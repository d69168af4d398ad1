import type { Metadata } from "next";
import { DEFAULT_EPISODE_MINUTES } from "@/server/parties/schedule";
import { requireUserOrSignIn } from "../../_components/require-user";
import { PartyForm } from "../party-form";

export const metadata: Metadata = { title: "Host a party" };
export const dynamic = "force-dynamic";

export default async function NewPartyPage() {
  await requireUserOrSignIn("/parties/new");
  return (
    <>
      <h1>Host a Ballard watch party</h1>
      <PartyForm mode="create" defaultEpisodeMinutes={DEFAULT_EPISODE_MINUTES} />
    </>
  );
}
