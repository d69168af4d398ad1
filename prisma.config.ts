import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseTargetFromEnv, databaseUrl } from "./server/db/database-target";

// Prisma's CLI wants a native schema engine and would download one. The bridge
// serves the same protocol from @prisma/schema-engine-wasm, so every command
// works offline (docs/database.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/engine-bridge.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: databaseUrl(databaseTargetFromEnv(process.env)) },
});
