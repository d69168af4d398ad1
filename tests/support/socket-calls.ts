import type { AckResult, ClientEventName, ClientEvents, ClientPayload, ServerEvents } from "@/server/realtime/protocol";
import { roomClient } from "@/shared/room-client";
import type { TestClient } from "./test-app";

type Loose = { emitWithAck(event: string, ...args: unknown[]): Promise<AckResult<unknown>> };

/** A typed call (shared/room-client.ts): the payload and the result typed by the event, no casts in the test. */
export const call = <E extends ClientEventName>(client: TestClient, event: E, payload: ClientPayload<E>) => roomClient(client, 5000).call(event, payload);

/** Emits any event (also malformed ones, with any arguments: the fuzz and hardening tests) and waits for the acknowledgement. */
export const callRaw = (client: TestClient, event: keyof ClientEvents | string, ...args: unknown[]) =>
  (client.timeout(5000) as unknown as Loose).emitWithAck(event, ...args);

/** The next payload of a server event (the next one `where` accepts, when given: an earlier broadcast may still be on its way). */
export function next<E extends keyof ServerEvents>(
  client: TestClient,
  event: E,
  where?: (payload: Parameters<ServerEvents[E]>[0]) => boolean,
): Promise<Parameters<ServerEvents[E]>[0]> {
  const emitter = client as unknown as { on(e: string, f: (p: never) => void): void; off(e: string, f: (p: never) => void): void };
  return new Promise((resolve) => {
    const listener = (payload: Parameters<ServerEvents[E]>[0]) => {
      if (where && !where(payload)) return;
      emitter.off(event, listener);
      resolve(payload);
    };
    emitter.on(event, listener);
  });
}

/**
 * The next `presence:notice` telling of this person's arrival or departure, as
 * its entry (a window may carry others too: the listener's own arrival among them).
 */
export async function noticeOf(client: TestClient, userId: string, kind: "joined" | "left") {
  const frame = await next(client, "presence:notice", (p) => p.people.some((n) => n.userId === userId && n.kind === kind));
  return frame.people.find((n) => n.userId === userId && n.kind === kind)!;
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


/** A successful acknowledgement's data (typed by the event), or a failed test naming the error. */
export function dataOf<T>(result: AckResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Polls until `read` gives a value, and returns it (fails only after `ms`). */
export async function waitForValue<T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  let value: T | undefined;
  await waitFor(() => (value = read()) !== undefined, what, ms);
  return value!;
}
