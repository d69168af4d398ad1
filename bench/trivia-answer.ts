import type { AnswerInput, PublicRoundView } from "../server/realtime/protocol";

/** Some answer of the right kind (right or wrong does not matter here). */
export function anyAnswer(question: NonNullable<PublicRoundView["question"]>): AnswerInput {
  switch (question.kind) {
    case "choice":
      return { kind: "choice", option: Math.floor(Math.random() * question.options.length) };
    case "truefalse":
      return { kind: "truefalse", value: Math.random() < 0.5 };
    case "number":
      return { kind: "number", value: Math.round(Math.random() * 20) };
    case "order":
      return { kind: "order", order: question.items.map((_, i) => i) };
    case "text":
      return { kind: "text", text: "Renee" };
  }
}
