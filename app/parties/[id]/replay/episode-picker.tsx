/** Which episode to watch back, with how much was said in each. */
export function EpisodePicker(props: { episodes: number[]; counts: ReadonlyMap<number, number>; value: number; onChange(episode: number): void }) {
  return (
    <div className="grid gap-1">
      <label htmlFor="replay-episode">Episode</label>
      <select id="replay-episode" value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} className="w-full max-w-xs">
        {props.episodes.map((episode) => {
          const count = props.counts.get(episode) ?? 0;
          return (
            <option key={episode} value={episode}>
              Episode {episode} · {count} {count === 1 ? "message" : "messages"}
            </option>
          );
        })}
      </select>
    </div>
  );
}
