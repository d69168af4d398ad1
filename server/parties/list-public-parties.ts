import type { Logger } from "pino";
import type { Party, PartyRepository } from "./party";
import type { ListPublicPartiesResponse } from "./list-public-parties.types";
import { partyEndsAt } from "./schedule";
import { showableParties } from "./showable-parties";

interface ListOptions {
  parties: PartyRepository;
  now: Date;
  limit?: number;
  logger: Pick<Logger, "warn">;
}

/** Public, not cancelled, not over, soonest first: the ones that can be shown. */
export async function upcomingPublicParties(options: ListOptions): Promise<Party[]> {
  return showableParties(await options.parties.listUpcomingPublic(options.now, options.limit ?? 50), options.logger);
}

export async function listPublicParties(options: ListOptions): Promise<ListPublicPartiesResponse> {
  const found = await upcomingPublicParties(options);
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
