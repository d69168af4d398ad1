import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "@/server/env";

const SECRET = "a".repeat(20) + "b".repeat(20);

describe("loadEnv", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "bwp-env-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("defaults to port 3000 and the embedded database in the data directory", () => {
    const env = loadEnv({ DATA_DIR: dataDir });
    expect(env.port).toBe(3000);
    expect(env.database).toEqual({ kind: "embedded", dir: path.join(dataDir, "pglite") });
    expect(env.oauth).toEqual({ github: undefined, google: undefined });
  });

  it("generates an auth secret outside production, keeps it in the data directory and reuses it", async () => {
    const first = loadEnv({ DATA_DIR: dataDir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect((await readFile(path.join(dataDir, "auth-secret"), "utf8")).trim()).toBe(first.authSecret);
    expect(loadEnv({ DATA_DIR: dataDir }).authSecret).toBe(first.authSecret);
  });

  it("refuses to start in production without AUTH_SECRET", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DATA_DIR: dataDir })).toThrow("AUTH_SECRET is required in production");
  });

  it("uses a given secret and a PostgreSQL URL", () => {
    const env = loadEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, DATABASE_URL: "postgres://u@db:5432/party" });
    expect(env.authSecret).toBe(SECRET);
    expect(env.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/party" });
  });

  it("runs several processes on Redis only with a shared database and an explicit secret", () => {
    expect(loadEnv({ DATA_DIR: dataDir }).redis).toBeUndefined();
    const env = loadEnv({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://u@db:5432/party", AUTH_SECRET: SECRET });
    expect(env.redis).toEqual({ url: "redis://127.0.0.1:6379", keyPrefix: "bwp:" });
    let error: unknown;
    try {
      loadEnv({ DATA_DIR: dataDir, REDIS_URL: "redis://127.0.0.1:6379" });
    } catch (e) {
      error = e;
    }
    expect((error as EnvError).problems).toEqual([
      "DATABASE_URL is required with REDIS_URL: several processes cannot share the embedded database",
      "AUTH_SECRET is required with REDIS_URL: every process must sign sessions with the same secret",
    ]);
    expect(() => loadEnv({ DATA_DIR: dataDir, REDIS_URL: "http://x" })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadEnv({ DATA_DIR: dataDir, REDIS_KEY_PREFIX: "has space" })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it("takes a metrics token of at least 24 printable characters and a drain notice in milliseconds", () => {
    const defaults = loadEnv({ DATA_DIR: dataDir });
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.drainNoticeMs).toBe(0);
    const env = loadEnv({ DATA_DIR: dataDir, METRICS_TOKEN: "t".repeat(24), DRAIN_NOTICE_MS: "1500" });
    expect(env.metricsToken).toBe("t".repeat(24));
    expect(env.drainNoticeMs).toBe(1500);
    expect(() => loadEnv({ DATA_DIR: dataDir, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be 24 to 200 printable characters/);
    expect(() => loadEnv({ DATA_DIR: dataDir, METRICS_TOKEN: `${"t".repeat(24)} x` })).toThrow(/METRICS_TOKEN/);
    expect(() => loadEnv({ DATA_DIR: dataDir, DRAIN_NOTICE_MS: "-1" })).toThrow(/DRAIN_NOTICE_MS must be from 0 to 60000/);
  });

  it("reads the allowed origins and the trusted proxies, and refuses what is not an origin", () => {
    const env = loadEnv({ DATA_DIR: dataDir, ALLOWED_ORIGINS: " https://a.example, http://b.example:8080 ", TRUST_PROXY: "1" });
    expect(env.allowedOrigins).toEqual(["https://a.example", "http://b.example:8080"]);
    expect(env.trustProxyHops).toBe(1);
    expect(loadEnv({ DATA_DIR: dataDir })).toMatchObject({ allowedOrigins: [], trustProxyHops: 0 });
    expect(() => loadEnv({ DATA_DIR: dataDir, ALLOWED_ORIGINS: "https://a.example/path" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadEnv({ DATA_DIR: dataDir, ALLOWED_ORIGINS: "a.example" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadEnv({ DATA_DIR: dataDir, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY must be the number of proxies/);
  });

  it("names every problem at once", () => {
    let error: unknown;
    try {
      loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", AUTH_SECRET: "short", AUTH_GITHUB_ID: "id-only", DATA_DIR: dataDir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).problems).toEqual([
      "PORT must be a whole number",
      "DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)",
      "AUTH_SECRET must be at least 32 characters (generate one with: openssl rand -base64 33)",
      "AUTH_GITHUB_SECRET is needed too: set both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET, or neither",
    ]);
  });

  it("switches an OAuth provider on only with both its variables", () => {
    const env = loadEnv({ DATA_DIR: dataDir, AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret" });
    expect(env.oauth.google).toEqual({ clientId: "g-id", clientSecret: "g-secret" });
    expect(env.oauth.github).toBeUndefined();
  });

  it("rejects a port out of range", () => {
    expect(() => loadEnv({ PORT: "70000", DATA_DIR: dataDir })).toThrow("PORT must be from 1 to 65535");
  });

  it("trusts no proxy for client addresses unless TRUST_PROXY says how many there are", () => {
    expect(loadEnv({ DATA_DIR: dataDir }).trustProxyHops).toBe(0);
    expect(loadEnv({ DATA_DIR: dataDir, TRUST_PROXY: "1" }).trustProxyHops).toBe(1);
    expect(() => loadEnv({ DATA_DIR: dataDir, TRUST_PROXY: "yes" })).toThrow("TRUST_PROXY must be the number of proxies");
  });

  it("switches e-mail reminders on with SMTP_URL and MAIL_FROM together, and refuses one without the other or a bad value", () => {
    expect(loadEnv({ DATA_DIR: dataDir }).mail).toBeUndefined();
    expect(loadEnv({ DATA_DIR: dataDir, SMTP_URL: "smtps://u:p@mail.example.com", MAIL_FROM: "Ballard <r@example.com>" }).mail).toEqual({
      smtpUrl: "smtps://u:p@mail.example.com",
      from: "Ballard <r@example.com>",
    });
    expect(() => loadEnv({ DATA_DIR: dataDir, SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow("MAIL_FROM is needed too");
    expect(() => loadEnv({ DATA_DIR: dataDir, MAIL_FROM: "r@example.com" })).toThrow("SMTP_URL is needed too");
    expect(() => loadEnv({ DATA_DIR: dataDir, SMTP_URL: "http://mail.example.com", MAIL_FROM: "r@example.com" })).toThrow("SMTP_URL must be an smtp://");
    expect(() => loadEnv({ DATA_DIR: dataDir, SMTP_URL: "smtp://mail.example.com", MAIL_FROM: "not an address" })).toThrow("MAIL_FROM must be an address");
    expect(() => loadEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, DATA_DIR: dataDir, SMTP_URL: "smtp://mail.example.com", MAIL_FROM: "r@example.com" })).toThrow(
      "AUTH_URL is required with SMTP_URL in production",
    );
  });
});
