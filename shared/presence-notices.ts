/** A person's first connection arrived in a room, or their last one left (`presence:notice`). */
export interface PresenceNotice {
  userId: string;
  name: string;
  kind: "joined" | "left";
}

/** Names as a reader says them: "Ana", "Ana and Ben", "Ana, Ben and Carl", "Ana, Ben and 3 others". */
function namesText(names: readonly string[]): string {
  if (names.length <= 3) return new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(names).replace(", and ", " and ");
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} others`;
}

/**
 * Pure: the toasts one notice window makes, at most one for arrivals and one
 * for departures (a room filling at the start says "Ana, Ben and 17 others
 * joined." once). The viewer is never told of their own arrival.
 */
export function presenceNoticeTexts(people: readonly PresenceNotice[], youUserId: string | undefined): string[] {
  const others = people.filter((p) => p.userId !== youUserId);
  const texts: string[] = [];
  for (const kind of ["joined", "left"] as const) {
    const names = others.filter((p) => p.kind === kind).map((p) => p.name);
    if (names.length > 0) texts.push(`${namesText(names)} ${kind}.`);
  }
  return texts;
}
