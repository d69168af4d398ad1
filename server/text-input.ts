import { z } from "zod";

/** Line breaks of every kind: CR LF, CR, LF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
const LINE_BREAK = /\r\n?|[\n\v\f\u0085\u2028\u2029]/g;
/**
 * What typed text has no use for and what lets text pretend to be something
 * else: the C0 and C1 control characters and DEL (a CR or LF breaks out of a
 * calendar line, NUL is refused by PostgreSQL) and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
 * reorder what a reader sees. The left-to-right and right-to-left marks stay:
 * right-to-left text needs them and they reorder nothing around them. Lone
 * surrogates (Cs: JSON can carry them) go too, so what is stored is valid UTF-8.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/gu;
/** The same, but for LF and tab. */
const UNSAFE_BUT_LF_AND_TAB = /[^\P{Cc}\n\t]|[\p{Cs}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text from a client without the characters above. One-line text (titles,
 * names) gets a space for each line break or tab; multi-line text
 * (descriptions) keeps its line breaks as LF and its tabs.
 */
export function plainText(value: string, options: { multiline: boolean }): string {
  if (options.multiline) return value.replace(LINE_BREAK, "\n").replace(UNSAFE_BUT_LF_AND_TAB, "");
  return value.replace(LINE_BREAK, " ").replace(/\t/g, " ").replace(UNSAFE, "");
}

/**
 * The zod schema of every free-text field of a request body: the text through
 * `plainText`, then trimmed. Chain `.min()` and `.max()` as with `z.string()`
 * (they count what is left).
 */
export function textInput(options: { multiline?: boolean; message?: string } = {}) {
  const multiline = options.multiline ?? false;
  return z
    .string(options.message === undefined ? undefined : { message: options.message })
    .overwrite((value) => plainText(value, { multiline }))
    .trim();
}
