import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/data/audit";
import { describeAuditMeta } from "@/lib/desk/audit-meta";
import { formatDateTime, formatUtc } from "@/lib/format";
import { formatIsoDay, parseDay } from "@/lib/validation/article-filter";
import { PageHeader } from "@/components/app/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 100;
const DAY_MS = 86_400_000;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value.at(-1) : value);

// Who did what, newest first, filtered by person, action and days (UTC), with each event's details in words.
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requirePagePermission("audit:read");
  const params = await searchParams;
  const options = await listAuditFilterOptions();
  const before = one(params.before);
  const cursor = before && /^\d{1,18}$/.test(before) ? BigInt(before) : undefined;
  const actorText = one(params.actor);
  const actorId = options.actors.find((actor) => String(actor.id) === actorText)?.id;
  const action = options.actions.find((name) => name === one(params.action));
  const from = parseDay(one(params.from) ?? "") ?? undefined;
  const to = parseDay(one(params.to) ?? "") ?? undefined;
  const events = await listAuditEvents({
    before: cursor,
    take: PAGE,
    actorId,
    action,
    from,
    toExclusive: to ? new Date(to.getTime() + DAY_MS) : undefined,
  });
  const filterParams = new URLSearchParams();
  if (actorId) filterParams.set("actor", String(actorId));
  if (action) filterParams.set("action", action);
  if (from) filterParams.set("from", formatIsoDay(from));
  if (to) filterParams.set("to", formatIsoDay(to));
  const filtered = filterParams.size > 0;
  const last = events.at(-1);
  const older = new URLSearchParams(filterParams);
  if (last) older.set("before", String(last.id));

  return (
    <>
      <PageHeader title="Audit log" description="Who did what, newest first." />
      <div className="space-y-3 p-4 sm:p-6">
        <form
          method="get"
          aria-label="Filter the audit log"
          className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-xs"
        >
          <label className="flex flex-col gap-1 text-slate-600">
            Who
            <Select name="actor" defaultValue={actorId ? String(actorId) : ""} className="h-8 w-56 text-xs">
              <option value="">Everyone</option>
              {options.actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.email}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-slate-600">
            Action
            <Select name="action" defaultValue={action ?? ""} className="h-8 w-52 text-xs">
              <option value="">Every action</option>
              {options.actions.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-slate-600">
            From (UTC)
            <Input
              type="date"
              name="from"
              min="1900-01-01"
              max="9999-12-31"
              defaultValue={from ? formatIsoDay(from) : ""}
              className="h-8 w-36 text-xs"
            />
          </label>
          <label className="flex flex-col gap-1 text-slate-600">
            To (UTC)
            <Input
              type="date"
              name="to"
              min="1900-01-01"
              max="9999-12-31"
              defaultValue={to ? formatIsoDay(to) : ""}
              className="h-8 w-36 text-xs"
            />
          </label>
          <Button type="submit" variant="primary">
            Filter
          </Button>
          {filtered ? (
            <Link href="/admin/audit" className={buttonClasses("ghost", "md")}>
              Clear
            </Link>
          ) : null}
        </form>
        {events.length === 0 ? (
          <EmptyState title={filtered ? "No events match these filters" : "Nothing recorded yet"} />
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
              {events.map((event) => {
                const details = describeAuditMeta(event.meta);
                return (
                  <Tr key={String(event.id)}>
                    <Td
                      className="align-top text-xs whitespace-nowrap text-slate-500 tabular-nums"
                      title={formatUtc(event.createdAt)}
                    >
                      {formatDateTime(event.createdAt, admin.timeZone)}
                    </Td>
                    <Td className="align-top">
                      {event.actor?.email ?? <span className="text-slate-500">system</span>}
                    </Td>
                    <Td className="align-top font-mono text-xs">{event.action}</Td>
                    <Td className="align-top text-xs text-slate-600">
                      {event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : ""}
                    </Td>
                    <Td className="align-top text-xs text-slate-600">
                      {details.length ? (
                        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5">
                          {details.map((detail) => (
                            <div key={detail.label} className="contents">
                              <dt className="text-slate-500">{detail.label}</dt>
                              <dd className="break-words text-slate-800">{detail.value}</dd>
                            </div>
                          ))}
                        </dl>
                      ) : null}
                      {event.ip ? <p className="mt-0.5 text-slate-500">from {event.ip}</p> : null}
                    </Td>
                  </Tr>
                );
              })}
            </TableBody>
          </Table>
        )}
        {events.length === PAGE && last ? (
          <div className="text-right">
            <Link href={`/admin/audit?${older}`} className={buttonClasses("secondary", "sm")}>
              Older events
            </Link>
          </div>
        ) : null}
      </div>
    </>
  );
}
