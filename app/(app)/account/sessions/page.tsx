import type { Metadata } from "next";
import { getCurrentSessionId, requireUser } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/data/sessions";
import { formatDateTime, formatUtc } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { EndOtherSessionsButton, EndSessionButton } from "@/components/account/session-buttons";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Your sessions" };

/** A short name for a browser from its user agent: enough to tell "the office Firefox" from "my phone". */
function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} on ${system}` : browser;
}

export default async function SessionsPage() {
  const user = await requireUser();
  const current = await getCurrentSessionId();
  const sessions = await listOwnSessions({ id: user.id, role: user.role }, current);
  const others = sessions.filter((session) => !session.current).length;
  const when = (date: Date) => <span title={formatUtc(date)}>{formatDateTime(date, user.timeZone)}</span>;
  return (
    <>
      <PageHeader
        title="Your sessions"
        description="Every browser signed in to your account. End a session you do not recognise, or one on a computer you no longer use."
        actions={others > 0 ? <EndOtherSessionsButton /> : null}
      />
      <div className="p-6">
        {sessions.length === 0 ? (
          <EmptyState title="No sessions">Sign in again to start one.</EmptyState>
        ) : (
          <Table caption="Your sessions">
            <TableHeader>
              <Th>Browser</Th>
              <Th>Address</Th>
              <Th>Signed in</Th>
              <Th>Last active</Th>
              <Th hidden>Actions</Th>
            </TableHeader>
            <TableBody>
              {sessions.map((session) => {
                const browser = describeBrowser(session.userAgent);
                return (
                  <Tr key={session.id}>
                    <Td>
                      <span title={session.userAgent ?? undefined}>{browser}</span>{" "}
                      {session.current ? <Badge tone="green">This browser</Badge> : null}
                    </Td>
                    <Td className="font-mono text-xs">{session.ip ?? "unknown"}</Td>
                    <Td>{when(session.createdAt)}</Td>
                    <Td>{when(session.lastSeenAt)}</Td>
                    <Td>
                      {session.current ? (
                        <span className="text-xs text-slate-500">Sign out to end it</span>
                      ) : (
                        <EndSessionButton
                          sessionId={session.id}
                          label={`${browser}, signed in ${formatDateTime(session.createdAt, user.timeZone)}`}
                        />
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TableBody>
          </Table>
        )}
      </div>
    </>
  );
}
