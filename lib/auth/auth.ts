import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authConfig } from "@/lib/auth/config";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { checkLoginThrottle, clientAddress, recordLoginAttempt } from "@/lib/auth/throttle";
import { isValidTimeZone, loginSchema } from "@/lib/validation/auth";

class InvalidLoginError extends CredentialsSignin {
  override code = "invalid";
}

class ThrottledLoginError extends CredentialsSignin {
  override code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
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

        const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
        // Verify against a dummy hash for unknown accounts so the answer takes as long either way.
        const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !passwordOk || !user.active) {
          await recordLoginAttempt(email, ip, false);
          await recordAudit(db, { actorId: user?.id ?? null, action: "auth.login_failed", meta: { email }, ip });
          throw new InvalidLoginError();
        }

        await recordLoginAttempt(email, ip, true);
        await db.user.update({
          where: { id: user.id },
          data: { lastLoginAt: new Date(), ...(isValidTimeZone(timeZone) ? { timeZone } : {}) },
        });
        await recordAudit(db, { actorId: user.id, action: "auth.login", ip });
        return { id: String(user.id), email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
});
