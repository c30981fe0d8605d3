"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/auth/client-address";
import { safeNextPath } from "@/lib/auth/safe-next";
import { signInWithIdentityProvider, signInWithPassword, signOutCurrentUser } from "@/lib/auth/login";
import { loginSchema } from "@/lib/validation/auth";

// Signing in and out: the two actions a visitor without a session may call, so they are not built with
// defineAction (which requires one). lib/auth/login.ts does the work.

export type LoginState = { error?: string; email?: string } | null;

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const parsed = loginSchema.safeParse({
    email,
    password: formData.get("password"),
    timeZone: formData.get("timeZone") || undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  const outcome = await signInWithPassword(parsed.data, clientAddress(await headers()));
  if (!outcome.ok) return { error: outcome.error, email };
  redirect(safeNextPath(formData.get("next")));
}

/** "Continue with <identity provider>": Auth.js redirects to the provider (the redirect is thrown). */
export async function identityProviderLoginAction(formData: FormData): Promise<void> {
  await signInWithIdentityProvider(safeNextPath(formData.get("next")));
}

export async function logoutAction(): Promise<void> {
  await signOutCurrentUser();
  redirect("/login");
}
