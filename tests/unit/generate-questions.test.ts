import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answersKey, questionProblems, rightAnswers, type KeyQuestion } from "@/bench/question-checks";
import { generateQuestions, splitParagraphs } from "@/server/trivia/generate-questions";
import { generateRequestSchema, MAX_ARTICLE_CHARS } from "@/server/trivia/generate-questions.types";
import { matchesTypedAnswer, normalizeAnswer, questionSchema, type Question } from "@/server/trivia/question";
import { readArticle } from "@/server/trivia/read-article";
import { readNumbers } from "@/server/trivia/read-numbers";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const keyed = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".key.json"))
  .map((f) => JSON.parse(fixture(f)) as { article: string; questions: KeyQuestion[] });

const rightOption = (q: Question) => (q.kind === "choice" ? q.options[q.answer] : undefined);
const allOptions = (qs: Question[]) => qs.flatMap((q) => (q.kind === "choice" ? q.options : []));

// Articles about invented shows, written for the project, each with the questions a quizmaster would expect.
describe.each(keyed)("questions generated from $article", ({ article, questions: key }) => {
  const text = fixture(article);
  const paragraphs = splitParagraphs(text);
  const { questions, paragraphs: counted } = generateQuestions({ title: article, text });

  it("proposes valid questions of several kinds, each citing its paragraph", () => {
    expect(counted).toBe(paragraphs.length);
    expect(questions.length).toBeGreaterThanOrEqual(8);
    expect(new Set(questions.map((q) => q.kind)).size).toBeGreaterThanOrEqual(2);
    for (const q of questions) {
      expect(questionSchema.safeParse(q).success, q.prompt).toBe(true);
      expect(questionProblems(q, paragraphs), q.prompt).toEqual([]);
      expect(paragraphs[q.sources[0]!.paragraph - 1], q.prompt).toContain(q.sources[0]!.fact);
    }
  });

  it("is sorted by confidence, asks nothing twice and at most three questions per sentence", () => {
    const confidences = questions.map((q) => q.confidence!);
    expect(confidences.every((c) => c > 0 && c <= 1)).toBe(true);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(new Set(questions.map((q) => normalizeAnswer(q.prompt))).size).toBe(questions.length);
    const perSentence = new Map<string, number>();
    for (const q of questions) perSentence.set(q.sources[0]!.fact, (perSentence.get(q.sources[0]!.fact) ?? 0) + 1);
    expect(Math.max(...perSentence.values())).toBeLessThanOrEqual(3);
  });

  it("finds most of what a quizmaster would ask", () => {
    const found = key.filter((k) => questions.some((q) => answersKey(q, k)));
    expect(found.length / key.length).toBeGreaterThanOrEqual(0.7);
  });
});

describe("the Harbor Lights series article (the host's report)", () => {
  const text = fixture("harbor-lights-series.txt");
  const { questions } = generateQuestions({ title: "Harbor Lights", text });
  const asking = (pattern: RegExp) => questions.find((q) => pattern.test(q.prompt));

  it("asks who plays Tomas Reyes, with other actors as the wrong answers", () => {
    const q = asking(/^Who plays Tomas Reyes\b/);
    expect(q?.kind).toBe("choice");
    expect(rightOption(q!)).toBe("Julian Marsh");
    if (q?.kind !== "choice") return;
    expect(q.options).not.toContain("Tomas Reyes");
    expect(q.options).not.toContain("Reyes");
    expect(q.options.filter((o) => ["Priya Okafor", "Samuel Tate"].includes(o)).length).toBe(2);
  });

  it("reads the renewal as a date, never “a second” as ½ nor the date's numbers as a count", () => {
    expect(rightOption(asking(/renewed for a second season/)!)).toBe("March 20, 2025");
    const numbers = questions.filter((q) => q.kind === "number");
    expect(numbers.map((q) => q.answer)).not.toContain(0.5);
    expect(numbers.map((q) => q.answer)).not.toContain(0);
    expect(numbers.map((q) => q.answer)).not.toContain(20);
    const days = numbers.find((q) => q.kind === "number" && q.unit === "days");
    expect(days).toMatchObject({ answer: 6, prompt: expect.stringMatching(/how many days after the premiere\?$/) });
  });

  it("keys “4.2 million viewers” as 4,200,000 viewers and “eleven episodes” as 11", () => {
    expect(questions.find((q) => q.kind === "number" && q.unit === "viewers")).toMatchObject({ answer: 4_200_000, prompt: expect.stringContaining("how many viewers") });
    expect(questions.find((q) => q.kind === "number" && q.unit === "episodes")).toMatchObject({ answer: 11 });
  });

  it("never offers a fragment, a role word or a place among people", () => {
    for (const bad of ["Galen", "town of Port", "site Critic", "Actor Julian Marsh", "Port", "Maine"]) expect(allOptions(questions)).not.toContain(bad);
    // The setting is asked about as a whole place, with "Port Galen" (never "Galen") the answer.
    const setting = asking(/ is set\b/)!;
    expect(rightAnswers(setting)[0]).toBe("Port Galen");
    expect(rightAnswers(setting)).not.toContain("Galen");
    for (const q of questions) expect(q.prompt).not.toMatch(/_{3,}\w|\w_{3,}/);
  });

  it("accepts the surname alone when the answer is typed", () => {
    const typed = questions.filter((q) => q.kind === "text");
    for (const q of typed) if (q.kind === "text") expect(q.accepted.length).toBeGreaterThan(1);
  });
});

