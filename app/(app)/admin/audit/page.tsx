import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { formatDateTime, formatUtc } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

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
          <Table caption="Audit events" density="compact">
            <TableHeader>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Details</Th>
            </TableHeader>
            <TableBody>
              {events.map((event) => (
                <Tr key={String(event.id)}>
                  <Td
                    className="text-xs whitespace-nowrap text-slate-500 tabular-nums"
                    title={formatUtc(event.createdAt)}
                  >
                    {formatDateTime(event.createdAt, admin.timeZone)}
                  </Td>
                  <Td>{event.actor?.email ?? <span className="text-slate-400">system</span>}</Td>
                  <Td className="font-mono text-xs">{event.action}</Td>
                  <Td className="text-xs text-slate-600">
                    {event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : ""}
                  </Td>
                  <Td className="max-w-md truncate font-mono text-xs text-slate-500" title={JSON.stringify(event.meta)}>
                    {JSON.stringify(event.meta) === "{}" ? "" : JSON.stringify(event.meta)}
                    {event.ip ? ` · ${event.ip}` : ""}
                  </Td>
                </Tr>
              ))}
            </TableBody>
          </Table>
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
