import "server-only";
import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { IDENTITY_PROVIDER_ID } from "@/lib/auth/identity-provider";
import { getCurrentSessionId, getCurrentUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { audit } from "@/lib/data/audit";
import { checkLoginThrottle } from "@/lib/data/login-throttle";
import { revokeSession } from "@/lib/data/sessions";
import { ServiceUnavailableError } from "@/lib/errors";
import type { LoginInput } from "@/lib/validation/auth";

// Signing in and out with a password, for the login form's action (lib/actions/auth.ts): the only code
// besides auth.ts that speaks to Auth.js.

export type SignInOutcome = { ok: true } | { ok: false; error: string };

function throttledMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export async function signInWithPassword(input: LoginInput, ip: string): Promise<SignInOutcome> {
  try {
    const verdict = await checkLoginThrottle(input.email, ip);
    if (!verdict.allowed) return { ok: false, error: throttledMessage(verdict.retryAfterSeconds) };
    await signIn("credentials", { ...input, redirect: false });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "throttled") return { ok: false, error: throttledMessage(15 * 60) };
      return { ok: false, error: "Wrong email or password." };
    }
    if (isDatabaseUnavailable(error)) return { ok: false, error: new ServiceUnavailableError().message };
    throw error;
  }
}

/** Sends the browser to the team's identity provider; it comes back signed in, to `next` (a checked path). */
export async function signInWithIdentityProvider(next: string): Promise<never> {
  await signIn(IDENTITY_PROVIDER_ID, { redirectTo: next });
  throw new Error("Auth.js did not redirect to the identity provider.");
}

/** Ends the session on the server first, so the cookie is worthless even where the browser keeps a copy. */
export async function signOutCurrentUser(): Promise<void> {
  const user = await getCurrentUser();
  const sessionId = await getCurrentSessionId();
  if (sessionId) await revokeSession(sessionId);
  if (user) await audit({ actorId: user.id, action: "auth.logout" });
  await signOut({ redirect: false });
}
