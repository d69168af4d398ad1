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
  const inviteQuery = invite ? `?invite=${encodeURIComponent(invite)}` : "";
  if ("refused" in replay) {
    // A removed member, or someone who was never in a party whose replay is for its members (room-access.ts).
    return (
      <section aria-labelledby="replay-refused-title">
        <h1 id="replay-refused-title">Watch it back</h1>
        <p role="alert">{replay.refused}</p>
        <p>
          {user ? null : (
            <>
              <a href={`/signin?callbackUrl=${encodeURIComponent(`/parties/${id}/replay${inviteQuery}`)}`}>Sign in</a> ·{" "}
            </>
          )}
          <a href={`/parties/${id}${inviteQuery}`}>Back to the party</a>
        </p>
      </section>
    );
  }
  return <Replay replay={replay} partyPath={`/parties/${replay.partyId}${inviteQuery}`} />;
}

async function loadReplay(partyId: string, invite: string | null, viewerId: string | undefined): Promise<PartyReplay | { refused: string }> {
  const context = getAppContext();
  try {
    return await replayParty({ parties: context.parties, rooms: context.rooms, trivia: context.trivia, partyId, viewerId, inviteToken: invite, now: new Date() });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && (error.code === "FORBIDDEN" || error.code === "UNAUTHENTICATED")) return { refused: error.message };
    throw error;
  }
}
