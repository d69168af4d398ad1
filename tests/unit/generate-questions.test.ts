import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateQuestions, splitParagraphs } from "@/server/trivia/generate-questions";
import { generateRequestSchema, MAX_ARTICLE_CHARS } from "@/server/trivia/generate-questions.types";
import { normalizeAnswer, questionSchema } from "@/server/trivia/question";

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "..", "fixtures", name), "utf8");

// A retelling of the Ballard article in the project's own words, and an article the project wrote itself.
describe.each([
  ["ballard-retelling.txt", 8],
  ["harbor-lights-festival.txt", 5],
])("questions generated from %s", (file, paragraphCount) => {
  const text = fixture(file);
  const paragraphs = splitParagraphs(text);
  const { questions, paragraphs: counted } = generateQuestions({ title: file, text });

  it("finds the paragraphs and proposes questions of several kinds", () => {
    expect(paragraphs).toHaveLength(paragraphCount);
    expect(counted).toBe(paragraphCount);
    expect(questions.length).toBeGreaterThanOrEqual(12);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(["choice", "truefalse", "number"]));
    for (const q of questions) expect(questionSchema.safeParse(q).success, q.prompt).toBe(true);
  });

  it("gives every multiple-choice question exactly one right answer, taken from the paragraph it cites", () => {
    for (const q of questions.filter((q) => q.kind === "choice")) {
      const paragraph = paragraphs[q.sources[0]!.paragraph - 1]!;
      const normalized = q.options.map(normalizeAnswer);
      expect(new Set(normalized).size, q.prompt).toBe(q.options.length);
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(paragraph, q.prompt).toContain(q.options[q.answer]);
      // The blank stands where the answer was.
      expect(paragraph).toContain(q.prompt.slice(q.prompt.indexOf("“") + 1, -1).replace("_____", q.options[q.answer]!));
    }
  });

  it("takes number answers and true statements from the cited paragraph; false ones are not in it", () => {
    for (const q of questions) {
      const paragraph = paragraphs[q.sources[0]!.paragraph - 1]!;
      expect(paragraph, q.prompt).toContain(q.sources[0]!.fact);
      if (q.kind === "number") {
        // The number as the article wrote it: digits, with thousands commas, or in words.
        const forms = [String(q.answer), q.answer.toLocaleString("en-US"), WORDS[q.answer]].filter((f) => f !== undefined);
        const cloze = q.prompt.slice(q.prompt.indexOf("“") + 1, -1);
        expect(forms.some((form) => paragraph.includes(cloze.replace("_____", form))), q.prompt).toBe(true);
      }
      if (q.kind === "truefalse") {
        const statement = q.prompt.slice(q.prompt.indexOf("“") + 1, -1);
        expect(paragraph.includes(statement), q.prompt).toBe(q.answer);
      }
    }
  });

  it("offers distractors of the answer's kind: names for people, dates for dates", () => {
    const dates = questions.filter((q) => q.kind === "choice" && q.prompt.startsWith("Which date"));
    expect(dates.length).toBeGreaterThan(0);
    for (const q of dates) {
      if (q.kind !== "choice") continue;
      for (const option of q.options) expect(option).toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}/);
    }
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
