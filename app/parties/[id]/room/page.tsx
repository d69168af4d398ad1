import type { Metadata } from "next";
import { viewPartyOr404 } from "../../../_components/party-view";
import { redirect } from "next/navigation";
import { currentUser } from "../../../_components/current-user";
import { Room } from "./room";

export const metadata: Metadata = { title: "Live room" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RoomPage(props: Props) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const query = invite ? `?invite=${encodeURIComponent(invite)}` : "";
  // Someone not signed in gives a name on the party page (guests first), never a sign-in page.
  const user = (await currentUser()) ?? redirect(`/parties/${encodeURIComponent(id)}${query}#join`);
  const { party } = await viewPartyOr404(id, invite, user.id);
  return <Room partyId={party.id} title={party.title} invite={invite} episodeMinutes={party.episodeMinutes} invitePath={`/parties/${party.id}?invite=${party.inviteToken}`} />;
}
