/**
 * Turns recognised facts into questions a quizmaster would ask ("Who plays
 * Tomas Reyes?", "When was Harbor Lights renewed for a second season?",
 * "The premiere episode drew how many viewers in its first week?"), in a
 * mix of kinds: multiple choice, typed answers, numbers, true or false. A
 * cloze is kept only for a date no rule explains, its blank covering the
 * whole date. Every candidate carries the confidence its rule earned.
 */
import { dateDistractors, pickDistractors, POOL } from "./choose-distractors";
import { REGIONS, surname, withoutTitle, type Entity, type EntityKind, type Fact, type Reading } from "./extract-facts";
import type { Article, DateMention, Sentence } from "./read-article";
import type { NumberMention } from "./read-numbers";
import { normalizeAnswer as norm, type Question } from "./question";

/** A question before it is numbered. */
export type Draft = Question extends infer Q ? (Q extends Question ? Omit<Q, "id"> : never) : never;

export interface Candidate {
  question: Draft;
  confidence: number;
  sentence: Sentence;
  /** Another candidate with one of these keys asks the same thing. */
  keys: string[];
}

const BLANK = "_____";
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where the right answer goes: a position that changes from question to question. */
function choice(prompt: string, answer: string, distractors: string[], position: number): Pick<Extract<Draft, { kind: "choice" }>, "kind" | "prompt" | "options" | "answer"> {
  const at = position % (distractors.length + 1);
  const options = [...distractors];
  options.splice(at, 0, answer);
  return { kind: "choice", prompt, options, answer: at };
}

/** Typed-answer forms: the full name, without a title ("Sheriff"), with its region; a person's surname when no one else in the article has it. */
function acceptedNames(entity: Entity, everyone: readonly Entity[]): string[] {
  const forms = [entity.name, withoutTitle(entity.name)];
  const last = surname(entity.name);
  const unique = !everyone.some((e) => e.name !== entity.name && surname(e.name) === last);
  if (entity.kind === "person" && last.length >= 3 && unique) forms.push(last);
  if (entity.region) forms.push(`${entity.name}, ${entity.region}`);
  return [...new Set(forms)];
}

/**
 * "Lumen TV ordered twelve episodes, each…" → "Lumen TV ordered how many
 * episodes?": the number's clause, asked in place, dates left out.
 */
function howMany(sentence: Sentence, number: NumberMention): string | null {
  const before = sentence.text.slice(0, number.start);
  // "its first five days" is a window of time, not a fact to ask about.
  if (/\b(?:its|the|their|a) (?:first|last|next|past)\s*$/i.test(before)) return null;
  const MARK = "\u0000";
  let text = before + MARK + sentence.text.slice(number.end);
  for (const date of [...sentence.dates].sort((a, b) => b.start - a.start)) {
    const at = date.start > number.start ? date.start - number.text.length + 1 : date.start;
    text = `${text.slice(0, at).replace(/\s(?:on|in|from)\s*$/, "")}${text.slice(at + date.text.length).replace(/^,/, "")}`;
  }
  const clauses = text.replace(/\s+/g, " ").split(/; |, and |, but |, while /);
  const index = clauses.findIndex((c) => c.includes(MARK));
  let clause = clauses[index]!;
  const tail = clause.slice(clause.indexOf(MARK)).split(/,/)[0]!;
  clause = clause.slice(0, clause.indexOf(MARK)) + tail;
  const opening = clause.match(new RegExp(`^(?:all |the |its |some )?${MARK}`, "i"));
  const asked = opening ? `How many${clause.slice(opening[0].length)}` : clause.replace(MARK, "how many");
  const prompt = `${upper(asked.trim().replace(/[.!?"”]+$/u, ""))}?`;
  return prompt.length <= 200 ? prompt : null;
}

/** "When did Harbor Lights premiere?", "When was … renewed for a second season?" */
function whenPrompt(fact: Extract<Fact, { relation: "when" }>): string | null {
  if (fact.event === "renewal") return `When was ${fact.subject}?`;
  if (fact.event === "other" || !fact.verb) return null;
  if (fact.verb === "released") return `When was ${fact.subject} released?`;
  return `When ${fact.past ? "did" : "does"} ${fact.subject} ${fact.verb}?`;
}

