import fc from "fast-check";

/** Every run checks the same cases first (a regression is seen at once), then new ones. */
export const FIXED_SEED = 20_261_201;
/** Set FUZZ_SEED to replay a random run that failed; otherwise a new seed each time. */
export const RANDOM_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Prints the seeds, so a failure in CI can be replayed with `FUZZ_SEED=<seed> npx vitest run <file>`. */
export function announceSeeds(suite: string): void {
  console.info(`${suite}: fast-check seeds ${FIXED_SEED} (fixed) and ${RANDOM_SEED} (random); replay with FUZZ_SEED=${RANDOM_SEED}`);
}

/**
 * Checks a property with `runs` cases in all: half from the fixed seed, half
 * from the random one. fast-check's failure message names the seed and the
 * shrunk counterexample's path.
 */
export async function checkWithBothSeeds<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncPropertyWithHooks<Ts>,
  runs: number,
  options: Omit<fc.Parameters<Ts>, "seed" | "numRuns"> = {},
): Promise<void> {
  for (const seed of [FIXED_SEED, RANDOM_SEED]) {
    await fc.assert(property, { ...options, seed, numRuns: Math.ceil(runs / 2) });
  }
}
