import type { NextAuthConfig } from "next-auth";
import { safeNextPath } from "@/lib/auth/safe-next";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/constants";

// The part of the Auth.js configuration without a database or password hashing; the full configuration
// (lib/auth/auth.ts) adds the credentials provider.
export const authConfig = {
  // Errors of a sign-in (an identity provider's refusal) come back to the login page as ?error=...
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    // Where Auth.js sends the browser after a sign-in through the identity provider: a path on our site, never
    // an absolute address. Route handlers can see the request under another host name than the browser used
    // ("localhost" for 127.0.0.1), and an absolute address on that host would land where the new cookie is not.
    redirect({ url, baseUrl }) {
      return safeNextPath(url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url);
    },
    // The token carries the user's id and the id of their server-side session row (lib/data/sessions.ts),
    // which lib/auth/auth.ts creates at sign-in.
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid ?? "");
      session.sessionId = typeof token.sid === "string" ? token.sid : "";
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    sessionId: string;
  }
  interface User {
    sessionId?: string;
  }
}