export function writeQuestions(options: { article: Article; reading: Reading; title: string }): Candidate[] {
  const { article, reading } = options;
  const show = reading.title ?? "the series";
  const allEntities = [...reading.entities.values()];
  // Actors before other people; a state or country is never a wrong town.
  const actors = new Set(reading.facts.flatMap((f) => (f.relation === "plays" ? [f.actor.name] : [])));
  const ofKind = (kind: EntityKind) =>
    allEntities
      .filter((e) => e.kind === kind && !(kind === "place" && REGIONS.has(e.name)))
      .map((e) => e.name)
      .sort((a, b) => Number(actors.has(b)) - Number(actors.has(a)));
  const people = allEntities.filter((e) => e.kind === "person");
  const allDates = article.sentences.flatMap((s) => s.dates);
  const candidates: Candidate[] = [];
  const source = (s: Sentence) => [{ article: options.title, paragraph: s.paragraph, fact: s.text.slice(0, 600) }];
  // Same relation, other answers: each is also right, so never a distractor.
  const sameRelation = (relation: Fact["relation"]) =>
    reading.facts.flatMap((f) => (f.relation !== relation ? [] : f.relation === "created" || f.relation === "produces" || f.relation === "wrote" ? f.people.map((p) => p.name) : "place" in f ? [f.place.name] : "service" in f ? [f.service.name] : []));
  let position = 0;
  const counts = new Map<string, number>();
  const next = (what: string) => {
    const n = counts.get(what) ?? 0;
    counts.set(what, n + 1);
    return n;
  };

  const add = (fact: Fact, question: Draft, keys: string[], penalty = 0) => {
    // Without a title the prompts say "the series", which may not be what the article is about.
    const untitled = reading.title === null && fact.relation !== "count" ? 0.25 : 0;
    const confidence = Math.max(0.05, Math.min(0.99, Math.round((fact.strength - penalty - untitled) * 100) / 100));
    candidates.push({ question: { ...question, confidence }, confidence, sentence: fact.sentence, keys });
  };

  /**
   * One fact about a name, asked in a form that rotates over the article so
   * the draft mixes kinds and difficulties: mostly multiple choice, every
   * fourth typed (harder), now and then true or false (a wrong name of the
   * same kind swapped in half of the time).
   */
  const ask = (fact: Fact, a: { kind: EntityKind; answer: Entity; prompt: string; typed: string; statement: (name: string) => string; keys: string[]; alsoRight?: string[]; accepted?: string[] }) => {
    const alsoRight = [...(a.alsoRight ?? []), ...(a.answer.region ? [a.answer.region] : [])];
    const picked = pickDistractors({ answer: a.answer.name, prompt: a.prompt, article: ofKind(a.kind), pool: POOL[a.kind], alsoRight });
    const n = next("entity");
    if (n % 4 === 3) {
      const accepted = a.accepted ?? acceptedNames(a.answer, a.kind === "person" ? people : []);
      return add(fact, { kind: "text", prompt: a.typed, accepted, sources: source(fact.sentence) }, a.keys, 0.04);
    }
    if (n % 7 === 5 && picked.options.length > 0) {
      const truthful = next("truefalse") % 2 === 0;
      const statement = a.statement(truthful ? a.answer.name : picked.options[0]!);
      return add(fact, { kind: "truefalse", prompt: `True or false: ${statement}`, answer: truthful, sources: source(fact.sentence) }, a.keys, 0.1);
    }
    if (picked.options.length < 2) return;
    add(fact, { ...choice(a.prompt, a.answer.name, picked.options, position++), sources: source(fact.sentence) }, a.keys, 0.06 * picked.fromPool);
  };

  for (const fact of reading.facts) {
    switch (fact.relation) {
      case "plays": {
        const { actor, character } = fact;
        const role = fact.descriptor ? `the ${fact.descriptor} ` : "";
        const keys = [`plays:${norm(actor.name)}`, `plays:${norm(character.name)}`];
        // Every third cast member is asked the other way round: which character?
        if (next("plays") % 3 === 1)
          ask(fact, { kind: "character", answer: character, prompt: `Which character does ${actor.name} play in ${show}?`, typed: `Type the name of the character ${actor.name} plays in ${show}.`, statement: (name) => `${actor.name} plays ${name} in ${show}.`, keys, accepted: acceptedNames(character, []) });
        else
          ask(fact, { kind: "person", answer: actor, prompt: `Who plays ${role}${character.name} in ${show}?`, typed: `Type the name of the actor who plays ${role}${character.name} in ${show}.`, statement: (name) => `${name} plays ${role}${character.name} in ${show}.`, keys });
        break;
      }
      case "created":
      case "produces":
      case "wrote": {
        const [first] = fact.people;
        const keys = fact.people.map((p) => `person:${norm(p.name)}:${fact.sentence.text}`).concat(`${fact.relation}`);
        const accepted = fact.people.flatMap((p) => acceptedNames(p, people));
        if (fact.relation === "created" && fact.people.length > 1) {
          add(fact, { kind: "text", prompt: `Name one of the ${fact.people.length === 2 ? "two" : fact.people.length} people who created ${show}.`, accepted, sources: source(fact.sentence) }, keys, 0.04);
          break;
        }
        const [prompt, typed, statement] =
          fact.relation === "created"
            ? [`Who created ${show}?`, `Type the name of the person who created ${show}.`, (name: string) => `${name} created ${show}.`]
            : fact.relation === "wrote"
              ? [`Whose novels is ${show} based on?`, `Type the name of the author whose novels ${show} is based on.`, (name: string) => `${show} is based on novels by ${name}.`]
              : [`Who is an executive producer of ${show}?`, `Type the name of an executive producer of ${show}.`, (name: string) => `${name} is an executive producer of ${show}.`];
        ask(fact, { kind: "person", answer: first!, prompt, typed, statement, keys, alsoRight: sameRelation(fact.relation), accepted });
        break;
      }
      case "filmed":
      case "set": {
        const noun = fact.sentence.text.match(/\b(town|city|village|island|port)\b/)?.[1];
        const filmed = fact.relation === "filmed";
        const prompt = filmed
          ? `Where was ${show} filmed?`
          : noun && !/^(?:New|North|South)/.test(fact.place.name)
            ? `In which ${fact.fictional ? "fictional " : ""}${noun} is ${show} set?`
            : `Where is ${show} set?`;
        ask(fact, {
          kind: "place",
          answer: fact.place,
          prompt,
          typed: `Type the name of the place where ${show} is ${filmed ? "filmed" : "set"}.`,
          statement: (name) => `${show} ${filmed ? "was filmed" : "is set"} in ${name}.`,
          keys: [fact.relation, `place:${norm(fact.place.name)}`],
          alsoRight: sameRelation(fact.relation),
        });
        break;
      }
      case "service": {
        // What the article calls it, in any sentence that names it.
        const word =
          article.sentences
            .filter((s) => s.text.includes(fact.service.name))
            .map((s) => s.text.match(/\b(network|channel|streaming service|streamer)\b/)?.[1])
            .find((w) => w !== undefined) ?? "streaming service";
        const acted = fact.verb === "released" || fact.verb === "renewed" || fact.verb === "ordered";
        ask(fact, {
          kind: "service",
          answer: fact.service,
          prompt: acted ? `Which ${word} ${fact.verb} ${show}?` : `On which ${word} is ${show} shown?`,
          typed: acted ? `Type the name of the ${word} that ${fact.verb} ${show}.` : `Type the name of the ${word} that shows ${show}.`,
          statement: (name) => (acted ? `${name} ${fact.verb} ${show}.` : `${show} is shown on ${name}.`),
          keys: ["service", `service:${norm(fact.service.name)}`],
          alsoRight: sameRelation("service"),
        });
        break;
      }
      case "site":
        ask(fact, {
          kind: "site",
          answer: fact.site,
          prompt: `On which review site did ${show} have ${fact.what}?`,
          typed: `Type the name of the review site where ${show} had ${fact.what}.`,
          statement: (name) => `${show} had ${fact.what} on ${name}.`,
          keys: ["site", `site:${norm(fact.site.name)}`],
        });
        break;
      case "said": {
        const quote = `“${fact.quote.replace(/[.,]$/, "")}”`;
        ask(fact, { kind: "person", answer: fact.person, prompt: `Who said: ${quote}?`, typed: `Type the name of the person who said: ${quote}.`, statement: (name) => `${name} said: ${quote}.`, keys: [`said:${fact.quote}`] });
        break;
      }
      case "when":
        addDate(fact);
        break;
      case "count": {
        // "a six-part season": the episodes of that season.
        const part = fact.sentence.text.slice(fact.number.end).match(/^-(?:part|episode) (\w+)/)?.[1];
        const prompt = part ? `How many episodes does the ${part} of ${show} have?` : howMany(fact.sentence, fact.number);
        // "viewed 8.5 million times in two days": the window belongs to the other number.
        const window = /^(?:days|weeks|hours|months)$/.test(fact.number.unit) && /\b(?:in|within)\s*$/.test(fact.sentence.text.slice(0, fact.number.start)) && fact.sentence.numbers.length > 1;
        if (!prompt || window) break;
        const value = fact.number.value;
        add(fact, { kind: "number", prompt, answer: value, tolerance: Math.max(2, Math.round(value * 0.5)), unit: fact.number.unit, sources: source(fact.sentence) }, [`number:${value}:${fact.number.unit}`], prompt.length > 140 ? 0.1 : 0);
        break;
      }
      case "score": {
        const { number, site } = fact;
        if (!site) break;
        const given = fact.sentence.text.slice(0, number.start).match(/\bgave (.+?)\s+(?:a score of|an?)?\s*$/)?.[1] ?? show;
        const prompt =
          number.unit === "stars"
            ? `How many stars ${fact.of ?? ""} did ${site.name} give ${given}?`.replace(/\s+/g, " ")
            : number.unit === "%"
              ? `What score (%) does ${show} hold on ${site.name}?`
              : number.unit.startsWith("out of")
                ? `What score ${number.unit} did ${site.name} give ${given}?`
                : `What score does ${show} have on ${site.name}?`;
        const outOf = Number(fact.of?.match(/\d+/)?.[0] ?? Number.NaN);
        const tolerance = number.unit === "stars" ? 2 : Math.max(2, Math.round((Number.isFinite(outOf) ? outOf : 100) * 0.2));
        add(fact, { kind: "number", prompt, answer: number.value, tolerance, ...(number.unit === "stars" || number.unit === "%" ? { unit: number.unit } : {}), sources: source(fact.sentence) }, [`score:${number.value}:${norm(site.name)}`]);
        break;
      }
    }
  }

  function addDate(fact: Extract<Fact, { relation: "when" }>) {
    const prompt = whenPrompt(fact);
    const distractors = dateDistractors(fact.date, allDates);
    if (distractors.length < 2) return;
    if (prompt) {
      add(fact, { ...choice(prompt, fact.date.text, distractors, position++), sources: source(fact.sentence) }, [`date:${norm(fact.date.text)}`, `when:${fact.event}:${fact.subject}`]);
      return;
    }
    // No rule says what happened then: a cloze, its blank the whole date, if the sentence is short.
    if (fact.sentence.text.split(" ").length > 30) return;
    const cloze = clozeOf(fact.sentence, fact.date);
    add(fact, { ...choice(`Which date fills the blank? “${cloze}”`, fact.date.text, distractors, position++), sources: source(fact.sentence) }, [`date:${norm(fact.date.text)}`], 0);
  }
  return candidates;
}

const clozeOf = (sentence: Sentence, date: DateMention) => `${sentence.text.slice(0, date.start)}${BLANK}${sentence.text.slice(date.end)}`;
