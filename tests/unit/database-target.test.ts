import { describe, expect, it } from "vitest";
import { databaseTargetFromEnv, databaseTargetFromUrl, databaseUrl } from "@/server/db/database-target";

describe("database targets", () => {
  it("round-trips the embedded database through the URL Prisma's CLI hands the bridge", () => {
    const target = { kind: "embedded" as const, dir: "/srv/party data/pglite" };
    expect(databaseUrl(target)).toBe("pglite:///srv/party%20data/pglite");
    expect(databaseTargetFromUrl(databaseUrl(target))).toEqual(target);
  });

  it("takes DATABASE_URL over the data directory", () => {
    expect(databaseTargetFromEnv({ DATABASE_URL: "postgresql://h/db", DATA_DIR: "/d" })).toEqual({ kind: "postgres", url: "postgresql://h/db" });
    expect(databaseTargetFromEnv({ DATA_DIR: "/d" })).toEqual({ kind: "embedded", dir: "/d/pglite" });
  });

  it("refuses other databases clearly", () => {
    expect(() => databaseTargetFromUrl("mysql://h/db")).toThrow(/Unsupported database URL "mysql:…"/);
  });
});
