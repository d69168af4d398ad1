/** How many avatar colours the stylesheet has (`.avatar-0` … `.avatar-9`): classes, since the CSP allows no inline styles. */
export const AVATAR_COLOURS = 10;

/** "Renée Ballard" → "RB", "harry" → "H", "🦊 Fox" → "F". */
export function initials(name: string): string {
  const words = name.normalize("NFC").match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  return letters.map((w) => [...w][0]!.toLocaleUpperCase()).join("") || "?";
}

/** The same colour for the same name, everywhere and for everyone (a small string hash). */
export function avatarColour(name: string): number {
  let hash = 0;
  for (const char of name.trim().toLowerCase()) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return hash % AVATAR_COLOURS;
}

/** A person's initials on a colour derived from their name; the name itself is next to it, so this is decoration. */
export function Avatar(props: { name: string; size?: "sm" | "md" }) {
  return (
    <span className={`avatar avatar-${avatarColour(props.name)}${props.size === "sm" ? " avatar-sm" : ""}`} aria-hidden="true" data-testid="avatar">
      {initials(props.name)}
    </span>
  );
}
