import type { Metadata } from "next";
import { getAppContext } from "@/server/context";
import type { LeaderboardEntry } from "@/server/trivia/trivia";
import { viewPartyOr404 } from "../../../_components/party-view";
import { requireUserOrSignIn } from "../../../_components/require-user";
import { DeckBuilder } from "./deck-builder";

export const metadata: Metadata = { title: "Trivia" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TriviaPage(props: Props) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const user = await requireUserOrSignIn(`/parties/${id}/trivia${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`);
  const view = await viewPartyOr404(id, invite, user.id);
  const { trivia } = getAppContext();
  const [leaderboard, rounds, deck] = await Promise.all([
    trivia.partyLeaderboard(view.party.id),
    trivia.rounds(view.party.id),
    view.canManage ? trivia.findDeck(view.party.id) : Promise.resolve(null),
  ]);
  const csvUrl = `/api/parties/${view.party.id}/trivia/results.csv${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`;

  return (
    <>
      <h1>Trivia for “{view.party.title}”</h1>
      <p>
        <a href={`/parties/${view.party.id}/room${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`}>Back to the live room</a>
      </p>
      {view.canManage ? (
        <DeckBuilder partyId={view.party.id} initial={deck ? { title: deck.title, questions: deck.questions } : null} />
      ) : null}
      <section aria-labelledby="results-heading" className="card">
        <h2 id="results-heading">Results</h2>
        {rounds.length === 0 ? (
          <p className="hint">No rounds played yet.</p>
        ) : (
          <>
            <p>
              <a href={csvUrl} download>
                Download all results (CSV)
              </a>
            </p>
            <Board caption="The whole party" entries={leaderboard} />
            {rounds.map((round, i) => (
              <Board
                key={round.id}
                caption={`Round ${rounds.length - i} · ${round.questionCount} questions from ${round.deck === "ballard" ? "the Ballard article" : "the party's deck"}`}
                entries={round.leaderboard}
              />
            ))}
          </>
        )}
      </section>
    </>
  );
}

function Board(props: { caption: string; entries: LeaderboardEntry[] }) {
  return (
    <table className="results">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Player</th>
          <th scope="col">Points</th>
          <th scope="col">Right answers</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr key={e.userId}>
            <td>{e.rank}</td>
            <th scope="row">{e.name}</th>
            <td>{e.score}</td>
            <td>
              {e.correct} of {e.answered}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
