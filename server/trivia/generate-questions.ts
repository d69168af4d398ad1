/**
 * Proposes trivia questions from a pasted article about a show, for the host
 * to review. A pure function, no I/O and no language model: the article is
 * read into sentences with their names, dates and numbers (read-article.ts),
 * the relations shows' articles state are recognised (extract-facts.ts) and
 * asked about directly (write-questions.ts), with wrong answers of the same
 * kind (choose-distractors.ts); the draft keeps the most confident questions,
 * sorted by confidence (rank-questions.ts). Each question cites the paragraph
 * its fact comes from.
 */
import { extractFacts } from "./extract-facts";
import type { GenerateRequest, GenerateResponse } from "./generate-questions.types";
import { rankQuestions } from "./rank-questions";
import { readArticle } from "./read-article";
import { writeQuestions } from "./write-questions";

export { splitParagraphs } from "./read-article";

export function generateQuestions(input: GenerateRequest): GenerateResponse {
  const title = input.title?.trim() || "Pasted article";
  const article = readArticle(input.text);
  const reading = extractFacts(article, input.title?.trim());
  const drafts = rankQuestions(writeQuestions({ article, reading, title }));
  return { title, paragraphs: article.paragraphs.length, questions: drafts.map((q, i) => ({ ...q, id: `q${i + 1}` })) };
}
