import type { NextAuthConfig } from "next-auth";
import { NextResponse } from "next/server";

// The part of the Auth.js configuration that proxy.ts can load: no database, no password hashing.
// The full configuration (lib/auth/auth.ts) adds the credentials provider.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (auth?.user) return true;
      // A path, not an absolute callback URL: behind 127.0.0.1 Auth.js can build the wrong host.
      const next = request.nextUrl.pathname + request.nextUrl.search;
      const login = new URL("/login", request.nextUrl);
      if (next !== "/") login.searchParams.set("next", next);
      return NextResponse.redirect(login);
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.sessionVersion = Number(token.sv ?? 0);
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
  }
}
