/**
 * questions: the article generator scored on two sets of show articles, each
 * article with a quizmaster's key (`<name>.key.json`: the facts a good
 * quizmaster would ask about; format in tests/fixtures/questions/README.md):
 * - the tuning set: the keyed articles in tests/fixtures/ and
 *   tests/fixtures/questions/tuning/, which the generator's rules are tuned on;
 * - the held-out set: tests/fixtures/questions/heldout/, written and keyed by
 *   someone who does not tune the rules. Only its totals are printed (never a
 *   question, an article or a miss), so running the bench does not leak it.
 * Per set: `validShare` (proposed questions passing bench/question-checks.ts),
 * `keyRecall` (key facts some valid question asks), `perQuestionAcceptable`
 * (proposed questions a quizmaster could ask as written, by the automated
 * checks of bench/question-acceptable.ts) and `clozeShare`.
 * BENCH_QUESTIONS_VERBOSE=1 lists, for the tuning set only, every question
 * that is invalid or not acceptable and every key fact not found.
 * BENCH_QUESTIONS_SET=tuning scores the tuning set only (the held-out set is
 * neither read nor scored): the mode for whoever tunes the rules.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateQuestions, splitParagraphs } from "../server/trivia/generate-questions";
import { acceptabilityProblems } from "./question-acceptable";
import { answersKey, questionProblems, type KeyQuestion } from "./question-checks";

const FIXTURES = path.join(import.meta.dirname, "..", "tests", "fixtures");
const TUNING = [FIXTURES, path.join(FIXTURES, "questions", "tuning")];
const HELDOUT = path.join(FIXTURES, "questions", "heldout");
const VERBOSE = process.env.BENCH_QUESTIONS_VERBOSE === "1";
const TUNING_ONLY = process.env.BENCH_QUESTIONS_SET === "tuning";

interface Key {
  article: string;
  /** The show the article is mainly about (optional; the generator is not told it). */
  title?: string;
  questions: KeyQuestion[];
}

const share = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

function keyFiles(dirs: readonly string[]): Array<{ dir: string; file: string }> {
  return dirs.filter((d) => existsSync(d)).flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".key.json")).sort().map((file) => ({ dir, file })));
}

function scoreSet(dirs: readonly string[], show: boolean) {
  const files = keyFiles(dirs);
  const t = { articles: files.length, proposed: 0, valid: 0, acceptable: 0, expected: 0, found: 0, clozes: 0, kinds: new Set<string>() };
  for (const { dir, file } of files) {
    const key = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Key;
    const text = readFileSync(path.join(dir, key.article), "utf8");
    const paragraphs = splitParagraphs(text);
    const { questions } = generateQuestions({ title: key.article, text });
    const good = questions.filter((q) => {
      const problems = questionProblems(q, paragraphs);
      if (show && VERBOSE && problems.length > 0) console.log(`  invalid: ${q.prompt}\n    ${problems.join("; ")}`);
      return problems.length === 0;
    });
    const acceptable = questions.filter((q) => {
      const problems = acceptabilityProblems(q, paragraphs, key.title ?? null);
      if (show && VERBOSE && problems.length > 0) console.log(`  not acceptable: ${q.prompt}${q.kind === "choice" ? ` [${q.options.join(" | ")}]` : ""}\n    ${problems.join("; ")}`);
      return problems.length === 0;
    });
    const missing = key.questions.filter((k) => !good.some((q) => answersKey(q, k)));
    const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/)).filter((s) => s.length >= 40);
    const clozed = questions.filter((q) => /_{3,}/.test(q.prompt) || sentences.some((s) => q.prompt.includes(s) || q.prompt.includes(s.slice(0, -1)))).length;
    if (show && VERBOSE) for (const k of missing) console.log(`  not found: ${k.ask} (${k.answers.join(" / ")})`);
    t.proposed += questions.length;
    t.valid += good.length;
    t.acceptable += acceptable.length;
    t.expected += key.questions.length;
    t.found += key.questions.length - missing.length;
    t.clozes += clozed;
    if (show)
      console.log(JSON.stringify({ article: key.article, proposed: questions.length, valid: good.length, acceptable: acceptable.length, key: key.questions.length, found: key.questions.length - missing.length }));
  }
  return {
    articles: t.articles,
    proposed: t.proposed,
    valid: t.valid,
    keyFacts: t.expected,
    found: t.found,
    validShare: share(t.valid, t.proposed),
    keyRecall: share(t.found, t.expected),
    perQuestionAcceptable: share(t.acceptable, t.proposed),
    clozeShare: share(t.clozes, t.proposed),
  };
}

export function runQuestionsBench() {
  console.log("tuning set:");
  const tuning = scoreSet(TUNING, true);
  console.log(JSON.stringify({ set: "tuning", ...tuning }));
  let heldout: ReturnType<typeof scoreSet> | null = null;
  if (TUNING_ONLY) {
    console.log("held-out set: not scored (BENCH_QUESTIONS_SET=tuning)");
  } else if (keyFiles([HELDOUT]).length === 0) {
    console.log("held-out set: tests/fixtures/questions/heldout/ has no keyed articles yet; scoring the tuning set only");
  } else {
    heldout = scoreSet([HELDOUT], false);
    console.log(JSON.stringify({ set: "heldout", ...heldout }));
  }
  return Promise.resolve({ tuning, heldout });
}
