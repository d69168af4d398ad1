import type { Logger } from "pino";
import type { RunningServer } from "./start-server";

/**
 * How a running server stops on SIGINT and SIGTERM, then exits: shared by
 * server/main.ts and the OS-process tests' server (tests/support/realtime-process.ts),
 * so what the tests signal is what production does.
 */
export function stopOnSignals(server: RunningServer, logger: Logger): void {
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
