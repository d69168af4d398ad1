"use client";

import { useState, type FormEvent } from "react";
import type { GenerateResponse } from "@/server/trivia/generate-questions.types";
import type { Question } from "@/server/trivia/question";
import { sendJson } from "../../../_components/send-json";
import { ErrorAlert } from "../../../_components/error-alert";

type Deck = { title: string; questions: Question[] };

/** Paste an article, review the proposed questions (edit, delete), save them as the party's deck. */
export function DeckBuilder(props: { partyId: string; initial: Deck | null }) {
  const [title, setTitle] = useState(props.initial?.title ?? "");
  const [text, setText] = useState("");
  const [questions, setQuestions] = useState<Question[]>(props.initial?.questions ?? []);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    setStatus(`${result.data.questions.length} questions proposed from ${result.data.paragraphs} paragraphs. Review them, then save.`);
  }

  async function save() {
    setBusy(true);
    const result = await sendJson<{ deck: Deck }>(`/api/parties/${props.partyId}/trivia/deck`, "PUT", { title: title || "Party deck", questions });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setStatus(`Saved “${result.data.deck.title}” with ${result.data.deck.questions.length} questions. Choose “This party's own deck” when you start a round.`);
  }

  const update = (index: number, next: Question) => setQuestions((qs) => qs.map((q, i) => (i === index ? next : q)));

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
      {questions.length > 0 ? (
        <>
          <h3>Review ({questions.length})</h3>
          <ol className="party-list">
            {questions.map((q, i) => (
              <li key={q.id} className="question-editor" data-testid="draft-question">
                <QuestionEditor question={q} onChange={(next) => update(i, next)} />
                <button type="button" className="small danger" onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))} aria-label={`Delete question ${i + 1}`}>
                  Delete
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={save} disabled={busy}>
            Save the deck
          </button>
        </>
      ) : null}
    </section>
  );
}

function QuestionEditor(props: { question: Question; onChange(next: Question): void }) {
  const q = props.question;
  const id = `q-${q.id}`;
  return (
    <div className="form wide">
      <label htmlFor={`${id}-prompt`}>Question ({kindName[q.kind]})</label>
      <textarea id={`${id}-prompt`} rows={2} value={q.prompt} onChange={(e) => props.onChange({ ...q, prompt: e.target.value })} />
      {q.kind === "choice" ? (
        <fieldset>
          <legend>Options (choose the right one)</legend>
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
            No points when this far off
            <input type="number" step="any" min={0} value={q.tolerance} onChange={(e) => props.onChange({ ...q, tolerance: Number(e.target.value) })} />
          </label>
        </div>
      ) : null}
      {q.kind === "text" ? (
        <label className="field">
          Accepted answers (comma-separated)
          <input value={q.accepted.join(", ")} onChange={(e) => props.onChange({ ...q, accepted: e.target.value.split(",").map((a) => a.trim()) })} />
        </label>
      ) : null}
      <p className="hint">
        Source: {q.sources.map((s) => `paragraph ${s.paragraph}: “${s.fact}”`).join(" · ")}
      </p>
    </div>
  );
}

const kindName: Record<Question["kind"], string> = {
  choice: "multiple choice",
  truefalse: "true or false",
  number: "number",
  order: "order",
  text: "type the answer",
};
