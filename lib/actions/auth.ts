"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { checkLoginThrottle, clientAddress } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { ServiceUnavailableError } from "@/lib/errors";
import { loginSchema } from "@/lib/validation/auth";

export type LoginState = { error?: string; email?: string } | null;

/** Only same-site paths: a login link must not bounce the analyst to another host. */
function safeNextPath(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const parsed = loginSchema.safeParse({
    email,
    password: formData.get("password"),
    timeZone: formData.get("timeZone") || undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };

  try {
    const verdict = await checkLoginThrottle(parsed.data.email, clientAddress(await headers()));
    if (!verdict.allowed) return { error: throttledMessage(verdict.retryAfterSeconds), email };
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "throttled") return { error: throttledMessage(15 * 60), email };
      return { error: "Wrong email or password.", email };
    }
    if (isDatabaseUnavailable(error)) return { error: new ServiceUnavailableError().message, email };
    throw error;
  }
  redirect(safeNextPath(formData.get("next")));
}

function throttledMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export async function logoutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await recordAudit(db, { actorId: user.id, action: "auth.logout" });
  await signOut({ redirect: false });
  redirect("/login");
}
