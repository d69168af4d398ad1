import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Served by server/main.ts (Next.js and Socket.IO on one port).
  poweredByHeader: false,
  // Loaded from node_modules at run time, not bundled: they read their own
  // WebAssembly and data files, or are native addons.
  // (timezones-ical-library carries its zone data in its code, so it bundles.)
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pino"],
  typedRoutes: false,
};

export default nextConfig;
