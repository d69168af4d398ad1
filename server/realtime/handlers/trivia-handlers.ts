import type { TriviaRepository } from "../../trivia/trivia";
import { startRound } from "../../trivia/start-round";
import {
  endRoundSchema,
  momentAnswerSchema,
  momentShownSchema,
  nextStepSchema,
  pinMomentSchema,
  roundInPartySchema,
  startRoundSchema,
  submitAnswerSchema,
} from "../../trivia/trivia-events.types";
import { pinMoment } from "../../trivia/pin-moment";
import { assertCanRunTrivia, type TriviaRunner } from "../../trivia/trivia-runner";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { defineHandler, roleInRoom, userChannel } from "../handler";
import { limitPerPerson } from "../../socket-limits";

export function triviaHandlers({
  runner,
  repository,
  limiter,
  playLimiter,
  clockAt,
}: {
  runner: TriviaRunner;
  repository: TriviaRepository;
  /** The hosts' trivia commands per person (SOCKET_LIMITS.triviaHostPerPerson). */
  limiter: RateLimiterAbstract;
  /** The players' trivia events per person (SOCKET_LIMITS.triviaPlayPerPerson). */
  playLimiter: RateLimiterAbstract;
  /** Where the party's clock is now (null when it cannot be read): a round is stored at that moment. */
  clockAt?: (partyId: string) => Promise<{ episode: number; positionMs: number } | null>;
}) {
  return {
    "trivia:start": defineHandler("trivia:start", {
      schema: startRoundSchema,
      async run(input, { socket, user }) {
        const role = roleInRoom(socket, input.partyId);
        await limitPerPerson(limiter, user.id, "trivia commands");
        const moment = clockAt ? await clockAt(input.partyId).catch(() => null) : null;
        return { round: await startRound({ runner, repository, ...input, userId: user.id, role, moment }) };
      },
    }),
    "trivia:next": defineHandler("trivia:next", {
      schema: nextStepSchema,
      async run(input, { socket, user }) {
        assertCanRunTrivia(roleInRoom(socket, input.partyId));
        await limitPerPerson(limiter, user.id, "trivia commands");
        return runner.next(input.partyId, input.from);
      },
    }),
    "trivia:end": defineHandler("trivia:end", {
      schema: endRoundSchema,
      async run(input, { socket, user }) {
        assertCanRunTrivia(roleInRoom(socket, input.partyId));
        await limitPerPerson(limiter, user.id, "trivia commands");
        return runner.end(input.partyId, input.roundId);
      },
    }),
    "trivia:answer": defineHandler("trivia:answer", {
      schema: submitAnswerSchema,
      async run(input, { socket, user }) {
        roleInRoom(socket, input.partyId);
        await limitPerPerson(playLimiter, user.id, "trivia answers and reports");
        return runner.answer({ ...input, userId: user.id });
      },
    }),
    "trivia:pin": defineHandler("trivia:pin", {
      schema: pinMomentSchema,
      async run(input, { socket, user }) {
        const role = roleInRoom(socket, input.partyId);
        assertCanRunTrivia(role);
        await limitPerPerson(limiter, user.id, "trivia commands");
        return { moment: await pinMoment({ runner, repository, ...input }) };
      },
    }),
    "trivia:shown": defineHandler("trivia:shown", {
      schema: momentShownSchema,
      async run(input, { socket, user }) {
        roleInRoom(socket, input.partyId);
        await limitPerPerson(playLimiter, user.id, "trivia answers and reports");
        const clock = clockAt ? await clockAt(input.partyId).catch(() => null) : null;
        return runner.shown({ ...input, userId: user.id, clock });
      },
    }),
    "trivia:moment-answer": defineHandler("trivia:moment-answer", {
      schema: momentAnswerSchema,
      async run(input, { socket, io, user, afterAck }) {
        roleInRoom(socket, input.partyId);
        await limitPerPerson(playLimiter, user.id, "trivia answers and reports");
        const { shownAt, closesAt, ...scored } = await runner.momentAnswer({ ...input, userId: user.id, name: user.name });
        // Every screen of this person (the panel beside the player, the room page, another tab) stops asking it.
        const { partyId, roundId, pinId } = input;
        const { correct, points } = scored;
        afterAck(() => void io.to(userChannel(user.id)).emit("trivia:moment-result", { partyId, roundId, pinId, shownAt, closesAt, correct, points }));
        return scored;
      },
    }),
    "trivia:sync": defineHandler("trivia:sync", {
      schema: roundInPartySchema,
      async run(input, { socket, user }) {
        roleInRoom(socket, input.partyId);
        await limitPerPerson(playLimiter, user.id, "trivia answers and reports");
        return runner.sync(input.partyId, user.id);
      },
    }),
  };
}
