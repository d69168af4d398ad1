import { readFileSync } from "node:fs";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as draft } from "@/app/api/parties/[id]/trivia/draft/route";
import { DRAFT_RATE } from "@/server/trivia/draft-deck";
import { createGeneratorPool } from "@/server/trivia/draft-deck-pool";
import { longestArticle } from "../support/long-article";
import { connected, startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const longRead = JSON.stringify({ title: "Long read", text: longestArticle() });
/** For what does not depend on the article's length: quicker on a busy machine. */
const shortRead = JSON.stringify({ text: readFileSync(path.join(import.meta.dirname, "..", "fixtures", "harbor-lights-festival.txt"), "utf8") });

/** Posts an article (the longest by default) as this person to their party's draft route. */
const post = (partyId: string, cookie: string, body = longRead) =>
  draft(
    new Request(`http://localhost/api/parties/${partyId}/trivia/draft`, { method: "POST", headers: { "content-type": "application/json", cookie }, body }),
    { params: Promise.resolve({ id: partyId }) },
  );

async function hostWithParty(app: TestApp, name: string): Promise<{ cookie: string; partyId: string }> {
  const cookie = await app.signInAsMember(name);
  const partyId = (await app.newParty((await app.context.getSessionUser(cookie))!.id)).id;
  return { cookie, partyId };
}

const problem = async (response: Response) => ({
  status: response.status,
  retryAfter: response.headers.get("retry-after"),
  ...((await response.json()) as { error: { code: string; message: string } }).error,
});

describe.each(testDatabaseKinds())("drafting questions under load on the %s database", (kind) => {
  describe("with the production pool and limit", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ kind });
    });
    afterAll(() => app.close());

    it(`answers ${DRAFT_RATE.points} drafts a minute per person, then 429 with Retry-After; others are not held back`, async () => {
      const host = await hostWithParty(app, "Eager host");
      for (let i = 0; i < DRAFT_RATE.points; i++) expect((await post(host.partyId, host.cookie, shortRead)).status).toBe(200);
      const limited = await problem(await post(host.partyId, host.cookie, shortRead));
      expect(limited).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      expect(limited.message).toMatch(new RegExp(`proposed ${DRAFT_RATE.points} times every ${DRAFT_RATE.durationSeconds} seconds.*try again in \\d+ s`));
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(DRAFT_RATE.durationSeconds);

      const other = await hostWithParty(app, "Patient host");
      expect((await post(other.partyId, other.cookie, shortRead)).status).toBe(200);
    });

    it("answers another viewer's clock:sync while an article is being turned into questions", async () => {
      const host = await hostWithParty(app, "Article host");
      const viewer = app.connect(await app.signInAsGuest("Viewer"));
      await connected(viewer);

      // The real pool, with a signal of when the article reaches it.
      const pool = app.context.drafting.generator;
      let reached!: () => void;
      const generating = new Promise<void>((resolve) => (reached = resolve));
      app.context.drafting.generator = { generate: (input) => (reached(), pool.generate(input)), close: () => pool.close() };
      try {
        const order: string[] = [];
        const drafted = post(host.partyId, host.cookie).then((response) => {
          order.push("draft");
          return response;
        });
        await generating;
        const synced = viewer.emitWithAck("clock:sync", { clientSentAt: Date.now() }).then((ack) => {
          order.push("clock:sync");
          return ack;
        });
        const [response, ack] = await Promise.all([drafted, synced]);
        expect(response.status).toBe(200);
        expect(ack.ok).toBe(true);
        // Generated on the event loop, the draft would answer first: the sync would wait behind it.
        expect(order).toEqual(["clock:sync", "draft"]);
      } finally {
        app.context.drafting.generator = pool;
      }
    });
  });

  describe("with a pool of one thread and a queue of one", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        kind,
        drafting: { pool: { threads: 1, maxQueue: 1, timeoutMs: 60_000, warm: false }, limiter: new RateLimiterMemory({ points: 1, duration: 600 }) },
      });
    });
    afterAll(() => app.close());

    it("answers a burst beyond the queue with 503 BUSY and Retry-After, and the rest with questions", async () => {
      const hosts = await Promise.all(["A", "B", "C", "D", "E", "F"].map((n) => hostWithParty(app, `Host ${n}`)));
      const responses = await Promise.all(hosts.map((h) => post(h.partyId, h.cookie)));
      const busy = await Promise.all(responses.filter((r) => r.status === 503).map(problem));
      const answered = responses.filter((r) => r.status === 200);
      // One thread works on one article and one waits: every other one is turned away at once.
      expect(answered.length).toBe(2);
      expect(busy.length).toBe(4);
      for (const refusal of busy) {
        expect(refusal).toMatchObject({ code: "BUSY", message: expect.stringMatching(/Many articles are being turned into questions right now\. Try again in \d+ s\./) });
        expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      for (const response of answered) expect(((await response.json()) as { questions: unknown[] }).questions.length).toBeGreaterThan(10);

      // Each person may draft once here, but a refusal for a full pool did not count: trying again is answered.
      const refused = hosts[responses.findIndex((r) => r.status === 503)]!;
      expect((await post(refused.partyId, refused.cookie)).status).toBe(200);
      const served = hosts[responses.findIndex((r) => r.status === 200)]!;
      expect((await post(served.partyId, served.cookie)).status).toBe(429);
    });
  });
});

describe("the question generator's pool", () => {
  it("cancels an article that runs past the timeout and answers BUSY with Retry-After", async () => {
    // 1 ms is far less than the longest article takes (the thread loads the generator before the timeout starts).
    const pool = createGeneratorPool({ threads: 1, maxQueue: 1, timeoutMs: 1, warm: false });
    try {
      await expect(pool.generate({ text: longestArticle() })).rejects.toMatchObject({
        code: "BUSY",
        message: "Proposing questions from this article took too long. Try again in a minute, or paste a shorter article.",
        retryAfterMs: 60_000,
      });
    } finally {
      await pool.close();
    }
  });
});
