/**
 * Fewer, better: the most confident candidates first, no two asking the same
 * thing (a shared key), at most a few from one sentence or one group (the
 * quotations of one speaker), and a cap on the whole draft. The draft comes out sorted by confidence.
 */
import type { Candidate, Draft } from "./write-questions";

export const MAX_QUESTIONS = 40;
export const MAX_PER_SENTENCE = 2;
/** No topic (cast, dates, numbers…) takes more than this share of a full draft. */
export const MAX_TOPIC_SHARE = 0.4;
/** "Who said…?" of one speaker: a few, not the whole interview. */
export const MAX_PER_GROUP = 3;

export function rankQuestions(candidates: readonly Candidate[]): Draft[] {
  // Stable: equal confidence keeps the article's order.
  const ordered = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.confidence - a.c.confidence || a.i - b.i);
  const seen = new Set<string>();
  const perSentence = new Map<string, number>();
  const kept: Draft[] = [];
  const perTopic = new Map<string, number>();
  const perGroup = new Map<string, number>();
  const skipped: typeof ordered = [];
  const keep = (c: Candidate) => {
    for (const k of c.keys) seen.add(k);
    perSentence.set(c.sentence.text, (perSentence.get(c.sentence.text) ?? 0) + 1);
    perTopic.set(c.question.topic ?? "", (perTopic.get(c.question.topic ?? "") ?? 0) + 1);
    if (c.group) perGroup.set(c.group, (perGroup.get(c.group) ?? 0) + 1);
    kept.push(c.question);
  };
  const allowed = (c: Candidate) =>
    kept.length < MAX_QUESTIONS && (perSentence.get(c.sentence.text) ?? 0) < MAX_PER_SENTENCE && !c.keys.some((k) => seen.has(k)) && (c.group === undefined || (perGroup.get(c.group) ?? 0) < MAX_PER_GROUP);
  // A spread of topics: one topic fills at most its share of a full draft, then the rest get their turn.
  for (const entry of ordered) {
    if (!allowed(entry.c)) continue;
    if ((perTopic.get(entry.c.question.topic ?? "") ?? 0) >= MAX_QUESTIONS * MAX_TOPIC_SHARE) skipped.push(entry);
    else keep(entry.c);
  }
  for (const entry of skipped) if (allowed(entry.c)) keep(entry.c);
  const confidence = new Map(kept.map((q, i) => [q, i] as const));
  return kept.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || confidence.get(a)! - confidence.get(b)!);
}
