import { z } from "zod";
import { rankByScore } from "./scoring";
import { questionSchema } from "./question";
import { answerCounts, revealedAnswer, type AnswerInput, type QuestionResult, type RevealedAnswer, type RoundQuestion } from "./round";
import type { ReplayRoundRow } from "./trivia";

/** A played trivia round as the replay shows it, at the moment it started: each question's answer and counts, then the podium. */
export interface ReplayTriviaRound {
  id: string;
  episode: number;
  positionMs: number;
  questions: Array<{
    index: number;
    prompt: string;
    /** Options (choice) or labels, for the counts. */
    labels: string[];
    answer: RevealedAnswer;
    /** As in the live reveal: per option (choice), [true, false], or [right, wrong]. */
    counts: number[];
    noAnswer: number;
  }>;
  /** The round's top three. */
  podium: Array<{ rank: number; name: string; score: number }>;
}

const storedQuestions = z.array(
  z.object({ question: questionSchema, display: z.array(z.string()), choiceKey: z.number().int(), orderKey: z.array(z.number().int()) }),
);

/**
 * The replay's trivia: only the questions that were played (scored), each
 * with the right answer and how people answered; a round stored before its
 * moment was kept shows at the start of `fallbackEpisode`. A round whose
 * questions cannot be read is left out (its results stay on the trivia page).
 */
export function replayTrivia(rows: ReplayRoundRow[], fallbackEpisode: number): ReplayTriviaRound[] {
  const rounds: ReplayTriviaRound[] = [];
  for (const row of rows) {
    const parsed = storedQuestions.safeParse(row.questions);
    if (!parsed.success || row.results.length === 0) continue;
    const played = [...new Set(row.results.map((r) => r.questionIndex))].sort((a, b) => a - b);
    const questions = played.flatMap((index) => {
      const rq = parsed.data[index] as RoundQuestion | undefined;
      if (!rq) return [];
      const results: QuestionResult[] = row.results
        .filter((r) => r.questionIndex === index)
        .map((r) => ({ userId: r.userId, name: r.playerName, answer: (r.answer ?? null) as AnswerInput | null, correct: r.correct, points: r.points, elapsedMs: null }));
      const kind = rq.question.kind;
      return [
        {
          index,
          prompt: rq.question.prompt,
          labels: kind === "choice" ? rq.display : kind === "truefalse" ? ["True", "False"] : ["Right", "Wrong"],
          answer: revealedAnswer(rq),
          counts: answerCounts(rq, results),
          noAnswer: results.filter((r) => r.answer === null).length,
        },
      ];
    });
    const totals = new Map<string, { userId: string; name: string; score: number; correct: number; answered: number }>();
    for (const r of row.results) {
      const t = totals.get(r.userId) ?? { userId: r.userId, name: r.playerName, score: 0, correct: 0, answered: 0 };
      t.score += r.points;
      t.correct += r.correct ? 1 : 0;
      totals.set(r.userId, t);
    }
    const podium = rankByScore([...totals.values()])
      .slice(0, 3)
      .map(({ rank, name, score }) => ({ rank, name, score }));
    rounds.push({ id: row.id, episode: row.moment?.episode ?? fallbackEpisode, positionMs: row.moment?.positionMs ?? 0, questions, podium });
  }
  return rounds;
}
