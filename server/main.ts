import { EnvError, loadEnv } from "./env";
import { createLogger } from "./logger";
import { startServer } from "./start-server";

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

  const server = await startServer({ env, logger, dev });
  let stopping = false;
  // SIGTERM (an orchestrator, a rolling restart) drains first: connections move to other processes.
  // Ctrl-C stops at once.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    (signal === "SIGTERM" ? server.drain() : Promise.resolve()).then(() => server.close()).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`The server could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
