import { BALLARD_DECK } from "@/server/trivia/ballard-deck";
import type { Question } from "@/server/trivia/question";
import type { AnswerInput, PublicQuestion } from "@/server/trivia/round";

/** The deck question a public question was made from (the test knows the deck; clients do not get the key). */
export function deckQuestionFor(shown: PublicQuestion, deck: readonly Question[] = BALLARD_DECK): Question {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const found = deck.find((q) => {
    if (q.prompt !== shown.prompt || q.kind !== shown.kind) return false;
    if (q.kind === "choice" && shown.kind === "choice") return same(q.options, shown.options);
    if (q.kind === "order" && shown.kind === "order") return same(q.items, shown.items);
    return true;
  });
  if (!found) throw new Error(`No deck question for "${shown.prompt}"`);
  return found;
}

/** A right or a wrong answer to a question as players see it. */
export function answerFor(shown: PublicQuestion, right: boolean, deck?: readonly Question[]): AnswerInput {
  const q = deckQuestionFor(shown, deck);
  switch (q.kind) {
    case "choice": {
      const index = shown.kind === "choice" ? shown.options.indexOf(q.options[q.answer]!) : 0;
      return { kind: "choice", option: right ? index : (index + 1) % q.options.length };
    }
    case "truefalse":
      return { kind: "truefalse", value: right ? q.answer : !q.answer };
    case "number":
      return { kind: "number", value: right ? q.answer : q.answer + q.tolerance * 2 };
    case "order": {
      const order = shown.kind === "order" ? q.items.map((item) => shown.items.indexOf(item)) : [];
      return { kind: "order", order: right ? order : [...order].reverse() };
    }
    case "text":
      return { kind: "text", text: right ? q.accepted[0]!.toUpperCase() : "nobody" };
  }
}
