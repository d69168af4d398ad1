/**
 * What a server process is started with, wherever it starts: `npm start`
 * (package.json sets the same in its "start" script: a test holds the two
 * equal), `npm run cluster` and the benchmarks' server (bench/server-process.ts).
 * The C library reads it when the process starts, so it cannot be set from inside.
 *
 * MALLOC_ARENA_MAX: glibc gives each thread that allocates (the embedded
 * database's, the question generator's, V8's compiler and collector helpers)
 * an arena of its own, up to 8 per core, and keeps what each freed; two
 * arenas held the idle server ~60 MB lower (docs/performance.md, "Where the memory goes").
 */
export const SERVER_PROCESS_ENV = { MALLOC_ARENA_MAX: "2" } as const;
