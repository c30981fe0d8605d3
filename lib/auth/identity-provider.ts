import "server-only";
import type { Profile } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { audit } from "@/lib/data/audit";
import { findUserIdByEmail, upsertIdentityProviderUser } from "@/lib/data/users";
import { roleFromClaims } from "@/lib/auth/oidc-roles";
import { env } from "@/lib/env";

// Sign-in through the team's identity provider (OpenID Connect), beside the password: configured by OIDC_ISSUER,
// OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. The provider's verified email names the Presswatch account (created on
// the first sign-in), and its groups claim sets the role (lib/auth/oidc-roles.ts) on every sign-in.

export const IDENTITY_PROVIDER_ID = "oidc";

/** The provider's label for the login page, or null when none is configured. */
export function identityProviderName(): string | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  return OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET ? OIDC_NAME : null;
}

export function identityProviders(): OIDCConfig<Profile>[] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME, OIDC_SCOPE, AUTH_URL } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  // The callback address the provider is given must be the same when the browser is sent there and when the
  // code is traded. Route handlers can see the request under another host name than the browser used (the
  // server's "localhost" for 127.0.0.1; measured: the code exchange then sent http://localhost:3221/... and the
  // provider refused it), so with a public address configured, the exchange names that one.
  // (Auth.js's redirectProxyUrl is the base it appends /callback/<id> to.)
  const callbackBase = AUTH_URL ? `${new URL(AUTH_URL).origin}/api/auth` : undefined;
  return [
    {
      id: IDENTITY_PROVIDER_ID,
      name: OIDC_NAME,
      type: "oidc",
      issuer: OIDC_ISSUER,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
      ...(callbackBase ? { redirectProxyUrl: callbackBase } : {}),
      authorization: { params: { scope: OIDC_SCOPE } },
      profile(profile) {
        const email = typeof profile.email === "string" ? profile.email.toLowerCase() : null;
        const name = [profile.name, profile.preferred_username, email].find(
          (value): value is string => typeof value === "string" && value.trim() !== "",
        );
        return { id: String(profile.sub), email, name: name ?? "Unnamed" };
      },
    },
  ];
}

function profileEmail(profile: Profile | undefined): string | null {
  if (!profile || typeof profile.email !== "string" || profile.email_verified === false) return null;
  return profile.email.trim().toLowerCase() || null;
}

/**
 * Auth.js's signIn callback for the identity provider: creates or updates the account, and refuses a profile
 * without a verified email or an account an admin deactivated.
 */
export async function admitIdentityProviderUser(profile: Profile | undefined, ip: string): Promise<boolean> {
  const email = profileEmail(profile);
  if (!email) return false;
  const { OIDC_ROLE_CLAIM, OIDC_ADMIN_GROUPS, OIDC_ANALYST_GROUPS } = env();
  const role = roleFromClaims(profile as Record<string, unknown>, {
    claim: OIDC_ROLE_CLAIM,
    adminGroups: OIDC_ADMIN_GROUPS,
    analystGroups: OIDC_ANALYST_GROUPS,
  });
  const name = [profile?.name, profile?.preferred_username, email].find(
    (value): value is string => typeof value === "string" && value.trim() !== "",
  )!;
  const user = await upsertIdentityProviderUser({ email, name, role, ip });
  await audit({
    actorId: user.id,
    action: user.active ? "auth.login" : "auth.login_failed",
    meta: { via: "oidc", email },
    ip,
  });
  return user.active;
}

/** Our account id for a person the identity provider signed in (admitted just before by the signIn callback). */
export async function identityProviderUserId(email: string | null | undefined): Promise<number | null> {
  return email ? findUserIdByEmail(email.toLowerCase()) : null;
}