describe("the automatic checks reject the bad questions the host reported", () => {
  const paragraphs = splitParagraphs(fixture("harbor-lights-series.txt"));
  const source = (paragraph: number) => [{ article: "Harbor Lights", paragraph, fact: paragraphs[paragraph - 1]!.slice(0, 80) }];
  const number = (prompt: string, answer: number, paragraph: number): Question => ({ id: "x", kind: "number", prompt, answer, tolerance: 3, sources: source(paragraph) });
  const choice = (prompt: string, options: string[], answer: number, paragraph: number): Question => ({ id: "x", kind: "choice", prompt, options, answer, sources: source(paragraph) });

  it("flags numbers the sentence does not state and blanks that swallow or split words", () => {
    expect(questionProblems(number("What number fills the blank? “Meridian+ renewed Harbor Lights for _____ season on March 20, 2025, six days after the premiere.”", 0.5, 5), paragraphs)).not.toEqual([]);
    expect(questionProblems(number("What number fills the blank? “Meridian+ renewed Harbor Lights for a second season on March _____ days after the premiere.”", 0, 5), paragraphs)).not.toEqual([]);
    expect(questionProblems(number("What number fills the blank? “The premiere episode drew 4.2 _____ viewers in its first week”", 1_000_000, 4), paragraphs)).not.toEqual([]);
    expect(questionProblems(choice("Who fills the blank? “The _____episode drew 4.2 million viewers”", ["premiere", "Dana"], 0, 4), paragraphs)).toContain("the blank is glued to a word");
  });

  it("flags two right options, fragments and options of mixed kinds", () => {
    expect(questionProblems(choice("Actor Julian Marsh plays _____", ["Tomas Reyes", "Reyes", "Ed Pruitt"], 0, 2), paragraphs).join()).toMatch(/name the same thing/);
    expect(questionProblems(choice("Which place is the ferry captain's town?", ["town of Port", "Lunenburg", "site Critic"], 1, 2), paragraphs).join()).toMatch(/fragment|role word|different kinds/);
    expect(questionProblems(choice("Where is it set?", ["Galen", "Julian Marsh", "Lena Reyes"], 0, 2), paragraphs).join()).toMatch(/fragment/);
  });

  it("passes a good question", () => {
    expect(questionProblems(choice("Who plays Tomas Reyes?", ["Julian Marsh", "Samuel Tate", "Priya Okafor"], 0, 2), paragraphs)).toEqual([]);
    expect(questionProblems(number("How many episodes arrived at once?", 11, 4), paragraphs)).toEqual([]);
  });
});

