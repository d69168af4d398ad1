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
    SMTP_URL: optionalText.refine((v) => v === undefined || /^smtps?:\/\/[^/?#]+/.test(v), {
      message: "must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com (leave it unset to switch e-mail reminders off)",
    }),
    MAIL_FROM: optionalText.refine((v) => v === undefined || /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(v), {
      message: 'must be an address such as reminders@example.com or "Ballard Watch Party <reminders@example.com>"',
    }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // The call's TURN relay (docs/voice.md): its URLs, and the secret shared with it for TURN REST credentials.
    TURN_URLS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((u) => u.trim()).filter((u) => u !== ""))
      .pipe(z.array(z.string().regex(/^turns?:[^\s,]+$/, { message: "must list turn: or turns: URLs such as turn:turn.example.com:3478?transport=udp, separated by commas" }))),
    TURN_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
      message: "must be at least 32 characters (the static-auth-secret coturn has; generate one with: openssl rand -base64 33)",
    }),
    TURN_CREDENTIAL_TTL_S: z.coerce
      .number({ message: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(60, "must be from 60 to 86400 seconds")
      .max(86_400, "must be from 60 to 86400 seconds")
      .default(4 * 3600),
    // The media server for large calls (docs/voice.md): Janus's HTTP API, its WebSocket API (browsers reach it through the app), its admin API and secret.
    JANUS_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be Janus's HTTP API, such as http://127.0.0.1:8088/janus" }),
    JANUS_WS_URL: optionalText.refine((v) => v === undefined || /^wss?:\/\/[^\s]+$/.test(v), { message: "must be Janus's WebSocket API, such as ws://127.0.0.1:8188" }),
    JANUS_ADMIN_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be Janus's admin API, such as http://127.0.0.1:7088/admin" }),
    JANUS_ADMIN_SECRET: optionalText.refine((v) => v === undefined || v.length >= 24, {
      message: "must be at least 24 characters (Janus's admin_secret and the plugins' admin_key; generate one with: openssl rand -base64 24)",
    }),
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
  // E-mail reminders need both, and links that work outside this machine in production.
  if (isSet(source.SMTP_URL) !== isSet(source.MAIL_FROM)) {
    problems.push(`${isSet(source.SMTP_URL) ? "MAIL_FROM" : "SMTP_URL"} is needed too: set both SMTP_URL and MAIL_FROM for e-mail reminders, or neither`);
  }
  if (source.NODE_ENV === "production" && isSet(source.SMTP_URL) && !isSet(source.AUTH_URL)) {
    problems.push("AUTH_URL is required with SMTP_URL in production: the links in reminder e-mails are made from it");
  }
  // Credentials are minted with the secret: a relay without one would need a static password (never), one without URLs is a mistake.
  if (isSet(source.TURN_URLS) && !isSet(source.TURN_SECRET)) {
    problems.push(`TURN_SECRET is required with TURN_URLS${source.NODE_ENV === "production" ? " (production)" : ""}: the app mints each person's TURN credentials with it`);
  }
  if (isSet(source.TURN_SECRET) && !isSet(source.TURN_URLS)) problems.push("TURN_URLS is needed with TURN_SECRET: name the relay the credentials are for");
  // Janus: all four or none. Without its admin secret the app could neither make rooms nor let people in (and Janus would be open).
  const janus = ["JANUS_URL", "JANUS_WS_URL", "JANUS_ADMIN_URL", "JANUS_ADMIN_SECRET"] as const;
  const janusSet = janus.filter((name) => isSet(source[name]));
  if (janusSet.length > 0 && janusSet.length < janus.length) {
    problems.push(`${janus.filter((name) => !isSet(source[name])).join(", ")} needed too${source.NODE_ENV === "production" ? " (production)" : ""}: set ${janus.join(", ")} for large calls through Janus, or none`);
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
  /** E-mail reminders (SMTP_URL and MAIL_FROM); unset: the feature is off and the party page says so. */
  mail: { smtpUrl: string; from: string } | undefined;
  /** On SIGTERM, how long the process reports itself draining before it sends its connections away (the balancer's health-check time). */
  drainNoticeMs: number;
  /** The call's TURN relay and the secret its per-person credentials are minted with (unset: no relay). */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined;
  /** Janus for calls above the mesh's size (unset: a call stops at the mesh's limit). */
  janus: { url: string; wsUrl: string; adminUrl: string; adminSecret: string } | undefined;
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
    mail: env.SMTP_URL && env.MAIL_FROM ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    turn: env.TURN_URLS.length > 0 && env.TURN_SECRET ? { urls: env.TURN_URLS, secret: env.TURN_SECRET, ttlSeconds: env.TURN_CREDENTIAL_TTL_S } : undefined,
    janus:
      env.JANUS_URL && env.JANUS_WS_URL && env.JANUS_ADMIN_URL && env.JANUS_ADMIN_SECRET
        ? { url: env.JANUS_URL, wsUrl: env.JANUS_WS_URL, adminUrl: env.JANUS_ADMIN_URL, adminSecret: env.JANUS_ADMIN_SECRET }
        : undefined,
  };
}
