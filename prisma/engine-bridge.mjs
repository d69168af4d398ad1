#!/usr/bin/env node
// Stands in for Prisma's native schema-engine executable; the work is done by
// server/db/engine-bridge.ts on top of @prisma/schema-engine-wasm.
import { register } from "tsx/esm/api";

register();
const { runBridge } = await import("../server/db/engine-bridge.ts");
process.exitCode = await runBridge(process.argv.slice(2));
