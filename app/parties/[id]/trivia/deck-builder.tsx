"use client";

import { useState, type FormEvent } from "react";
import type { GenerateResponse } from "@/server/trivia/generate-questions.types";
import type { Question } from "@/server/trivia/question";
import { sendJson } from "../../../_components/send-json";
import { ErrorAlert } from "../../../_components/error-alert";

type Deck = { title: string; questions: Question[] };
type Kind = Question["kind"];

const kindName: Record<Kind, string> = {
  choice: "multiple choice",
  truefalse: "true or false",
  number: "number",
  order: "order",
  text: "type the answer",
};

/** A blank question of a kind, for the host to write. */
function blankQuestion(kind: Kind, article: string): Question {
  const base = { id: `host-${crypto.randomUUID().slice(0, 8)}`, prompt: "", sources: [{ article: article || "The host's own question", paragraph: 1, fact: "Written by the host." }] };
  switch (kind) {
    case "choice":
      return { ...base, kind, options: ["", "", "", ""], answer: 0 };
    case "truefalse":
      return { ...base, kind, answer: true };
    case "number":
      return { ...base, kind, answer: 0, tolerance: 1 };
    case "order":
      return { ...base, kind, items: ["", "", ""] };
    case "text":
      return { ...base, kind, accepted: [""] };
  }
}

/**
 * Paste an article, review the proposed questions (sorted by the generator's
 * confidence): edit in place, delete, reorder, mark favourites, add questions
 * of any kind; then save them as the party's deck.
 */
