import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteCardHtml } from "@/app/_components/invite-card-image";
import { partyCardPaths } from "@/app/_components/invite-card-page";
import { getAppContext } from "@/server/context";
import { isAppError } from "@/server/errors";
import { viewPartyCard } from "@/server/invites/view-party-card";
import { partyCardQuerySchema } from "@/server/invites/view-party-card.types";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(props: Props) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const parsed = partyCardQuerySchema.safeParse({ invite: typeof search.invite === "string" ? search.invite : null });
  if (!parsed.success) notFound();
  try {
    return await viewPartyCard({ parties: getAppContext().parties, partyId: id, query: parsed.data, now: new Date() });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { card } = await load(props);
  return { title: `Link preview: ${card.title}`, robots: { index: false } };
}

/** A party's link preview as a page: what its card image says, in text. */
export default async function PartyCardPage(props: Props) {
  const { party, card } = await load(props);
  return <InviteCardHtml card={card} imageUrl={partyCardPaths(party).image} />;
}
