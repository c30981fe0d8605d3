import type { Metadata } from "next";
import { headers } from "next/headers";
import { requirePagePermission } from "@/lib/auth/session";
import { listApiTokens, tokenStatus, type TokenStatus } from "@/lib/data/tokens";
import { listUsers } from "@/lib/data/users";
import { formatDateTime, formatUtc } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/permissions";
import { PageHeader } from "@/components/app/page-header";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "API tokens" };

const STATUS_BADGES: Record<TokenStatus, { tone: "green" | "red" | "amber"; label: string }> = {
  active: { tone: "green", label: "Active" },
  revoked: { tone: "red", label: "Revoked" },
  expired: { tone: "amber", label: "Expired" },
};

/** The address the curl example should use: the one this admin reached the app by. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

export default async function TokensPage() {
  const admin = await requirePagePermission("tokens:manage");
  const [tokens, users, origin] = await Promise.all([listApiTokens(), listUsers(), requestOrigin()]);
  const owners = users
    .filter((user) => user.active)
    .map((user) => ({ id: user.id, label: `${user.name} · ${user.email} (${ROLE_LABELS[user.role]})` }));
  const now = new Date();
  const when = (date: Date | null, none: string) =>
    date ? (
      <span title={formatUtc(date)}>{formatDateTime(date, admin.timeZone)}</span>
    ) : (
      <span className="text-slate-400">{none}</span>
    );
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and other systems send articles (Ingest) or read them (Read) as one of the team, never with more rights than that person's role."
      />
      <div className="space-y-6 p-6">
        <section aria-labelledby="create-token" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="create-token" className="mb-3 text-sm font-semibold text-slate-900">
            Create a token
          </h2>
          <CreateTokenForm owners={owners} origin={origin} />
        </section>
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">
            Create one above for a script or system that sends articles.
          </EmptyState>
        ) : (
          <Table caption="API tokens">
            <TableHeader>
              <Th>Token</Th>
              <Th>Owner</Th>
              <Th>Scope</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
              <Th hidden>Actions</Th>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => {
                const status = tokenStatus(token, now);
                const badge = STATUS_BADGES[status];
                const time = "text-xs whitespace-nowrap text-slate-500 tabular-nums";
                return (
                  <Tr key={token.id} muted={status !== "active"}>
                    <Td>
                      <div className="font-medium text-slate-900">{token.name}</div>
                      <div className="font-mono text-xs text-slate-500">{token.prefix}…</div>
                    </Td>
                    <Td>
                      <div className="text-slate-900">{token.user.name}</div>
                      <div className="text-xs text-slate-500">
                        {token.user.email} · {ROLE_LABELS[token.user.role]}
                      </div>
                    </Td>
                    <Td>
                      <Badge tone={token.scope === "INGEST" ? "accent" : "neutral"}>
                        {token.scope === "INGEST" ? "Ingest" : "Read"}
                      </Badge>
                    </Td>
                    <Td className={time}>{when(token.createdAt, "")}</Td>
                    <Td className={time}>{when(token.lastUsedAt, "Never")}</Td>
                    <Td className={time}>{when(token.expiresAt, "Never")}</Td>
                    <Td>
                      <Badge tone={badge.tone}>{badge.label}</Badge>
                    </Td>
                    <Td className="text-right whitespace-nowrap">
                      {status === "active" ? <RevokeTokenButton tokenId={token.id} name={token.name} /> : null}
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
