import type { AckResult, ClientEvents, ServerEvents } from "@/server/realtime/protocol";
import type { TestClient } from "./test-app";

type Loose = { emitWithAck(event: string, ...args: unknown[]): Promise<AckResult<unknown>> };

/** Emits any event (also malformed ones, with any arguments) and waits for the acknowledgement. */
export const call = (client: TestClient, event: keyof ClientEvents | string, ...args: unknown[]) =>
  (client.timeout(5000) as unknown as Loose).emitWithAck(event, ...args);

/** The next payload of a server event. */
export function next<E extends keyof ServerEvents>(client: TestClient, event: E): Promise<Parameters<ServerEvents[E]>[0]> {
  return new Promise((resolve) => (client as unknown as { once(e: string, f: (p: unknown) => void): void }).once(event, resolve as never));
}

/** Every payload of a server event from now on. */
export function collect<E extends keyof ServerEvents>(client: TestClient, event: E): Array<Parameters<ServerEvents[E]>[0]> {
  const seen: Array<Parameters<ServerEvents[E]>[0]> = [];
  (client as unknown as { on(e: string, f: (p: unknown) => void): void }).on(event, (p) => seen.push(p as never));
  return seen;
}

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (not a timing assertion: it fails only after `ms`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}
