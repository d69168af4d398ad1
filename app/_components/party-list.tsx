import Link from "next/link";
import type { Party } from "@/server/parties/party";
import { isLiveNow } from "@/server/parties/schedule";
import { LocalTime } from "./local-time";

function episodesText(p: Party): string {
  return p.episodePlan === "single" ? `Episode ${p.episodeFrom}` : `Episodes ${p.episodeFrom}–${p.episodeTo}${p.episodePlan === "weekly" ? ", weekly" : ""}`;
}

export function PartyList({ parties, empty, testId, now }: { parties: Party[]; empty: string; testId?: string; now: Date }) {
  if (parties.length === 0) return <p>{empty}</p>;
  return (
    <ul className="party-list" data-testid={testId}>
      {parties.map((p) => (
        <li key={p.id}>
          <Link href={`/parties/${p.id}`}>{p.title}</Link>
          {p.cancelledAt ? <span className="tag">cancelled</span> : isLiveNow(p, now) ? <span className="tag live" data-testid="live-now">live now</span> : null}
          <br />
          <span className="hint">
            {episodesText(p)} · <LocalTime iso={p.startsAt.toISOString()} /> · hosted by {p.hostName}
          </span>
        </li>
      ))}
    </ul>
  );
}
