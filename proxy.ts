import { NextResponse, type NextRequest } from "next/server";

// A first gate: visitors without a session cookie go to /login. The real checks (a valid, unexpired
// session of an active account with the right role) run on the server in every page, action and route
// handler (lib/auth/session.ts).
//
// Deliberately not Auth.js's `auth` wrapper: that re-issues the session cookie on every request, and a
// prefetch still in flight when the user signs out would then put the cookie back, signing them in again.
// Sessions therefore last their fixed maxAge from sign-in (lib/auth/config.ts), which is what a shared
// workstation wants anyway.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(request: NextRequest): boolean {
  // Auth.js splits a large token into numbered chunks (`authjs.session-token.0`, ...).
  return request.cookies
    .getAll()
    .some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}

export default function proxy(request: NextRequest) {
  if (hasSessionCookie(request)) return NextResponse.next();
  // A path, not an absolute callback URL: behind 127.0.0.1 the host can be the wrong one.
  const next = request.nextUrl.pathname + request.nextUrl.search;
  const login = new URL("/login", request.nextUrl);
  if (next !== "/") login.searchParams.set("next", next);
  return NextResponse.redirect(login);
}

export const config = {
  // API routes answer 401 themselves (Bearer tokens or a session); static files need no session.
  matcher: ["/((?!api/|login|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
