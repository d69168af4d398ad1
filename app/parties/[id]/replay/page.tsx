import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAppContext } from "@/server/context";
import { isAppError } from "@/server/errors";
import { replayParty } from "@/server/room/replay-party";
import type { PartyReplay } from "@/server/room/replay-party.types";
import { currentUser } from "../../../_components/current-user";
import { Replay } from "./replay";

export const metadata: Metadata = { title: "Watch it back" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The party's chat and reactions again, on the viewer's own clock: the same access as the party page. */
export default async function ReplayPage(props: Props) {
  const [{ id }, search, user] = await Promise.all([props.params, props.searchParams, currentUser()]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const replay = await loadReplay(id, invite, user?.id);
  return <Replay replay={replay} partyPath={`/parties/${replay.partyId}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`} />;
}

async function loadReplay(partyId: string, invite: string | null, viewerId: string | undefined): Promise<PartyReplay> {
  const context = getAppContext();
  try {
    return await replayParty({ parties: context.parties, rooms: context.rooms, partyId, viewerId, inviteToken: invite, now: new Date() });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
