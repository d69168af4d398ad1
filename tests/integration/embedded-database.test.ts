import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/server/db/client";
import { startEmbeddedDatabase } from "@/server/db/embedded-database";
import { Prisma } from "@/server/db/generated/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The embedded database lives on a worker thread: what crosses the thread
// boundary must behave as PGlite in-process did.
describe("the embedded database on its thread", () => {
  let testDb: TestDatabase;
  afterEach(() => testDb.destroy());

  it("keeps PostgreSQL's error codes: a unique violation is Prisma's P2002", async () => {
    testDb = await createTestDatabase("embedded");
    const db = await testDb.open();
    await db.prisma.user.create({ data: { name: "A", email: "a@example.com" } });
    const second = db.prisma.user.create({ data: { name: "B", email: "a@example.com" } });
    await expect(second).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(second).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps an interactive transaction apart: a query from outside waits for it, and a rollback leaves nothing", async () => {
    testDb = await createTestDatabase("embedded");
    const db = await testDb.open();
    let outside: Promise<number> | undefined;
    const failed = db.prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { name: "Inside", email: "inside@example.com" } });
      outside = db.prisma.user.count();
      // The outside query has reached the thread and waits there behind this transaction.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await tx.user.count()).toBe(1);
      throw new Error("undo");
    });
    await expect(failed).rejects.toThrow("undo");
    expect(await outside).toBe(0);
  });

  it("finishes the writes already sent before it closes, so a restart finds them", async () => {
    testDb = await createTestDatabase("embedded");
    if (testDb.target.kind !== "embedded") throw new Error("embedded only");
    const embedded = await startEmbeddedDatabase({ dir: testDb.target.dir, migrate: true });
    const adapter = await embedded.adapter.connect();
    const text = { scalarType: "string", arity: "scalar" } as const;
    const insert = (i: number) => adapter.executeRaw({ sql: `INSERT INTO "User" ("id", "name") VALUES ($1, $2)`, args: [`u${i}`, `User ${i}`], argTypes: [text, text] });
    const writes = Array.from({ length: 20 }, (_, i) => insert(i));
    await embedded.close();
    expect(await Promise.all(writes)).toEqual(Array(20).fill(1));
    await expect(insert(20)).rejects.toThrow(/closed/);
    const reopened = await testDb.open();
    expect(await reopened.prisma.user.count()).toBe(20);
  });

  it("refuses every waiting and later call when the thread dies, and reports it once", async () => {
    testDb = await createTestDatabase("embedded");
    if (testDb.target.kind !== "embedded") throw new Error("embedded only");
    const onFailure = vi.fn();
    const embedded = await startEmbeddedDatabase({ dir: testDb.target.dir, migrate: false, onFailure });
    const adapter = await embedded.adapter.connect();
    const query = { sql: "SELECT pg_sleep(0.2)", args: [], argTypes: [] };
    const waiting = adapter.queryRaw(query);
    await embedded.thread.terminate();
    await expect(waiting).rejects.toThrow(/thread stopped/);
    await expect(adapter.queryRaw(query)).rejects.toThrow(/thread stopped/);
    expect(onFailure).toHaveBeenCalledTimes(1);
    await embedded.close();
  });

  it("fails to open, rather than hanging, when the folder cannot be a database", async () => {
    testDb = await createTestDatabase("embedded");
    if (testDb.target.kind !== "embedded") throw new Error("embedded only");
    const file = path.join(path.dirname(testDb.target.dir), "not-a-folder");
    await writeFile(file, "x");
    await expect(openDatabase({ target: { kind: "embedded", dir: file } })).rejects.toThrow();
  });
});
