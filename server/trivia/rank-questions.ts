/**
 * Fewer, better: the most confident candidates first, no two asking the same
 * thing (a shared key), at most a few from one sentence, and a cap on the
 * whole draft. The draft comes out sorted by confidence.
 */
import type { Candidate, Draft } from "./write-questions";

export const MAX_QUESTIONS = 40;
export const MAX_PER_SENTENCE = 3;

export function rankQuestions(candidates: readonly Candidate[]): Draft[] {
  // Stable: equal confidence keeps the article's order.
  const ordered = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.confidence - a.c.confidence || a.i - b.i);
  const seen = new Set<string>();
  const perSentence = new Map<string, number>();
  const kept: Draft[] = [];
  for (const { c } of ordered) {
    const fromSentence = perSentence.get(c.sentence.text) ?? 0;
    if (kept.length >= MAX_QUESTIONS || fromSentence >= MAX_PER_SENTENCE || c.keys.some((k) => seen.has(k))) continue;
    for (const k of c.keys) seen.add(k);
    perSentence.set(c.sentence.text, fromSentence + 1);
    kept.push(c.question);
  }
  return kept;
}
