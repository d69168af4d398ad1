/**
 * What the cluster capacity benchmark reads around each step besides the
 * viewers' own figures: Redis's commands and CPU (INFO, the whole server: run
 * it where nothing else uses that Redis) and PostgreSQL's writes and commits
 * on the benchmark's own database (pg_stat_database), with the CPU of the
 * PostgreSQL processes serving it (its connections, read from /proc: the
 * server runs on this machine).
 */
import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import pg from "pg";
import { processCpuMs } from "./balancer";

export interface RedisCounters {
  commands: number;
  cpuMs: number;
  /** Calls of each command (INFO commandstats). */
  calls: Record<string, number>;
}

export interface PostgresCounters {
  /** Rows inserted plus rows updated. */
  rowWrites: number;
  commits: number;
  /** CPU of each server process serving this database now (ms so far, by pid). */
  backendCpuMs: Record<number, number>;
}

export function redisMeter(url: string) {
  const redis = new Redis(url, { lazyConnect: true });
  return {
    async read(): Promise<RedisCounters> {
      const info = await redis.info("all");
      const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
      const calls = Object.fromEntries([...info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
      return { commands: field("total_commands_processed"), cpuMs: (field("used_cpu_user") + field("used_cpu_sys")) * 1000, calls };
    },
    close: () => redis.disconnect(),
  };
}

/** The commands called most from `a` to `b`, each as calls per second. */
export function topCommands(a: RedisCounters, b: RedisCounters, seconds: number, count = 6): Record<string, number> {
  const grown = Object.entries(b.calls).map(([name, calls]) => [name, (calls - (a.calls[name] ?? 0)) / seconds] as const);
  return Object.fromEntries(grown.sort((x, y) => y[1] - x[1]).slice(0, count).map(([name, rate]) => [name, Math.round(rate)]));
}

/** CPU the PostgreSQL processes serving the database used from `a` to `b` (ms; a process started between counts whole). */
export function backendCpuMs(a: PostgresCounters, b: PostgresCounters): number {
  return Object.entries(b.backendCpuMs).reduce((sum, [pid, ms]) => sum + ms - (a.backendCpuMs[Number(pid)] ?? 0), 0);
}

/** Counters of `databaseUrl`'s database. PostgreSQL publishes a backend's counts within about a second of its transactions. */
export function postgresMeter(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const connected = client.connect();
  return {
    async read(): Promise<PostgresCounters> {
      await connected;
      const { rows } = await client.query<{ writes: string; commits: string }>(
        "SELECT tup_inserted + tup_updated AS writes, xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()",
      );
      const backends = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
      const backendCpuMs = Object.fromEntries(backends.rows.flatMap(({ pid }) => (existsSync(`/proc/${pid}/stat`) ? [[pid, processCpuMs(pid)]] : [])));
      return { rowWrites: Number(rows[0]!.writes), commits: Number(rows[0]!.commits), backendCpuMs };
    },
    close: () => client.end(),
  };
}
