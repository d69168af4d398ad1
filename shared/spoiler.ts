/** Where in the show something happened or someone is. */
export interface ShowPoint {
  episode: number;
  positionMs: number;
}

/** The furthest position (ms) a viewer has reached in each episode: the shield's memory. */
export type SpoilerMemory = Readonly<Record<number, number>>;

/** The memory after the viewer was seen at `point` (the same object when nothing moved forward). */
export function rememberPoint(memory: SpoilerMemory, point: ShowPoint): SpoilerMemory {
  const known = memory[point.episode];
  if (known !== undefined && known >= point.positionMs) return memory;
  return { ...memory, [point.episode]: point.positionMs };
}

/**
 * A message is a spoiler for a viewer while it is ahead of the furthest point
 * they have reached in its episode. Earlier episodes than the current one count
 * as seen; a rewind or an episode change never hides again what they saw.
 */
export function isSpoilerFor(message: ShowPoint, viewer: ShowPoint, memory: SpoilerMemory = {}): boolean {
  if (message.episode < viewer.episode) return false;
  const here = message.episode === viewer.episode ? viewer.positionMs : Number.NEGATIVE_INFINITY;
  const furthest = Math.max(here, memory[message.episode] ?? Number.NEGATIVE_INFINITY);
  return message.positionMs > furthest;
}
