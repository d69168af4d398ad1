"use client";

import { useLayoutEffect, useRef } from "react";
import type { PlayerView, PublicRoundView } from "@/server/realtime/protocol";

type Entry = PublicRoundView["leaderboard"][number];

const MEDALS = ["🥇", "🥈", "🥉"] as const;
/** Podium steps, drawn second–first–third. */
const STEPS = [
  { place: 2, height: "h-20" },
  { place: 1, height: "h-28" },
  { place: 3, height: "h-14" },
] as const;

/**
 * Rows start where they stood on the previous leaderboard and slide to their
 * new place (a FLIP animation); nothing moves for people who ask for less motion.
 */
function useRankSlide(list: React.RefObject<HTMLOListElement | null>, orderKey: string, previousKey: string) {
  useLayoutEffect(() => {
    const order = orderKey.split(" ");
    const previous = previousKey.split(" ");
    const el = list.current;
    if (!el || window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    const rows = [...el.querySelectorAll<HTMLElement>("li[data-user]")];
    for (const row of rows) {
      const from = previous.indexOf(row.dataset.user!);
      const to = order.indexOf(row.dataset.user!);
      if (from < 0 || from === to) continue;
      row.style.transition = "none";
      row.style.transform = `translateY(${(from - to) * row.offsetHeight}px)`;
    }
    void el.offsetHeight;
    for (const row of rows) {
      row.style.transition = "transform 700ms cubic-bezier(0.2, 0.8, 0.2, 1)";
      row.style.transform = "";
    }
  }, [list, orderKey, previousKey]);
}

function Movement(props: { from: number; to: number }) {
  if (props.from < 0 || props.from === props.to) return null;
  const up = props.from > props.to;
  return (
    <span className={`text-sm ${up ? "text-right" : "text-danger"}`}>
      {up ? "▲" : "▼"} {Math.abs(props.from - props.to)}
      <span className="visually-hidden">{up ? " up" : " down"}</span>
    </span>
  );
}

export function Leaderboard(props: { round: PublicRoundView; you: PlayerView | null; userId: string; previous: string[] }) {
  const { round, you } = props;
  const final = round.phase === "podium";
  const list = useRef<HTMLOListElement | null>(null);
  const order = round.leaderboard.map((e) => e.userId);
  // Keys, not arrays: the room redraws every second and the rows must slide once.
  useRankSlide(list, order.join(" "), props.previous.join(" "));
  // The steps hold the first three in order (a tie shares its rank's medal).
  const byPlace = (place: number): Entry | undefined => round.leaderboard[place - 1];

  return (
    <div className="grid gap-3" data-testid={final ? "trivia-podium" : "trivia-leaderboard"}>
      <h3 className="m-0 text-xl">{final ? "Podium" : "Leaderboard"}</h3>
      {final ? (
        <div className="grid grid-cols-3 items-end gap-2" aria-hidden="true">
          {STEPS.map(({ place, height }) => {
            const entry = byPlace(place);
            return (
              <div key={place} className="grid min-w-0 justify-items-center gap-1 text-center">
                <span className="text-3xl">{entry ? MEDALS[Math.min(entry.rank, 3) - 1] : ""}</span>
                <span className="w-full truncate font-bold">{entry?.name ?? "—"}</span>
                <span className="text-sm text-muted tabular-nums">{entry ? `${entry.score} pts` : ""}</span>
                <div className={`w-full rounded-t-md bg-raised ${height} flex items-start justify-center pt-1 text-2xl font-bold text-accent`}>{place}</div>
              </div>
            );
          })}
        </div>
      ) : null}
      <ol ref={list} className="m-0 grid list-none gap-1 p-0">
        {round.leaderboard.map((entry, index) => (
          <li
            key={entry.userId}
            data-user={entry.userId}
            className={`flex items-center gap-3 rounded-md px-3 py-1.5 ${entry.userId === props.userId ? "bg-raised font-bold" : "bg-well"}`}
          >
            <span className="min-w-10 tabular-nums">{final && entry.rank <= 3 ? MEDALS[entry.rank - 1] : `#${entry.rank}`}</span>
            <span className="min-w-0 flex-1">{entry.name}</span>
            <Movement from={props.previous.indexOf(entry.userId)} to={index} />
            <span className="tabular-nums">{entry.score} points</span>
          </li>
        ))}
      </ol>
      {you?.rank ? (
        <p className="hint" data-testid="trivia-my-rank">
          You: #{you.rank} of {round.players}, {you.score} points{you.streak > 1 ? `, a streak of ${you.streak}` : ""}.
        </p>
      ) : null}
    </div>
  );
}
