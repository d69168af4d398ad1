/**
 * questions: the article generator on every show article in tests/fixtures/
 * that has a hand-made key (`<name>.key.json`: the questions a good quizmaster
 * would expect). `valid` counts proposed questions that pass the automatic
 * checks (bench/question-checks.ts); `keyRecall` is the share of the key's
 * questions that some valid proposed question asks; `clozeShare` is the share
 * of proposed questions that are fill-in-the-blanks or repeat a whole
 * sentence of the article (a true-or-false copy of it). One line per article
 * first; BENCH_QUESTIONS_VERBOSE=1 also lists every invalid question and every
 * key question not found.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateQuestions, splitParagraphs } from "../server/trivia/generate-questions";
import { answersKey, questionProblems, type KeyQuestion } from "./question-checks";

const FIXTURES = path.join(import.meta.dirname, "..", "tests", "fixtures");
const VERBOSE = process.env.BENCH_QUESTIONS_VERBOSE === "1";

export function runQuestionsBench() {
  const keys = readdirSync(FIXTURES).filter((f) => f.endsWith(".key.json")).sort();
  let proposed = 0;
  let valid = 0;
  let expected = 0;
  let found = 0;
  let clozes = 0;
  for (const file of keys) {
    const key = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { article: string; questions: KeyQuestion[] };
    const text = readFileSync(path.join(FIXTURES, key.article), "utf8");
    const paragraphs = splitParagraphs(text);
    const { questions } = generateQuestions({ title: key.article, text });
    const good = questions.filter((q) => {
      const problems = questionProblems(q, paragraphs);
      if (VERBOSE && problems.length > 0) console.log(`  invalid: ${q.prompt}\n    ${problems.join("; ")}`);
      return problems.length === 0;
    });
    const missing = key.questions.filter((k) => !good.some((q) => answersKey(q, k)));
    // Fill-in-the-blanks, and questions that repeat a whole sentence of the article (a true-or-false copy of it).
    const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/)).filter((s) => s.length >= 40);
    const clozed = questions.filter((q) => /_{3,}/.test(q.prompt) || sentences.some((s) => q.prompt.includes(s) || q.prompt.includes(s.slice(0, -1)))).length;
    clozes += clozed;
    if (VERBOSE) for (const k of missing) console.log(`  not found: ${k.ask} (${k.answers.join(" / ")})`);
    proposed += questions.length;
    valid += good.length;
    expected += key.questions.length;
    found += key.questions.length - missing.length;
    console.log(JSON.stringify({ article: key.article, proposed: questions.length, valid: good.length, key: key.questions.length, found: key.questions.length - missing.length, clozes: clozed }));
  }
  const share = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
  return Promise.resolve({ articles: keys.length, proposed, valid, validShare: share(valid, proposed), keyRecall: share(found, expected), clozeShare: share(clozes, proposed) });
}
