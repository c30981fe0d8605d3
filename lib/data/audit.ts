import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

type AuditWriter = Pick<typeof db, "auditEvent"> | Prisma.TransactionClient;

export type AuditInput = {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  meta?: Prisma.InputJsonObject;
  ip?: string | null;
};

/** Writes one audit event; pass the transaction client so the event commits with the change it records. */
export async function recordAudit(writer: AuditWriter, input: AuditInput): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId === undefined ? undefined : String(input.targetId),
      meta: input.meta ?? {},
      ip: input.ip ?? null,
    },
  });
}

/** recordAudit for a write that has no transaction of its own (a sign-in, a sign-out). */
export async function audit(input: AuditInput): Promise<void> {
  await recordAudit(db, input);
}

export type AuditQuery = {
  before?: bigint;
  take?: number;
  actorId?: number;
  action?: string;
  /** First day included and the day after the last, both 00:00 UTC. */
  from?: Date;
  toExclusive?: Date;
};

export async function listAuditEvents(options: AuditQuery = {}) {
  const take = options.take ?? 100;
  const createdAt = options.from || options.toExclusive ? { gte: options.from, lt: options.toExclusive } : undefined;
  return db.auditEvent.findMany({
    where: {
      ...(options.before ? { id: { lt: options.before } } : {}),
      ...(options.actorId ? { actorId: options.actorId } : {}),
      ...(options.action ? { action: options.action } : {}),
      ...(createdAt ? { createdAt } : {}),
    },
    orderBy: { id: "desc" },
    take,
    include: { actor: { select: { email: true, name: true } } },
  });
}

/** What the audit log's filters offer: the people who did something, and every action recorded. */
export async function listAuditFilterOptions() {
  const [actors, actions] = await Promise.all([
    db.user.findMany({
      where: { auditEvents: { some: {} } },
      select: { id: true, email: true },
      orderBy: { email: "asc" },
    }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return { actors, actions: actions.map((row) => row.action) };
}
