import type { Metadata } from "next";
import { viewPartyOr404 } from "../../../_components/party-view";
import { requireUserOrSignIn } from "../../../_components/require-user";
import { Stage } from "./stage";

export const metadata: Metadata = { title: "TV stage" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The party's presenter view for a TV or second monitor: the same access as the room. */
export default async function StagePage(props: Props) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const user = await requireUserOrSignIn(`/parties/${id}/stage${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`);
  const { party } = await viewPartyOr404(id, invite, user.id);
  return <Stage partyId={party.id} title={party.title} invite={invite} />;
}
