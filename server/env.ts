import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { databaseTargetFromUrl, embeddedDatabaseDir, type DatabaseTarget } from "./db/database-target";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** An origin exactly as a browser sends it in the Origin header: scheme, host and port, nothing more. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

const envSchema = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ message: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be from 1 to 65535")
      .max(65535, "must be from 1 to 65535")
      .default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().trim().min(1).default(".data"),
    DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "must be a postgres:// URL (leave it unset for the embedded database)",
    }),
    AUTH_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
      message: "must be at least 32 characters (generate one with: openssl rand -base64 33)",
    }),
    REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
      message: "must be a redis:// or rediss:// URL (leave it unset to run one process without Redis)",
    }),
    REDIS_KEY_PREFIX: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:_-]{1,40}$/, "must be 1 to 40 letters, digits, ':', '_' or '-'")
      .default("bwp:"),
    AUTH_URL: optionalText.pipe(z.url({ message: "must be a full URL such as https://party.example.com" }).optional()),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,
    ALLOWED_ORIGINS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((o) => o.trim()).filter((o) => o !== ""))
      .pipe(
        z.array(
          z.string().refine(isOrigin, {
            message: "must list origins such as https://watch.example.com (scheme, host and port; no path), separated by commas",
          }),
        ),
      ),
    TRUST_PROXY: z.coerce
      .number({ message: "must be the number of proxies in front of the server (0 when there is none)" })
      .int("must be the number of proxies in front of the server (0 when there is none)")
      .min(0, "must be the number of proxies in front of the server (0 when there is none)")
      .max(10, "must be at most 10")
      .default(0),
    METRICS_TOKEN: optionalText.refine((v) => v === undefined || /^[\x21-\x7e]{24,200}$/.test(v), {
      message: "must be 24 to 200 printable characters without spaces (generate one with: openssl rand -hex 24)",
    }),
    DRAIN_NOTICE_MS: z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(0, "must be from 0 to 60000")
      .max(60_000, "must be from 0 to 60000")
      .default(0),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  });

const isSet = (value: string | undefined) => Boolean(value?.trim());

/** Rules across variables, checked on the raw values so they are reported even when a field is invalid. */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (source.NODE_ENV === "production" && !isSet(source.AUTH_SECRET)) problems.push("AUTH_SECRET is required in production");
  // Several processes share one database and one session secret: neither may be a per-process default.
  if (isSet(source.REDIS_URL)) {
    if (!isSet(source.DATABASE_URL)) problems.push("DATABASE_URL is required with REDIS_URL: several processes cannot share the embedded database");
    if (!isSet(source.AUTH_SECRET)) problems.push("AUTH_SECRET is required with REDIS_URL: every process must sign sessions with the same secret");
  }
  for (const provider of ["GITHUB", "GOOGLE"] as const) {
    const id = isSet(source[`AUTH_${provider}_ID`]);
    if (id !== isSet(source[`AUTH_${provider}_SECRET`])) {
      problems.push(
        `${id ? `AUTH_${provider}_SECRET` : `AUTH_${provider}_ID`} is needed too: set both AUTH_${provider}_ID and AUTH_${provider}_SECRET, or neither`,
      );
    }
  }
  return problems;
}

export type OAuthCredentials = { clientId: string; clientSecret: string };

export interface Env {
  mode: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  authSecret: string;
  /** Several processes: Redis for the Socket.IO adapter, room state and limits (unset: one process, all in memory). */
  redis: { url: string; keyPrefix: string } | undefined;
  authUrl: string | undefined;
  oauth: { github?: OAuthCredentials; google?: OAuthCredentials };
  /** Other sites allowed to send state-changing requests and open sockets (besides the app's own origin). */
  allowedOrigins: string[];
  /** How many proxies in front of the server set X-Forwarded-For/-Proto/-Host (0: none, the headers are ignored). */
  trustProxyHops: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Bearer token for /metrics; unset: /metrics answers the internal network only. */
  metricsToken: string | undefined;
  /** On SIGTERM, how long the process reports itself draining before it sends its connections away (the balancer's health-check time). */
  drainNoticeMs: number;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function oauth(id: string | undefined, secret: string | undefined): OAuthCredentials | undefined {
  return id && secret ? { clientId: id, clientSecret: secret } : undefined;
}

/**
 * A session secret generated once and kept in `file` (readable by its owner
 * only), so sessions survive a restart without any set-up. Outside production
 * a missing AUTH_SECRET is one in the data directory; the local cluster keeps
 * its own (scripts/cluster.ts).
 */
export function keptSecret(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(33).toString("base64");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

/** Validates the environment once at start-up; every problem is named in one error. */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`) ?? []),
    ...crossFieldProblems(source),
  ];
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    mode: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    database: env.DATABASE_URL
      ? databaseTargetFromUrl(env.DATABASE_URL)
      : { kind: "embedded", dir: embeddedDatabaseDir(dataDir) },
    authSecret: env.AUTH_SECRET ?? keptSecret(path.join(dataDir, "auth-secret")),
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : undefined,
    authUrl: env.AUTH_URL,
    oauth: {
      github: oauth(env.AUTH_GITHUB_ID, env.AUTH_GITHUB_SECRET),
      google: oauth(env.AUTH_GOOGLE_ID, env.AUTH_GOOGLE_SECRET),
    },
    allowedOrigins: env.ALLOWED_ORIGINS,
    trustProxyHops: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN,
    drainNoticeMs: env.DRAIN_NOTICE_MS,
  };
}
