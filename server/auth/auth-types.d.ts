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
  }
}
