import type { MomentBucket } from "../server/room/room";
import { isSpoilerFor, type ShowPoint } from "./spoiler";

/** How long (ms of the episode) a reaction stays on screen after its moment in a replay. */
export const BURST_MS = 3000;

/**
 * What a replay shows at `point`: the items of its episode sent at or before
 * the replay position. It is the spoiler shield's own rule with no memory, so
 * nothing ahead of the replay clock shows (not even blurred), and seeking back
 * takes away again what was sent after the new position.
 */
export function visibleAt<T extends ShowPoint>(items: readonly T[], point: ShowPoint): T[] {
  return items.filter((item) => item.episode === point.episode && !isSpoilerFor(item, point));
}

/** The reactions bursting at `point`: sent in its episode in the last `windowMs` before it (or right at it). */
export function burstingAt<T extends ShowPoint>(reactions: readonly T[], point: ShowPoint, windowMs = BURST_MS): T[] {
  return visibleAt(reactions, point).filter((r) => r.positionMs > point.positionMs - windowMs);
}

/** Messages and reactions per minute of one episode: the heat map's columns. */
export function momentsOf(points: readonly ShowPoint[], episode: number): MomentBucket[] {
  const counts = new Map<number, number>();
  for (const p of points) {
    if (p.episode !== episode) continue;
    const minute = Math.floor(p.positionMs / 60_000);
    counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([minute, count]) => ({ episode, minute, count }));
}
