"use client";

import { useState } from "react";
import type { AnswerInput, PublicRoundView } from "@/server/realtime/protocol";

/** Four distinct tiles, told apart by shape as well as colour (as in Kahoot). */
export const TILES = [
  { shape: "▲", className: "bg-[#e2634f] text-black" },
  { shape: "◆", className: "bg-[#4f9de2] text-black" },
  { shape: "●", className: "bg-[#e2b84f] text-black" },
  { shape: "■", className: "bg-[#5fc489] text-black" },
] as const;

const TILE = "m-0 flex min-h-16 w-full items-center gap-3 rounded-lg px-4 py-3 text-left text-lg font-bold lg:min-h-20 lg:text-xl";

function Tiles(props: { labels: string[]; onPick(index: number): void }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2" role="group" aria-label="Answers">
      {props.labels.map((label, i) => {
        const tile = TILES[i % TILES.length]!;
        return (
          <button key={label} type="button" className={`${TILE} ${tile.className}`} onClick={() => props.onPick(i)}>
            <span aria-hidden="true" className="text-2xl">
              {tile.shape}
            </span>
            <span className="min-w-0">{label}</span>
          </button>
        );
      })}
    </div>
  );
}

/** The controls for each kind of question; every one works from the keyboard. */
export function AnswerControls(props: { question: NonNullable<PublicRoundView["question"]>; onAnswer(answer: AnswerInput): void }) {
  const { question } = props;
  const [typed, setTyped] = useState("");
  const [order, setOrder] = useState<number[]>(() => (question.kind === "order" ? question.items.map((_, i) => i) : []));

  if (question.kind === "choice") return <Tiles labels={question.options} onPick={(option) => props.onAnswer({ kind: "choice", option })} />;
  if (question.kind === "truefalse") return <Tiles labels={["True", "False"]} onPick={(i) => props.onAnswer({ kind: "truefalse", value: i === 0 })} />;
  if (question.kind === "order") {
    const move = (from: number, to: number) =>
      setOrder((current) => {
        const next = [...current];
        const [item] = next.splice(from, 1);
        next.splice(to, 0, item!);
        return next;
      });
    return (
      <div className="grid gap-2">
        <ol className="m-0 grid list-none gap-2 p-0" aria-label="Your order, earliest first">
          {order.map((itemIndex, position) => (
            <li key={itemIndex} className="flex items-center gap-2 rounded-lg bg-raised px-3 py-2 text-lg">
              <span className="font-bold tabular-nums text-accent">{position + 1}.</span>
              <span className="min-w-0 flex-1">{question.items[itemIndex]}</span>
              <button type="button" className="small secondary m-0" disabled={position === 0} onClick={() => move(position, position - 1)} aria-label={`Move “${question.items[itemIndex]}” up`}>
                ↑
              </button>
              <button
                type="button"
                className="small secondary m-0"
                disabled={position === order.length - 1}
                onClick={() => move(position, position + 1)}
                aria-label={`Move “${question.items[itemIndex]}” down`}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="m-0 justify-self-start px-6 py-3 text-lg" onClick={() => props.onAnswer({ kind: "order", order })}>
          Lock in this order
        </button>
      </div>
    );
  }
  const isNumber = question.kind === "number";
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim() === "") return;
        props.onAnswer(isNumber ? { kind: "number", value: Number(typed) } : { kind: "text", text: typed });
      }}
    >
      <div className="grid min-w-0 flex-1 gap-1">
        <label htmlFor="trivia-typed">{isNumber ? `Your guess${question.unit ? ` (${question.unit})` : ""}` : "Your answer"}</label>
        <input id="trivia-typed" className="w-full text-xl" type={isNumber ? "number" : "text"} step="any" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
      <button type="submit" className="m-0 px-6 py-3 text-lg">
        Answer
      </button>
    </form>
  );
}
