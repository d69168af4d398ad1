/**
 * fast-check generators of the values a hostile or broken client sends: the
 * building blocks of the socket and HTTP property suites.
 */
import fc from "fast-check";

/** The largest value of a PostgreSQL int4 column (Prisma's Int). */
export const INT4_MAX = 2 ** 31 - 1;

/** Names that mean something to JavaScript objects, used as values, ids and keys. */
const PROTOTYPE_WORDS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf"] as const;
export const prototypeWord = fc.constantFrom(...PROTOTYPE_WORDS);

/** Numbers at and past the edges: int4, safe integers, JSON's non-numbers (NaN and ±Infinity become null), -0. */
export const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, -0.5, 3, 10, 11, 30, 31, 120, 121, 60_000, 60_001, 21_600_000, 21_600_001),
  fc.constantFrom(INT4_MAX, INT4_MAX + 1, 2 ** 32, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, Number.MIN_VALUE),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer(),
  fc.double(),
);

/** Percent-escapes that do not decode: a lone %, a bad hex digit, a cut UTF-8 sequence, an overlong one. */
export const MALFORMED_ESCAPES = ["%", "%%", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF", "a%2", "%u0041", "%00"] as const;

/** A long run of one character: cheap to make, under Socket.IO's 64 KB message limit even in 4-byte UTF-8. */
export const hugeString = fc.integer({ min: 1_000, max: 12_000 }).chain((n) => fc.constantFrom("x", "é", "💥", "\u0000").map((c) => c.repeat(n)));

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 50 }) },
  { weight: 2, arbitrary: prototypeWord },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\u0000", "\uFFFD", "\uD800", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "a".repeat(41), "a".repeat(65), ...MALFORMED_ESCAPES) },
  { weight: 1, arbitrary: hugeString },
);

/** Arrays or objects nested hundreds deep. */
export const deepNesting = fc.tuple(fc.integer({ min: 20, max: 400 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** Objects whose own keys are `__proto__`, `constructor` and the like (built by JSON.parse, as a server receives them). */
export const prototypeKeyed = fc
  .tuple(prototypeWord, fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) => JSON.parse(`{"${key}": ${JSON.stringify(value)}, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}`) as unknown);

/** Anything at all that survives JSON, and `undefined`. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: edgeNumber },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: prototypeKeyed },
  { weight: 1, arbitrary: fc.array(fc.oneof(edgeNumber, hostileString), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/**
 * One field of a payload: usually a plausible value (so the handler gets past
 * the first checks), sometimes anything at all, sometimes a plausible string
 * with a NUL in it (text columns refuse U+0000).
 */
const field = (plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: plausible.map(withNul) });

const withNul = (value: unknown): unknown => (typeof value === "string" ? `${value}\u0000` : value);

/** A valid payload with one field taken away, replaced by anything, or given a NUL. */
function oneFieldOff(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...Object.keys(valid)), fc.oneof(hostileValue, fc.constant("NUL"), fc.constant("missing")))
    .map(([key, change]) => {
      const { [key]: original, ...rest } = valid;
      if (change === "missing") return rest;
      return { ...rest, [key]: change === "NUL" ? withNul(original) : change };
    });
}

/**
 * An object payload: a valid one with one field off; or one built from fields
 * that may each be missing, plus now and then keys the schema does not know
 * (prototype-ish ones included); or not an object at all.
 */
export function hostileObject(fields: Record<string, fc.Arbitrary<unknown>>, valid?: Record<string, unknown>): fc.Arbitrary<unknown> {
  const wrapped = Object.fromEntries(Object.entries(fields).map(([key, plausible]) => [key, field(plausible)]));
  const base = fc.record(wrapped, { requiredKeys: [] });
  const shapes: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 4, arbitrary: base },
    { weight: 1, arbitrary: fc.tuple(base, prototypeKeyed).map(([object, extra]) => Object.assign(JSON.parse(JSON.stringify(extra ?? {})) as object, object)) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.array(fc.oneof(base, hostileValue), { maxLength: 3 }) },
  ];
  if (valid) shapes.unshift({ weight: 4, arbitrary: oneFieldOff(valid) });
  return fc.oneof(...shapes);
}

/** Whether a value, as JSON, fits in one Socket.IO message (64 KB, with room for the event name and framing). */
export const fitsInOneMessage = (value: unknown): boolean => Buffer.byteLength(JSON.stringify(value) ?? "") < 60_000;
