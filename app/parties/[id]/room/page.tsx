import type { Metadata } from "next";
import { viewPartyOr404 } from "../../../_components/party-view";
import { requireUserOrSignIn } from "../../../_components/require-user";
import { Room } from "./room";

export const metadata: Metadata = { title: "Live room" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RoomPage(props: Props) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const user = await requireUserOrSignIn(`/parties/${id}/room${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`);
  const { party } = await viewPartyOr404(id, invite, user.id);
  return <Room partyId={party.id} title={party.title} invite={invite} episodeMinutes={party.episodeMinutes} />;
}
