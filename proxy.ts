import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/csp";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/security/request-id";

// Runs before every page and API request:
// - gives the request an id (X-Request-Id, kept from a trusted-looking upstream value or made here), which the
//   server's logs carry and the response echoes;
// - makes a fresh nonce and sends the strict Content-Security-Policy built with it. Next.js reads the nonce from
//   the policy on the request and puts it on every script it writes into the page;
// - sends visitors without a session cookie to /login. The real checks (a live session of an active account
//   with the right role) run on the server in every page, action and route handler (lib/auth/session.ts).
//
// Deliberately not Auth.js's `auth` wrapper: that re-issues the session cookie on every request, and a
// prefetch still in flight when the user signs out would then put the cookie back, signing them in again.
// Sessions therefore last their fixed maxAge from sign-in (lib/auth/config.ts), which is what a shared
// workstation wants anyway.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
// Pages anyone may open; API routes answer 401 themselves (Bearer tokens or a session).
const PUBLIC_PATHS = /^\/(api\/|login(\/|$)|robots\.txt$|icon\.svg$|favicon\.ico$)/;

function hasSessionCookie(request: NextRequest): boolean {
  // Auth.js splits a large token into numbered chunks (`authjs.session-token.0`, ...).
  return request.cookies
    .getAll()
    .some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}

export default function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const { NODE_ENV, OIDC_ISSUER } = env();
  // A sign-in form posts to us and is redirected to the identity provider: form-action must allow its origin.
  const policy = contentSecurityPolicy(nonce, {
    development: NODE_ENV === "development",
    formTargets: OIDC_ISSUER ? [new URL(OIDC_ISSUER).origin] : [],
  });

  let response: NextResponse;
  if (!hasSessionCookie(request) && !PUBLIC_PATHS.test(request.nextUrl.pathname)) {
    // A path, not an absolute callback URL: behind 127.0.0.1 the host can be the wrong one.
    const next = request.nextUrl.pathname + request.nextUrl.search;
    const login = new URL("/login", request.nextUrl);
    if (next !== "/") login.searchParams.set("next", next);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Static files carry no script and need no session; prefetches of them skip the proxy too.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
