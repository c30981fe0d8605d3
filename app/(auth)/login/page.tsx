import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { identityProviderLoginAction } from "@/lib/actions/auth";
import { identityProviderName } from "@/lib/auth/identity-provider";
import { getCurrentUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { LoginForm } from "@/app/(auth)/login/login-form";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Sign in" };

/** A visitor who is already signed in goes on to the desk; with the database away, they are asked to sign in. */
async function signedIn(): Promise<boolean> {
  try {
    return (await getCurrentUser()) !== null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}

/** What a failed sign-in through the identity provider comes back with (Auth.js's ?error= codes). */
function identityProviderError(error: string | undefined): string | null {
  if (!error) return null;
  if (error === "AccessDenied")
    return "Your identity provider signed you in, but this account may not use Presswatch (it was deactivated, or the provider gave no verified email).";
  return "Signing in through your identity provider failed. Try again, or use your password.";
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  if (await signedIn()) redirect("/");
  const { next, error } = await searchParams;
  const provider = identityProviderName();
  const providerError = identityProviderError(typeof error === "string" ? error : undefined);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div
            className="mx-auto mb-3 flex h-10 w-10 items-center justify-center rounded-lg bg-accent-600 text-lg font-semibold text-white"
            aria-hidden
          >
            P
          </div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in to Presswatch</h1>
          <p className="mt-1 text-sm text-slate-500">State-media monitoring for analysts</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {providerError ? (
            <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {providerError}
            </p>
          ) : null}
          <LoginForm next={typeof next === "string" ? next : "/"} />
          {provider ? (
            <form action={identityProviderLoginAction} className="mt-4 border-t border-slate-200 pt-4">
              <input type="hidden" name="next" value={typeof next === "string" ? next : "/"} />
              <Button type="submit" className="w-full">
                Continue with {provider}
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  );
}
