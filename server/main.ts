import { DatabaseInUseError } from "./db/serving-lock";
import { EnvError, loadEnv } from "./env";
import { createLogger } from "./logger";
import { startServer } from "./start-server";
import { stopOnSignals } from "./stop-on-signals";

const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n\nThe server did not start. See "Configuration" in README.md.\n`);
    process.exit(1);
  }
  const logger = createLogger(env.logLevel);
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));

  stopOnSignals(await startServer({ env, logger, dev }), logger);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseInUseError) {
    process.stderr.write(`${error.message}\n\nThe server did not start.\n`);
    process.exit(1);
  }
  process.stderr.write(`The server could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
