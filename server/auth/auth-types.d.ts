import "@auth/core/jwt";
import "@auth/core/types";

declare module "@auth/core/types" {
  interface User {
    kind?: "member" | "guest";
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    kind?: "member" | "guest";
    /** The user's session version when this session began (see auth-config.ts). */
    sessionVersion?: number;
    /** When this session began (seconds since the Unix epoch). */
    signedInAt?: number;
  }
}
