import { describe, expect, it } from "vitest";
import { isAppError } from "@/server/errors";
import { consumeLimits } from "@/server/rate-limit";
import { clientAddress } from "@/server/http/forwarded";
import { eventArguments } from "@/server/realtime/handler";
import { SOCKET_LIMITS, socketLimiters } from "@/server/socket-limits";

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

describe("the socket limits", () => {
  it("allows a burst of 5 messages per person, refuses the 6th with how long to wait, and keeps people apart", async () => {
    const { chat } = socketLimiters();
    const check = (key: string) => [{ limiter: chat, key, message: (s: number) => `wait ${s} s` }];
    for (let i = 0; i < SOCKET_LIMITS.chatPerPerson.points; i++) await consumeLimits(check("flooder"));
    const refused = await refusal(consumeLimits(check("flooder")));
    expect(isAppError(refused) && refused.code).toBe("RATE_LIMITED");
    const { retryAfterMs, message } = refused as { retryAfterMs: number; message: string };
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(message).toBe(`wait ${Math.ceil(retryAfterMs / 1000)} s`);
    await expect(consumeLimits(check("bystander"))).resolves.toBeUndefined();
  });

  it("counts open connections: 8 places per person, given back once each", async () => {
    const { connections } = socketLimiters();
    let socket = 0;
    const take = (userId: string) => connections.take(userId, `socket-${socket++}`);
    const places = [];
    for (let i = 0; i < SOCKET_LIMITS.connectionsPerPerson; i++) places.push(await take("ann"));
    expect(places.every(Boolean)).toBe(true);
    expect(await take("ann")).toBeNull();
    expect(await take("ann")).toBeNull();
    expect(await take("bob")).not.toBeNull();
    // Refusals took nothing; a place given back twice counts once.
    await places[0]!();
    await places[0]!();
    expect(await take("ann")).not.toBeNull();
    expect(await take("ann")).toBeNull();
  });
});

describe("clientAddress (the one reader of the client's address, for HTTP and sockets)", () => {
  const xff = (value: string | string[]) => ({ "x-forwarded-for": value });
  it("is the TCP peer unless proxies are trusted, IPv4-mapped addresses written as IPv4", () => {
    expect(clientAddress(xff("1.2.3.4"), "::ffff:10.0.0.7", 0)).toBe("10.0.0.7");
  });
  it("behind n proxies takes the entry n places from the end of X-Forwarded-For, never one the client wrote", () => {
    expect(clientAddress(xff("203.0.113.9"), "10.0.0.1", 1)).toBe("203.0.113.9");
    expect(clientAddress(xff("6.6.6.6, 203.0.113.9"), "10.0.0.1", 1)).toBe("203.0.113.9");
    expect(clientAddress(xff(["6.6.6.6, 203.0.113.9", "10.0.0.2"]), "10.0.0.1", 2)).toBe("203.0.113.9");
    expect(clientAddress(xff("203.0.113.9"), "10.0.0.1", 3)).toBe("203.0.113.9");
    expect(clientAddress({}, "10.0.0.1", 1)).toBe("10.0.0.1");
  });
});

describe("eventArguments", () => {
  const ack = () => undefined;
  it("takes a payload and a last-argument acknowledgement, or either alone", () => {
    expect(eventArguments([{ a: 1 }, ack])).toEqual({ payload: { a: 1 }, ack, malformed: false });
    expect(eventArguments([ack])).toEqual({ payload: undefined, ack, malformed: false });
    expect(eventArguments([{ a: 1 }])).toEqual({ payload: { a: 1 }, ack: undefined, malformed: false });
  });
  it("calls anything more malformed, keeping the acknowledgement to answer through", () => {
    expect(eventArguments([null, { a: 1 }, ack])).toEqual({ payload: null, ack, malformed: true });
    expect(eventArguments([{ a: 1 }, null, "extra", ack])).toMatchObject({ ack, malformed: true });
  });
});
