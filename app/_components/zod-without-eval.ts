import { z } from "zod";

// Zod probes for `new Function` the first time it builds an object schema, to
// compile faster parsers; the app's CSP has no 'unsafe-eval', so in the browser
// the probe is reported as a violation. Client modules that load zod schemas
// import this first. The server keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
