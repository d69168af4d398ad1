/**
 * The multi-process tier needs a PostgreSQL server (TEST_DATABASE_URL) and
 * Redis (TEST_REDIS_URL); `.ci/run` sets both. Without them the suites are
 * skipped, and say so once, so a plain `npm test` shows what it did not run.
 */
export const clusterTier = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

if (!clusterTier) {
  process.stderr.write(
    "multi-process tier skipped: set TEST_DATABASE_URL (a PostgreSQL server) and TEST_REDIS_URL (Redis) to run it, as .ci/run does\n",
  );
}
