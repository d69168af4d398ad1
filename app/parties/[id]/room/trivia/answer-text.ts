import type { AnswerInput, PublicRoundView } from "@/server/realtime/protocol";

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

/** What a player answered, in the question's own words ("Madison Lintz", "True", "12 episodes"). */
export function givenAnswerText(question: PublicRoundView["question"], answer: AnswerInput): string {
  switch (answer.kind) {
    case "choice":
      return question?.kind === "choice" ? (question.options[answer.option] ?? `option ${answer.option + 1}`) : `option ${answer.option + 1}`;
    case "truefalse":
      return answer.value ? "True" : "False";
    case "number":
      return `${answer.value}${question?.kind === "number" && question.unit ? ` ${question.unit}` : ""}`;
    case "order":
      return question?.kind === "order" ? answer.order.map((i) => question.items[i] ?? "?").join(", then ") : answer.order.join(", ");
    case "text":
      return answer.text;
  }
}

/** Why the question closed, as the reveal's heading says it: "Everyone answered" only when that is true. */
export function closedHeading(round: PublicRoundView): string {
  if (round.closedBy === "everyone") return "Everyone answered";
  if (round.closedBy === "host") return "The host closed the question";
  return "Time's up";
}

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
      return `${closedHeading(round)}. The answer: ${round.reveal ? answerText(round.reveal.answer) : ""}.`;
    case "leaderboard":
      return `Leaderboard after ${number.toLowerCase()}. Leader: ${round.leaderboard[0]?.name ?? "nobody"}.`;
    case "podium":
      return `Final results. Winner: ${round.leaderboard[0]?.name ?? "nobody"}.`;
  }
}
