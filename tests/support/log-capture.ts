import { pino, type Logger } from "pino";

/** A line carries a stack trace when it has a `stack` key anywhere or a string with V8's "    at …" frames. */
function carriesStack(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === "string") return /\n\s+at\s/.test(value);
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([key, inner]) => key === "stack" || carriesStack(inner, depth + 1));
}

/** pino's numeric level of `error`. */
const ERROR_LEVEL = 50;

/**
 * A pino logger (level debug) writing to memory. Each line is checked as it is
 * written and only offending ones are kept (at level ≥ error, or with a stack
 * trace), so a long storm does not fill the heap with log lines.
 */
export function captureLogs() {
  let offending: string[] = [];
  let lines = 0;
  const logger: Logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        lines += 1;
        const entry = JSON.parse(line) as { level: number };
        if ((entry.level >= ERROR_LEVEL || carriesStack(entry)) && offending.length < 5) offending.push(line.slice(0, 1500));
      },
    },
  );
  return {
    logger,
    /** How many lines were written so far. */
    get lines() {
      return lines;
    },
    /** The offending lines since the last call (the first 5, cut to 1,500 characters), and forgets them. */
    takeOffending(): string[] {
      const taken = offending;
      offending = [];
      return taken;
    },
  };
}

export { carriesStack };
