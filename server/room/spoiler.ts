/** Where in the show something happened or someone is. */
export interface ShowPoint {
  episode: number;
  positionMs: number;
}

/** A message is a spoiler for a viewer who has not reached the point it was written at. */
export function isSpoilerFor(message: ShowPoint, viewer: ShowPoint): boolean {
  if (message.episode !== viewer.episode) return message.episode > viewer.episode;
  return message.positionMs > viewer.positionMs;
}
