import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// A first gate: anonymous visitors to app pages go to /login. The real checks (active account, role)
// run on the server in every page, action and route handler (lib/auth/session.ts).
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  // API routes answer 401 themselves (Bearer tokens or a session); static files need no session.
  matcher: ["/((?!api/|login|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
