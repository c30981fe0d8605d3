import { requireUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { AppShell } from "@/components/app/app-shell";
import { DatabaseUnavailable } from "@/components/app/database-unavailable";

// The real gate for every page inside: proxy.ts only checks that a session cookie exists. Its user look-up is
// the first database read of every page, so a database that is away shows here as such, not as a bare 500.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  let user;
  try {
    user = await requireUser();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return <DatabaseUnavailable />;
    throw error;
  }
  return <AppShell user={user}>{children}</AppShell>;
}
