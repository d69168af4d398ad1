/**
 * The automated stand-in for a quizmaster's "acceptable as written" (issue 25):
 * a question is acceptable when it
 * - looks grammatical: one sentence-like prompt starting with a capital and
 *   ending in "?" (or "." for an instruction), balanced quotes and brackets,
 *   no blank, no "how many" spliced into the middle of a phrase, no label
 *   copied from the article ("LOGLINE:", "Alvestad:"), no parenthetical, no
 *   word said twice in a row, no "the series" when the article's show has a
 *   title;
 * - has one right answer and fair distractors: it passes the validity checks
 *   (question-checks.ts), and every option of a choice is of the answer's
 *   kind (a person among people, a company among companies, a place among
 *   places, a date among dates), none a bare title ("Dr") or a single letter;
 * - is not a copy of the sentence: outside a quotation it is asked about,
 *   the prompt shares no run of eight words with any sentence of the article.
 * Written apart from the generator, from the article's text alone.
 */
import nlp from "compromise";
import type { Question } from "../server/trivia/question";
import { questionProblems } from "./question-checks";

const ORG_WORDS =
  /\b(?:TV|Television|Network|Channel|Studios?|Pictures|Films?|Productions?|Media|Entertainment|Times|Post|Journal|Gazette|Herald|Tribune|Ledger|Daily|Weekly|Magazine|Review|News|Radio|Records|Press|Books|Publishing|Group|Company|Co\.?|Inc\.?|Ltd\.?|LLC|GmbH|Festival|Awards?|Academy|Guild|Society|Association|Institute|Foundation|University|College|Council|Agency|Broadcasting|Streaming|Plus|Max|BBC|HBO|ITV|RAI|NHK|ZDF|Netflix|Hulu|Peacock|Apple|Amazon|Prime|Paramount\+?|Disney\+?|Canal\+?|Showtime|Starz)\b|\+$/;
const TITLES = /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame|St|Jr|Sr)\.?$/;
const MONTH = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

export type OptionKind = "date" | "number" | "org" | "person" | "place" | "other";

/** The names compromise's tagger reads as people, places and organisations in the article's own sentences. */
export function articleKinds(paragraphs: readonly string[]): Map<string, OptionKind> {
  const kinds = new Map<string, OptionKind>();
  const doc = nlp(paragraphs.join("\n\n"));
  const add = (list: string[], kind: OptionKind) => {
    for (const raw of list) {
      const name = raw.replace(/^(?:the|a|an)\s+/i, "").replace(/[\s,.;:!?'’"”)]+$/u, "").replace(/['’]s$/u, "");
      if (name && !kinds.has(name)) kinds.set(name, kind);
    }
  };
  add(doc.organizations().out("array") as string[], "org");
  add(doc.people().out("array") as string[], "person");
  add(doc.places().out("array") as string[], "place");
  return kinds;
}

/** What an option names: by its shape, its words, or how the article's tagger read it ("other" when nothing tells). */
export function optionKind(option: string, kinds: ReadonlyMap<string, OptionKind>): OptionKind {
  if (MONTH.test(option) && /\d/.test(option)) return "date";
  if (/^\d{4}$/.test(option)) return "date";
  if (/^[\d.,%\s]+$/.test(option)) return "number";
  if (ORG_WORDS.test(option)) return "org";
  return kinds.get(option) ?? "other";
}

function looksGrammatical(prompt: string, title: string | null): string[] {
  const problems: string[] = [];
  if (!/^[\p{Lu}"“¿]/u.test(prompt)) problems.push("does not start with a capital");
  if (!/[?.]$|[?.]["”]$/u.test(prompt)) problems.push("does not end as a question");
  if (/_{3,}/.test(prompt)) problems.push("has a blank");
  if (/\S\s+how many\b/i.test(prompt) && !/^(?:In|On|For|By|Of|At|From|With|After|Over|Across|To|Within|During|Among|Into|Under)\s+how many\b/i.test(prompt)) problems.push("“how many” spliced into a phrase");
  if (/[([]/.test(prompt.replace(/“[^”]*”|"[^"]*"/g, ""))) problems.push("copies a parenthetical");
  if (/(?:^|[“"]\s*|:\s+)\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?:(?!\s*$)/u.test(prompt.replace(/^(?:True or false|Who said|Bonus):/i, "")) && !/^Who said:/.test(prompt))
    problems.push("copies a label");
  if (/\b(\w+)\s+\1\b/i.test(prompt.replace(/“[^”]*”/g, ""))) problems.push("says a word twice");
  if (title && /\bthe (?:series|show)\b/i.test(prompt.replace(/“[^”]*”/g, ""))) problems.push("says “the series” though the show has a title");
  const quotes = (prompt.match(/["]/g) ?? []).length;
  if (quotes % 2 === 1 || (prompt.match(/“/g) ?? []).length !== (prompt.match(/”/g) ?? []).length) problems.push("unbalanced quotes");
  if (prompt.length > 200) problems.push("too long to read aloud");
  return problems;
}

const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function copiesSentence(prompt: string, sentences: readonly string[]): boolean {
  const own = wordsOf(prompt.replace(/“[^”]*”|"[^"]*"/g, " | "));
  const runs = new Set<string>();
  for (let i = 0; i + 8 <= own.length; i++) runs.add(own.slice(i, i + 8).join(" "));
  if (runs.size === 0) return false;
  return sentences.some((s) => {
    const w = wordsOf(s);
    for (let i = 0; i + 8 <= w.length; i++) if (runs.has(w.slice(i, i + 8).join(" "))) return true;
    return false;
  });
}

/** Why a quizmaster would not ask this question as written (none: acceptable). */
export function acceptabilityProblems(q: Question, paragraphs: readonly string[], title: string | null): string[] {
  const problems = [...questionProblems(q, paragraphs), ...looksGrammatical(q.prompt, title)];
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/));
  if (copiesSentence(q.prompt, sentences)) problems.push("copies eight words of a sentence");
  if (q.kind === "choice") {
    const kinds = articleKinds(paragraphs);
    const kind = optionKind(q.options[q.answer]!, kinds);
    for (const option of q.options) {
      if (TITLES.test(option) || option.replace(/\W/g, "").length < 2) problems.push(`“${option}” is not a whole answer`);
      const other = optionKind(option, kinds);
      if (other !== kind && kind !== "other" && other !== "other") problems.push(`“${option}” (${other}) is not of the answer's kind (${kind})`);
    }
  }
  return problems;
}
