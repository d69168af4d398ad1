import { readFileSync } from "node:fs";
import path from "node:path";
import { MAX_ARTICLE_CHARS } from "@/server/trivia/generate-questions.types";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");

/**
 * The longest article a host may paste: the fixtures' paragraphs repeated up
 * to 20,000 characters, the load the question generator is sized for.
 */
export function longestArticle(): string {
  const paragraphs = ["ballard-retelling.txt", "harbor-lights-festival.txt"]
    .flatMap((name) => readFileSync(path.join(FIXTURES, name), "utf8").split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  let article = "";
  for (let i = 0; ; i++) {
    const next = `${article}${article ? "\n\n" : ""}${paragraphs[i % paragraphs.length]}`;
    if (next.length > MAX_ARTICLE_CHARS) return article;
    article = next;
  }
}
