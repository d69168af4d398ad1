import type { PartyRepository } from "./party";
import type { ListPublicPartiesResponse } from "./list-public-parties.types";
import { partyEndsAt } from "./schedule";

export async function listPublicParties(options: {
  parties: PartyRepository;
  now: Date;
  limit?: number;
}): Promise<ListPublicPartiesResponse> {
  const found = await options.parties.listUpcomingPublic(options.now, options.limit ?? 50);
  const counts = await options.parties.countsFor(found.map((p) => p.id));
  return {
    parties: found.map((party) => ({
      id: party.id,
      title: party.title,
      url: `/parties/${party.id}`,
      startsAt: party.startsAt.toISOString(),
      endsAt: partyEndsAt(party).toISOString(),
      timeZone: party.timeZone,
      episodes: { plan: party.episodePlan, from: party.episodeFrom, to: party.episodeTo },
      capacity: party.capacity,
      counts: counts.get(party.id)!,
    })),
  };
}