describe("reading numbers", () => {
  const read = (sentence: string) => readNumbers(sentence, []).map((n) => [n.value, n.unit]);

  it("reads counts in digits and words, with their scale and unit", () => {
    expect(read("The premiere drew 4.2 million viewers, and all eleven episodes arrived.")).toEqual([
      [4_200_000, "viewers"],
      [11, "episodes"],
    ]);
    expect(read("It holds a 91% score from 44 reviews; 2,500 passes sold.")).toEqual([
      [91, "%"],
      [44, "reviews"],
      [2500, "passes"],
    ]);
  });

  it("never reads ordinals, “a”, “one”, years or score scales as counts", () => {
    expect(read("It was renewed for a second season and a 2nd run.")).toEqual([]);
    expect(read("One critic loved a 1962 silent comedy.")).toEqual([]);
    expect(read("It scored 82 out of 100.")).toEqual([[82, "out of 100"]]);
  });
});

describe("reading names", () => {
  const names = (text: string) => readArticle(text).sentences.flatMap((s) => s.names.map((n) => n.text));

  it("keeps whole names and drops the role word or verb that opens a sentence", () => {
    expect(names("Actor Julian Marsh plays Tomas Reyes, a ferry captain in the fictional town of Port Galen, Maine.")).toEqual(["Julian Marsh", "Tomas Reyes", "Port Galen", "Maine"]);
    expect(names("Created by Dana Whitcombe, the series follows a ferry crew.")).toEqual(["Dana Whitcombe"]);
    expect(names("Priya Okafor stars as Lena Reyes. Northlight renewed The Salt Road. The Salt Road is a western.")).toEqual(["Priya Okafor", "Lena Reyes", "Northlight", "The Salt Road", "The Salt Road"]);
    expect(names("The review site Critic Circle gave it 82 out of 100 in March.")).toEqual(["Critic Circle"]);
  });
});

describe("typed answers", () => {
  it("accept the usual equivalents: case, accents, a leading “the”, the surname when listed", () => {
    expect(matchesTypedAnswer(["Julian Marsh", "Marsh"], "marsh")).toBe(true);
    expect(matchesTypedAnswer(["Renée Ballard"], "renee ballard")).toBe(true);
    expect(matchesTypedAnswer(["The Daily Ledger"], "Daily Ledger")).toBe(true);
    expect(matchesTypedAnswer(["Julian Marsh"], "Julian")).toBe(false);
  });
});

describe("any article, not only the keyed ones", () => {
  it("proposes valid questions from an article that is not about a show", () => {
    const text = fixture("harbor-lights-festival.txt");
    const paragraphs = splitParagraphs(text);
    const { questions } = generateQuestions({ title: "Festival", text });
    expect(questions.length).toBeGreaterThanOrEqual(5);
    for (const q of questions) expect(questionProblems(q, paragraphs), q.prompt).toEqual([]);
  });
});

describe("any text at all", () => {
  const WORDS = ["Julian", "Marsh", "plays", "Tomas", "Reyes", "the", "a", "second", "season", "on", "March", "20,", "2025,", "six", "days", "4.2", "million", "viewers", "renewed", "filmed", "in", "Port", "Galen,", "Maine.", "created", "by", "“Quote”", "said", "82%", "out", "of", "100", "stars", "as", "-", "\n\n"];
  it("never throws and proposes only schema-valid questions", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 5, maxLength: 80 }), (words) => {
        const { questions } = generateQuestions({ text: words.join(" ") });
        for (const q of questions) expect(questionSchema.safeParse(q).success, q.prompt).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe("what a host may paste", () => {
  const problem = (input: unknown) => {
    const parsed = generateRequestSchema.safeParse(input);
    return parsed.success ? null : parsed.error.issues[0]!.message;
  };

  it("refuses an empty, huge or binary text, or one that is not text at all", () => {
    expect(problem({ text: "" })).toBe("Paste an article: the text is empty.");
    expect(problem({ text: "   \n\n  " })).toBe("Paste an article: the text is empty.");
    expect(problem({ text: "word ".repeat(MAX_ARTICLE_CHARS) })).toMatch(/too long/);
    expect(problem({ text: "PK\u0003\u0004\u0000\u0000binary zip archive with some letters in it" })).toMatch(/does not look like an article/);
    expect(problem({ text: "12345 67890 !!! ???" })).toMatch(/does not look like an article/);
    expect(problem({ text: 42 })).toBe("Paste the article as text.");
    expect(problem({})).toBe("Paste the article as text.");
  });

  it("accepts an ordinary article", () => {
    expect(problem({ title: "Festival", text: fixture("harbor-lights-festival.txt") })).toBeNull();
  });
});
