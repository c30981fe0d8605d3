import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { formatDateTime, formatUtc } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 100;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const admin = await requirePagePermission("audit:read");
  const { before } = await searchParams;
  const cursor = typeof before === "string" && /^\d{1,18}$/.test(before) ? BigInt(before) : undefined;
  const events = await listAuditEvents({ before: cursor, take: PAGE });
  const last = events.at(-1);
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, newest first." />
      <div className="p-6">
        {events.length === 0 ? (
          <EmptyState title="Nothing recorded yet" />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Who
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Action
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Target
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Details
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((event) => (
                  <tr key={String(event.id)}>
                    <td
                      className="px-4 py-1.5 text-xs whitespace-nowrap text-slate-500 tabular-nums"
                      title={formatUtc(event.createdAt)}
                    >
                      {formatDateTime(event.createdAt, admin.timeZone)}
                    </td>
                    <td className="px-4 py-1.5">
                      {event.actor?.email ?? <span className="text-slate-400">system</span>}
                    </td>
                    <td className="px-4 py-1.5 font-mono text-xs">{event.action}</td>
                    <td className="px-4 py-1.5 text-xs text-slate-600">
                      {event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : ""}
                    </td>
                    <td
                      className="max-w-md truncate px-4 py-1.5 font-mono text-xs text-slate-500"
                      title={JSON.stringify(event.meta)}
                    >
                      {JSON.stringify(event.meta) === "{}" ? "" : JSON.stringify(event.meta)}
                      {event.ip ? ` · ${event.ip}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {events.length === PAGE && last ? (
          <div className="mt-3 text-right">
            <Link href={`/admin/audit?before=${last.id}`} className={buttonClasses("secondary", "sm")}>
              Older events
            </Link>
          </div>
        ) : null}
      </div>
    </>
  );
}
