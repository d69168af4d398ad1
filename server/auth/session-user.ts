/** Who is signed in, as every part of the app sees it (pages, route handlers, sockets). */
export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  kind: "member" | "guest";
}
