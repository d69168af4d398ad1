import type { Logger } from "pino";
import type { Party, PartyRepository } from "./party";
import { partyEndsAt } from "./schedule";
import { showableParties } from "./showable-parties";

/** Upcoming parties first (soonest first), then past and cancelled ones (latest first). */
export function upcomingFirst(parties: Party[], now: Date): Party[] {
  const isUpcoming = (p: Party) => !p.cancelledAt && partyEndsAt(p) > now;
  const upcoming = parties.filter(isUpcoming).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const rest = parties.filter((p) => !isUpcoming(p)).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return [...upcoming, ...rest];
}

export async function listMyParties(options: { parties: PartyRepository; userId: string; now: Date; logger: Pick<Logger, "warn"> }) {
  const { hosting, attending } = await options.parties.listForUser(options.userId);
  const sorted = (list: Party[]) => upcomingFirst(showableParties(list, options.logger), options.now);
  return { hosting: sorted(hosting), attending: sorted(attending) };
}
