import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAppContext } from "@/server/context";
import { canManage } from "@/server/parties/access";
import { DEFAULT_EPISODE_MINUTES, instantToLocal } from "@/server/parties/schedule";
import { requireUserOrSignIn } from "../../../_components/require-user";
import { PartyForm } from "../../party-form";

export const metadata: Metadata = { title: "Edit party" };
export const dynamic = "force-dynamic";

export default async function EditPartyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUserOrSignIn(`/parties/${id}/edit`);
  const party = /^[a-z0-9]{1,40}$/i.test(id) ? await getAppContext().parties.findById(id) : null;
  if (!party || !canManage(party, user.id)) notFound();
  return (
    <>
      <h1>Edit “{party.title}”</h1>
      <PartyForm
        mode="edit"
        partyId={party.id}
        defaultEpisodeMinutes={DEFAULT_EPISODE_MINUTES}
        initial={{
          title: party.title,
          description: party.description,
          episodePlan: party.episodePlan,
          episodeFrom: party.episodeFrom,
          episodeTo: party.episodeTo,
          startsAtLocal: instantToLocal(party.startsAt, party.timeZone),
          timeZone: party.timeZone,
          episodeMinutes: party.episodeMinutes,
          capacity: party.capacity,
          visibility: party.visibility,
          replayVisibility: party.replayVisibility,
        }}
      />
    </>
  );
}
