import type { Logger } from "pino";
import type { Party } from "./party";
import { scheduleProblem } from "./schedule";

/**
 * The parties a list can show. One whose stored schedule cannot be shown (see
 * `scheduleProblem`) is left out and logged in one line without a stack, so a
 * bad row never fails the page or the API that lists it.
 */
export function showableParties(parties: Party[], logger: Pick<Logger, "warn">): Party[] {
  return parties.filter((party) => {
    const problem = scheduleProblem(party);
    if (problem) logger.warn({ partyId: party.id, problem }, "party left out of a list: its stored schedule cannot be shown");
    return problem === null;
  });
}
