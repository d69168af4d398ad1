import { randomBytes } from "node:crypto";
import os from "node:os";

/** This process's name in logs, /metrics and a cluster's registry: host, pid and a random part (a restarted pid is a new process). */
export function newProcessId(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
