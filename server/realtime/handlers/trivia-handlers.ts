import type { TriviaRepository } from "../../trivia/trivia";
import { startRound } from "../../trivia/start-round";
import { roundInPartySchema, startRoundSchema, submitAnswerSchema } from "../../trivia/trivia-events.types";
import { assertCanRunTrivia, type TriviaRunner } from "../../trivia/trivia-runner";
import { defineHandler, roleInRoom } from "../handler";

export function triviaHandlers({ runner, repository }: { runner: TriviaRunner; repository: TriviaRepository }) {
  return {
    "trivia:start": defineHandler("trivia:start", {
      schema: startRoundSchema,
      async run(input, { socket, user }) {
        const role = roleInRoom(socket, input.partyId);
        return { round: await startRound({ runner, repository, ...input, userId: user.id, role }) };
      },
    }),
    "trivia:next": defineHandler("trivia:next", {
      schema: roundInPartySchema,
      async run(input, { socket }) {
        assertCanRunTrivia(roleInRoom(socket, input.partyId));
        return { round: await runner.next(input.partyId) };
      },
    }),
    "trivia:end": defineHandler("trivia:end", {
      schema: roundInPartySchema,
      async run(input, { socket }) {
        assertCanRunTrivia(roleInRoom(socket, input.partyId));
        await runner.end(input.partyId);
        return { ended: true as const };
      },
    }),
    "trivia:answer": defineHandler("trivia:answer", {
      schema: submitAnswerSchema,
      async run(input, { socket, user }) {
        roleInRoom(socket, input.partyId);
        return runner.answer({ ...input, userId: user.id });
      },
    }),
    "trivia:sync": defineHandler("trivia:sync", {
      schema: roundInPartySchema,
      run(input, { socket, user }) {
        roleInRoom(socket, input.partyId);
        return runner.sync(input.partyId, user.id);
      },
    }),
  };
}
