import { describe, expect, it } from "vitest";
import { BALLARD_DECK } from "@/server/trivia/ballard-deck";
import { BALLARD_FACTS, BALLARD_SUMMARIES } from "@/server/trivia/ballard-facts";
import { normalizeAnswer, questionSchema } from "@/server/trivia/question";

// The article has eight paragraphs; every fact cites one of them.
const ARTICLE_PARAGRAPHS = 8;

describe("the Ballard fact base", () => {
  const facts = Object.values(BALLARD_FACTS);

  it("holds at least 25 facts, each citing a paragraph of the article", () => {
    expect(facts.length).toBeGreaterThanOrEqual(25);
    for (const fact of facts) {
      expect(fact.paragraph).toBeGreaterThanOrEqual(1);
      expect(fact.paragraph).toBeLessThanOrEqual(ARTICLE_PARAGRAPHS);
      expect(fact.fact.length).toBeGreaterThan(10);
    }
    // Every paragraph contributes.
    expect(new Set(facts.map((f) => f.paragraph)).size).toBe(ARTICLE_PARAGRAPHS);
  });

  it("covers cast, dates, numbers, places, the premise and the interview", () => {
    const all = facts.map((f) => f.fact).join(" ");
    for (const needle of ["Maggie Q", "Titus Welliver", "9 July 2025", "six reviews", "Malibu", "cold case", "interview"]) {
      expect(all).toContain(needle);
    }
  });
});

describe("the Ballard deck", () => {
  it("holds at least 30 valid questions of all five kinds", () => {
    expect(BALLARD_DECK.length).toBeGreaterThanOrEqual(30);
    for (const question of BALLARD_DECK) expect(questionSchema.safeParse(question).success, question.id).toBe(true);
    const kinds = new Set(BALLARD_DECK.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(["choice", "number", "order", "text", "truefalse"]);
    expect(new Set(BALLARD_DECK.map((q) => q.id)).size).toBe(BALLARD_DECK.length);
  });

  it("has distractors that never equal the answer, and one right option per question", () => {
    for (const q of BALLARD_DECK) {
      if (q.kind !== "choice") continue;
      const normalized = q.options.map(normalizeAnswer);
      expect(new Set(normalized).size, q.id).toBe(q.options.length);
      expect(normalized.filter((o) => o === normalized[q.answer]).length, q.id).toBe(1);
    }
  });

  it("ties every question to facts from the fact base", () => {
    const known = new Set<string>(Object.values(BALLARD_FACTS).map((f) => f.fact));
    for (const q of BALLARD_DECK) for (const source of q.sources) expect(known.has(source.fact), q.id).toBe(true);
  });

  it("spreads the right option over the positions (before the per-round shuffle)", () => {
    const positions = new Set(BALLARD_DECK.flatMap((q) => (q.kind === "choice" ? [q.answer] : [])));
    expect(positions.size).toBeGreaterThan(2);
  });
});

describe("the Ballard reveal", () => {
  it("shows the summary of the cited paragraph, one retelling per paragraph", () => {
    expect(BALLARD_SUMMARIES).toHaveLength(ARTICLE_PARAGRAPHS);
    for (const q of BALLARD_DECK) for (const source of q.sources) expect(source.summary, q.id).toBe(BALLARD_SUMMARIES[source.paragraph - 1]);
    // A summary retells its facts: the fact's names appear in it.
    expect(BALLARD_SUMMARIES[5]).toContain("Malibu");
    expect(BALLARD_SUMMARIES[6]).toContain("six reviews");
  });
});