export function DeckBuilder(props: { partyId: string; initial: Deck | null }) {
  const [title, setTitle] = useState(props.initial?.title ?? "");
  const [text, setText] = useState("");
  const [questions, setQuestions] = useState<Question[]>(props.initial?.questions ?? []);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newKind, setNewKind] = useState<Kind>("choice");

  async function propose(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await sendJson<GenerateResponse>(`/api/parties/${props.partyId}/trivia/draft`, "POST", { title, text });
    setBusy(false);
    // The article's own problem ("empty", "too long") says more than the summary.
    if (!result.ok) return setError(result.error.fields?.text ?? result.error.message);
    setError(null);
    setQuestions(result.data.questions);
    setTitle(result.data.title);
    setStatus(`${result.data.questions.length} questions proposed from ${result.data.paragraphs} paragraphs, the most confident first. Review them, then save.`);
  }

  async function save() {
    setBusy(true);
    // Blank lines between accepted answers are the textarea's, not answers.
    const tidy = questions.map((q) => (q.kind === "text" ? { ...q, accepted: q.accepted.map((a) => a.trim()).filter(Boolean) } : q));
    const result = await sendJson<{ deck: Deck }>(`/api/parties/${props.partyId}/trivia/deck`, "PUT", { title: title || "Party deck", questions: tidy });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setStatus(`Saved “${result.data.deck.title}” with ${result.data.deck.questions.length} questions. Choose “This party's own deck” when you start a round.`);
  }

  const update = (index: number, next: Question) => setQuestions((qs) => qs.map((q, i) => (i === index ? next : q)));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= questions.length) return;
    setQuestions((qs) => {
      const next = [...qs];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved!);
      return next;
    });
    setStatus(`Question ${from + 1} is now question ${to + 1}.`);
  };
  const add = () => {
    setQuestions((qs) => [...qs, blankQuestion(newKind, title)]);
    setStatus(`Added question ${questions.length + 1} (${kindName[newKind]}). Write it below.`);
  };

  return (
    <section aria-labelledby="deck-heading" className="card wide">
      <h2 id="deck-heading">Questions from an article</h2>
      <form className="form wide" onSubmit={propose}>
        <label htmlFor="article-title">Article title</label>
        <input id="article-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="article-text">Article text</label>
        <textarea id="article-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="article-hint" />
        <p id="article-hint" className="hint">
          Paste plain text, up to 20,000 characters. Leave a blank line between paragraphs: each question cites its paragraph.
        </p>
        <button type="submit" disabled={busy}>
          Propose questions
        </button>
      </form>
      <p aria-live="polite" className="hint" data-testid="deck-status">
        {status}
      </p>
      <ErrorAlert message={error} />
      <h3>Review ({questions.length})</h3>
      {questions.length > 0 ? (
        <ol className="party-list">
          {questions.map((q, i) => (
            <li key={q.id} className="question-editor" data-testid="draft-question">
              <QuestionEditor question={q} number={i + 1} onChange={(next) => update(i, next)} />
              <div className="button-row editor-tools">
                <button
                  type="button"
                  className="small secondary"
                  aria-pressed={q.favourite === true}
                  aria-label={`Favourite question ${i + 1}`}
                  onClick={() => update(i, { ...q, favourite: !q.favourite })}
                >
                  {q.favourite ? "★ Favourite" : "☆ Favourite"}
                </button>
                <button type="button" className="small secondary" aria-disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move question ${i + 1} up`}>
                  Move up
                </button>
                <button type="button" className="small secondary" aria-disabled={i === questions.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move question ${i + 1} down`}>
                  Move down
                </button>
                <button type="button" className="small danger" onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))} aria-label={`Delete question ${i + 1}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="hint">No questions yet: paste an article above, or add your own.</p>
      )}
      <div className="row">
        <label className="field">
          Kind of question to add
          <select value={newKind} onChange={(e) => setNewKind(e.target.value as Kind)}>
            {Object.entries(kindName).map(([kind, name]) => (
              <option key={kind} value={kind}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={add}>
          Add a question
        </button>
      </div>
      {questions.length > 0 ? (
        <button type="button" onClick={save} disabled={busy}>
          Save the deck
        </button>
      ) : null}
    </section>
  );
}

/** One editable line per item of a list (options, items to order, accepted answers). */
function ListEditor(props: { label: string; values: string[]; onChange(next: string[]): void }) {
  return props.values.map((value, k) => (
    <label key={k} className="field">
      {props.label} {k + 1}
      <input value={value} maxLength={120} onChange={(e) => props.onChange(props.values.map((v, j) => (j === k ? e.target.value : v)))} />
    </label>
  ));
}

function QuestionEditor(props: { question: Question; number: number; onChange(next: Question): void }) {
  const q = props.question;
  const id = `q-${q.id}`;
  const n = props.number;
  return (
    <div className="form wide">
      <label htmlFor={`${id}-prompt`}>
        Question {n} ({kindName[q.kind]})
      </label>
      {/* Sized to its text, so the whole prompt is always visible. */}
      <textarea
        id={`${id}-prompt`}
        className="prompt-field"
        rows={Math.max(2, Math.ceil(q.prompt.length / 60))}
        maxLength={300}
        value={q.prompt}
        onChange={(e) => props.onChange({ ...q, prompt: e.target.value })}
      />
      {q.confidence !== undefined ? (
        <p className="hint" data-testid="question-confidence">
          Confidence: {Math.round(q.confidence * 100)}%
          {q.difficulty ? ` · ${q.difficulty}` : ""}
          {q.topic ? ` · ${q.topic}` : ""}
        </p>
      ) : null}
      {q.kind === "choice" ? (
        <fieldset>
          <legend>Options of question {n} (choose the right one)</legend>
          {q.options.map((option, k) => (
            <div key={k} className="row">
              <input
                type="radio"
                name={`${id}-answer`}
                aria-label={`Option ${k + 1} is the right answer`}
                checked={q.answer === k}
                onChange={() => props.onChange({ ...q, answer: k })}
              />
              <input
                aria-label={`Option ${k + 1}`}
                value={option}
                maxLength={120}
                onChange={(e) => props.onChange({ ...q, options: q.options.map((o, j) => (j === k ? e.target.value : o)) })}
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      {q.kind === "truefalse" ? (
        <label className="choice">
          <input type="checkbox" checked={q.answer} onChange={(e) => props.onChange({ ...q, answer: e.target.checked })} /> The statement is true
        </label>
      ) : null}
      {q.kind === "number" ? (
        <div className="row">
          <label className="field">
            Answer
            <input type="number" step="any" value={q.answer} onChange={(e) => props.onChange({ ...q, answer: Number(e.target.value) })} />
          </label>
          <label className="field">
            Unit
            <input value={q.unit ?? ""} maxLength={30} onChange={(e) => props.onChange({ ...q, unit: e.target.value || undefined })} />
          </label>
          <label className="field">
            No points when this far off
            <input type="number" step="any" min={0} value={q.tolerance} onChange={(e) => props.onChange({ ...q, tolerance: Number(e.target.value) })} />
          </label>
        </div>
      ) : null}
      {q.kind === "order" ? (
        <fieldset>
          <legend>Items of question {n}, in the right order</legend>
          <ListEditor label="Item" values={q.items} onChange={(items) => props.onChange({ ...q, items })} />
        </fieldset>
      ) : null}
      {q.kind === "text" ? (
        <label className="field">
          Accepted answers (one per line; case, accents and a leading “the” never matter)
          <textarea rows={Math.max(2, q.accepted.length)} value={q.accepted.join("\n")} onChange={(e) => props.onChange({ ...q, accepted: e.target.value.split("\n") })} />
        </label>
      ) : null}
      <p className="hint">
        Source: {q.sources.map((s) => `paragraph ${s.paragraph}: “${s.fact}”`).join(" · ")}
      </p>
    </div>
  );
}
