import type { ReplayReaction } from "@/server/room/replay-party.types";

/** The reactions sent in the last few seconds before the replay position, bursting over the clock. */
export function ReactionBursts(props: { reactions: ReplayReaction[] }) {
  const counts = new Map<string, number>();
  for (const r of props.reactions) counts.set(r.emoji, (counts.get(r.emoji) ?? 0) + 1);
  const summary = [...counts].map(([emoji, count]) => `${count} ${emoji}`).join(", ");
  return (
    <div className="min-h-10" data-testid="reaction-bursts">
      <p className="m-0 flex flex-wrap gap-1 text-3xl" aria-hidden="true">
        {props.reactions.map((r) => (
          <span key={r.id} className="motion-safe:animate-bounce">
            {r.emoji}
          </span>
        ))}
      </p>
      <p className="visually-hidden" role="status">
        {summary ? `Reactions now: ${summary}` : ""}
      </p>
    </div>
  );
}
