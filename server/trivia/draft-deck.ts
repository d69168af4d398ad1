import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { SessionUser } from "../auth/session-user";
import { AppError, isAppError } from "../errors";
import { GUEST_CANNOT_HOST } from "../parties/create-party";
import { consumeLimits } from "../rate-limit";
import type { PartyRepository } from "../parties/party";
import type { QuestionGenerator } from "./draft-deck-pool";
import type { GenerateRequest, GenerateResponse } from "./generate-questions.types";
import { partyManagedBy } from "./manage-access";

/**
 * Each person may have this many articles turned into questions per window.
 * One draft costs up to 0.5 s of the generator's one thread; a host reviews
 * the proposed questions for minutes before trying another article, so four a
 * minute leaves room for retries and caps one person at about 3% of the thread.
 */
export const DRAFT_RATE = { points: 4, durationSeconds: 60 } as const;

/** What drafting needs besides the parties: created once per process (`composeApp`). */
export interface DraftingDeps {
  generator: QuestionGenerator;
  /** Keyed by user id; `DRAFT_RATE` unless a test says otherwise. */
  limiter: RateLimiterAbstract;
}

function takeDraftPoint(limiter: RateLimiterAbstract, userId: string): Promise<void> {
  return consumeLimits([
    {
      limiter,
      key: userId,
      message: (waitSeconds) =>
        `You can have questions proposed ${limiter.points} times every ${limiter.duration} seconds. Review these, or try again in ${waitSeconds} s.`,
    },
  ]);
}

/** A host's pasted article becomes proposed questions; nothing is stored until the host saves the deck. */
export async function draftDeck(options: {
  parties: PartyRepository;
  drafting: DraftingDeps;
  partyId: string;
  user: Pick<SessionUser, "id" | "kind">;
  input: GenerateRequest;
}): Promise<GenerateResponse> {
  const { drafting } = options;
  const userId = options.user.id;
  // Drafting is hosting work on the shared generator: members only, like hosting
  // itself (a guest who hosts a party stored before that rule cannot either).
  if (options.user.kind !== "member") throw new AppError("FORBIDDEN", GUEST_CANNOT_HOST);
  // The limit first: a refused request costs no database query.
  await takeDraftPoint(drafting.limiter, userId);
  await partyManagedBy(options.parties, options.partyId, userId);
  try {
    return await drafting.generator.generate(options.input);
  } catch (error) {
    // A draft refused for a full queue cost nothing: it does not count against the person.
    if (isAppError(error) && error.code === "BUSY") await drafting.limiter.reward(userId, 1);
    throw error;
  }
}
