import type { Logger } from "pino";
import type { Party } from "./party";
import { scheduleProblem } from "./schedule";

/** Parties already logged by this process (bounded: a flood of bad rows cannot grow it without end). */
const reported = new Set<string>();
const MAX_REPORTED = 1000;

/**
 * The parties a list can show. One whose stored schedule cannot be shown (see
 * `scheduleProblem`) is left out, so a bad row never fails the page or the
 * API that lists it; it is logged once, in one line without a stack, not on
 * every request for the home page.
 */
export function showableParties(parties: Party[], logger: Pick<Logger, "warn">): Party[] {
  return parties.filter((party) => {
    const problem = scheduleProblem(party);
    if (problem && !reported.has(party.id)) {
      if (reported.size >= MAX_REPORTED) reported.clear();
      reported.add(party.id);
      logger.warn({ partyId: party.id, problem }, "party left out of a list: its stored schedule cannot be shown");
    }
    return problem === null;
  });
}
