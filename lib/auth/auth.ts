import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { audit } from "@/lib/data/audit";
import { findUserForLogin, markLoggedIn } from "@/lib/data/users";
import { authConfig } from "@/lib/auth/config";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientAddress, servedOverHttps } from "@/lib/auth/client-address";
import { checkLoginThrottle, recordLoginAttempt } from "@/lib/data/login-throttle";
import { createSession } from "@/lib/data/sessions";
import {
  admitIdentityProviderUser,
  IDENTITY_PROVIDER_ID,
  identityProviders,
  identityProviderUserId,
} from "@/lib/auth/identity-provider";
import { isValidTimeZone, loginSchema } from "@/lib/validation/auth";

class InvalidLoginError extends CredentialsSignin {
  override code = "invalid";
}

class ThrottledLoginError extends CredentialsSignin {
  override code = "throttled";
}

/** Opens the server-side session a new sign-in's cookie will name, with the browser and address it came from. */
async function openSession(userId: number): Promise<string> {
  const requestHeaders = await headers();
  return createSession(userId, {
    userAgent: requestHeaders.get("user-agent"),
    ip: clientAddress(requestHeaders),
  });
}

// The configuration is made per request, because whether cookies are `Secure` depends on how this request
// reached us (lib/auth/client-address.ts): server components pass no request, so their headers are read.
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => ({
  ...authConfig,
  useSecureCookies: servedOverHttps(request?.headers ?? (await headers())),
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== IDENTITY_PROVIDER_ID) return true;
      return admitIdentityProviderUser(profile, clientAddress(await headers()));
    },
    // `user` is only there at sign-in: that is when the session row is made. A password sign-in's user carries
    // our id; the identity provider's carries its own subject, so ours is looked up by the email.
    async jwt(params) {
      if (params.user) {
        const userId =
          params.account?.provider === IDENTITY_PROVIDER_ID
            ? await identityProviderUserId(params.user.email)
            : Number(params.user.id);
        if (!userId) throw new Error("The signed-in account was not found.");
        const sessionId = await openSession(userId);
        return authConfig.callbacks.jwt({ ...params, user: { ...params.user, id: String(userId), sessionId } });
      }
      return authConfig.callbacks.jwt(params);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, timeZone: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLoginError();
        const { email, password, timeZone } = parsed.data;
        const ip = clientAddress(request.headers);

        const verdict = await checkLoginThrottle(email, ip);
        if (!verdict.allowed) throw new ThrottledLoginError();

        const user = await findUserForLogin(email);
        // Verify against a dummy hash for unknown accounts so the answer takes as long either way.
        const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !passwordOk || !user.active) {
          await recordLoginAttempt(email, ip, false);
          await audit({ actorId: user?.id ?? null, action: "auth.login_failed", meta: { email }, ip });
          throw new InvalidLoginError();
        }

        await recordLoginAttempt(email, ip, true);
        await markLoggedIn(user.id, isValidTimeZone(timeZone) ? timeZone : null);
        await audit({ actorId: user.id, action: "auth.login", ip });
        return { id: String(user.id), email: user.email, name: user.name };
      },
    }),
    ...identityProviders(),
  ],
}));
