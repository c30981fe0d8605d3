import { requireUser } from "@/lib/auth/session";
import { AppShell } from "@/components/app/app-shell";

// The real gate for every page inside: proxy.ts only checks that a session cookie exists.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
