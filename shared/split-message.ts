/**
 * A message too long to send as one, cut into parts of at most `max`
 * characters: at the last line break or space before the limit when there is
 * one in the part's second half, else at the limit. No character is dropped
 * but the whitespace a cut falls on. Pure (the room's page uses it).
 */
export function splitMessage(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    if (cut < max / 2) cut = max;
    // Never split a surrogate pair (an emoji) in two.
    if (cut === max && /[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
