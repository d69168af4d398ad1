import type { PublicRoundView } from "@/server/realtime/protocol";

type Revealed = NonNullable<PublicRoundView["reveal"]>["answer"];

export function answerText(answer: Revealed): string {
  switch (answer.kind) {
    case "choice":
      return answer.text;
    case "truefalse":
      return answer.value ? "True" : "False";
    case "number":
      return `${answer.value}${answer.unit ? ` ${answer.unit}` : ""}`;
    case "order":
      return answer.items.join(", then ");
    case "text":
      return answer.text;
  }
}

/** The question closed before its time ran out: everyone present had answered. */
export const closedEarly = (round: PublicRoundView) => round.closedAt !== null && round.closesAt !== null && round.closedAt < round.closesAt;

/** What a screen reader hears as each phase begins. */
export function announce(round: PublicRoundView | null): string {
  if (!round) return "";
  const number = `Question ${round.index + 1} of ${round.total}`;
  switch (round.phase) {
    case "lobby":
      return `Trivia round ready: ${round.total} questions. Waiting for the host to start.`;
    case "question":
      return `${number}: ${round.question?.prompt ?? ""}`;
    case "reveal":
      return `${closedEarly(round) ? "Everyone answered" : "Time's up"}. The answer: ${round.reveal ? answerText(round.reveal.answer) : ""}.`;
    case "leaderboard":
      return `Leaderboard after ${number.toLowerCase()}. Leader: ${round.leaderboard[0]?.name ?? "nobody"}.`;
    case "podium":
      return `Final results. Winner: ${round.leaderboard[0]?.name ?? "nobody"}.`;
  }
}
