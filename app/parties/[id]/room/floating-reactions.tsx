/** Where each floating reaction rises: a fixed set of columns (classes, not inline styles: the CSP). */
const LANES = ["left-[6%]", "left-[18%]", "left-[30%]", "left-[42%]", "left-[54%]", "left-[66%]", "left-[78%]", "left-[88%]"] as const;

/**
 * Everyone's reactions, floating up over the clock or the stage for a moment
 * (only fading with reduced motion). Decorative: the counts are in the chat
 * and the heat map, and the live region below says who reacted.
 */
export function FloatingReactions(props: { reactions: Array<{ id: number; emoji: string; name: string | null }>; large?: boolean }) {
  const latest = props.reactions.at(-1);
  return (
    <>
      <div className="pointer-events-none absolute inset-0 overflow-hidden" aria-hidden="true" data-testid="floating-reactions">
        {props.reactions.map((r) => (
          <span key={r.id} className={`reaction-float absolute bottom-2 ${LANES[r.id % LANES.length]} ${props.large ? "text-6xl" : "text-4xl"}`} data-testid="floating-reaction">
            {r.emoji}
          </span>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {latest ? `${latest.name ?? "Someone"} reacted ${latest.emoji}` : ""}
      </p>
    </>
  );
}
