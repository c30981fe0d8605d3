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
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API tokens</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Token
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Owner
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Scope
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Created
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Last used
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Expires
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((token) => {
                  const status = tokenStatus(token, now);
                  const badge = STATUS_BADGES[status];
                  return (
                    <tr key={token.id} className={status === "active" ? "" : "bg-slate-50 text-slate-500"}>
                      <td className="px-4 py-2">
                        <div className="font-medium text-slate-900">{token.name}</div>
                        <div className="font-mono text-xs text-slate-500">{token.prefix}…</div>
                      </td>
                      <td className="px-4 py-2">
                        <div className="text-slate-900">{token.user.name}</div>
                        <div className="text-xs text-slate-500">
                          {token.user.email} · {ROLE_LABELS[token.user.role]}
                        </div>
                      </td>
                      <td className="px-4 py-2">
                        <Badge tone={token.scope === "INGEST" ? "accent" : "neutral"}>
                          {token.scope === "INGEST" ? "Ingest" : "Read"}
                        </Badge>
                      </td>
                      <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                        {when(token.createdAt, "")}
                      </td>
                      <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                        {when(token.lastUsedAt, "Never")}
                      </td>
                      <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                        {when(token.expiresAt, "Never")}
                      </td>
                      <td className="px-4 py-2">
                        <Badge tone={badge.tone}>{badge.label}</Badge>
                      </td>
                      <td className="px-4 py-2 text-right whitespace-nowrap">
                        {status === "active" ? <RevokeTokenButton tokenId={token.id} name={token.name} /> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
