"use client";

import { useActionState } from "react";
import { createTokenAction, type CreatedToken } from "@/lib/actions/tokens";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CopyButton } from "@/components/tokens/copy-button";

export type TokenOwnerOption = { id: number; label: string };

export function CreateTokenForm({ owners, origin }: { owners: TokenOwnerOption[]; origin: string }) {
  const [state, action, pending] = useActionState<ActionState<CreatedToken>, FormData>(createTokenAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-3">
      <form
        action={action}
        aria-label="Create an API token"
        className="grid items-start gap-3 md:grid-cols-[minmax(10rem,1fr)_minmax(12rem,1.4fr)_9rem_9rem_auto]"
      >
        <Field label="Name" hint="What will use it, e.g. “KCNA mirror”." error={errors.name?.[0]}>
          {(props) => <Input name="name" required maxLength={100} autoComplete="off" {...props} />}
        </Field>
        <Field label="Owner" hint="The token can do no more than this person's role." error={errors.userId?.[0]}>
          {(props) => (
            <Select name="userId" required defaultValue="" {...props}>
              <option value="" disabled>
                Choose an active user…
              </option>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Scope" hint="Ingest tokens may also read." error={errors.scope?.[0]}>
          {(props) => (
            <Select name="scope" defaultValue="INGEST" {...props}>
              <option value="INGEST">Ingest</option>
              <option value="READ">Read</option>
            </Select>
          )}
        </Field>
        <Field label="Expires" error={errors.expiresInDays?.[0]}>
          {(props) => (
            <Select name="expiresInDays" defaultValue="90" {...props}>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In 365 days</option>
              <option value="none">Never</option>
            </Select>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={pending} className="md:mt-5">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.data ? <NewToken created={state.data} origin={origin} /> : null}
    </div>
  );
}

function NewToken({ created, origin }: { created: CreatedToken; origin: string }) {
  const example =
    created.scope === "INGEST"
      ? `curl -X POST -H "Authorization: Bearer ${created.token}" -H "Content-Type: application/json" --data @articles.json ${origin}/api/v1/articles`
      : `curl -H "Authorization: Bearer ${created.token}" "${origin}/api/v1/export?format=csv"`;
  return (
    <section
      aria-labelledby="new-token"
      className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950"
    >
      <div>
        <h2 id="new-token" className="font-semibold">
          New token “{created.name}”
        </h2>
        <p className="text-emerald-900">
          Copy it now: it is shown only this once and cannot be recovered, only revoked and replaced.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="new-token"
          className="rounded border border-emerald-200 bg-white px-2 py-1 font-mono text-[13px] break-all select-all"
        >
          {created.token}
        </code>
        <CopyButton value={created.token} label="Copy the token" />
      </div>
      <div className="space-y-1">
        <p className="text-xs font-medium text-emerald-900">
          {created.scope === "INGEST" ? "Send articles with it:" : "Read with it:"}
        </p>
        <div className="flex flex-wrap items-start gap-2">
          <pre className="min-w-0 flex-1 overflow-x-auto rounded border border-emerald-200 bg-white px-2 py-1.5 font-mono text-xs whitespace-pre-wrap wrap-anywhere text-slate-800">
            {example}
          </pre>
          <CopyButton value={example} label="Copy the curl example" />
        </div>
        {created.scope === "INGEST" ? (
          <p className="text-xs text-emerald-900">
            <code className="font-mono">articles.json</code> holds{" "}
            <code className="font-mono">{'{"articles": [...]}'}</code>: up to 1,000 articles, each with{" "}
            <code className="font-mono">title</code>, <code className="font-mono">published</code> (e.g. 2024-08-04),{" "}
            <code className="font-mono">source</code>, <code className="font-mono">url</code> and{" "}
            <code className="font-mono">body</code>.
          </p>
        ) : null}
      </div>
    </section>
  );
}
