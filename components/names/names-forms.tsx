"use client";

import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import {
  acceptNameProposalAction,
  addNameAliasAction,
  createNameEntryAction,
  deleteNameEntryAction,
  importNamesAction,
  mergeNameEntriesAction,
  rejectNameProposalAction,
  removeNameAliasAction,
  splitNameEntryAction,
  updateNameEntryAction,
} from "@/lib/actions/names";
import type { ActionResult, ActionState } from "@/lib/actions/run-action";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { EntryPicker } from "@/components/names/entry-picker";
import { NAME_KIND_LABELS } from "@/lib/validation/names";

// The admin page's forms for the names register. Each posts one action and shows its outcome beside it; a
// refusal because a spelling alone is a common word ("Ri", "Pak") offers the checkbox that confirms it.

type Kind = keyof typeof NAME_KIND_LABELS;

function needsConfirmation(state: ActionState<unknown>): boolean {
  return Boolean(state && !state.ok && state.fieldErrors?.confirmCommon);
}

function ConfirmCommon({ state }: { state: ActionState<unknown> }) {
  if (!needsConfirmation(state)) return null;
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-700">
      <input type="checkbox" name="confirmCommon" className="accent-accent-600" /> Add it anyway: I know it alone
      matches other things
    </label>
  );
}

function KindSelect({ defaultValue, id }: { defaultValue?: Kind; id?: string }) {
  return (
    <Select name="kind" id={id} defaultValue={defaultValue ?? "PERSON"}>
      {Object.entries(NAME_KIND_LABELS).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </Select>
  );
}

export function NameEntryForm({ entry }: { entry?: { id: number; kind: Kind; canonical: string } }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(async (previous: ActionState<unknown>, form: FormData) => {
    const result: ActionResult<{ entryId: number }> | ActionResult = entry
      ? await updateNameEntryAction(previous as ActionState, form)
      : await createNameEntryAction(previous as ActionState<{ entryId: number }>, form);
    if (result.ok && !entry && result.data && "entryId" in result.data)
      router.push(`/admin/names/${result.data.entryId}`);
    return result;
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-2" aria-label={entry ? "Edit entry" : "Add an entry"}>
      {entry ? <input type="hidden" name="entryId" value={entry.id} /> : null}
      <Field label="Name" hint="How the register lists it; also one of its spellings" error={errors.canonical?.[0]}>
        {(props) => <Input name="canonical" required maxLength={120} defaultValue={entry?.canonical} {...props} />}
      </Field>
      <Field label="Kind" error={errors.kind?.[0]}>
        {(props) => <KindSelect defaultValue={entry?.kind} id={props.id} />}
      </Field>
      <ConfirmCommon state={state} />
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" size="sm" disabled={pending}>
          {entry ? "Save" : "Add entry"}
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function AddAliasForm({ entryId }: { entryId: number }) {
  // Kept in state: React resets a form's fields after its action, and a refusal ("confirm it") needs the text again.
  const [alias, setAlias] = useState("");
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const result = await addNameAliasAction(previous, form);
    if (result.ok) setAlias("");
    return result;
  }, null);
  return (
    <form action={action} className="space-y-2" aria-label="Add a spelling">
      <input type="hidden" name="entryId" value={entryId} />
      <div className="flex gap-2">
        <Input
          name="alias"
          required
          maxLength={120}
          placeholder="Another spelling"
          aria-label="Spelling"
          value={alias}
          onChange={(event) => setAlias(event.target.value)}
        />
        <Button type="submit" size="md" disabled={pending}>
          Add spelling
        </Button>
      </div>
      <ConfirmCommon state={state} />
      <ActionMessage state={state} />
    </form>
  );
}

export function RemoveAliasButton({ aliasId, alias }: { aliasId: number; alias: string }) {
  const [state, action, pending] = useActionState(removeNameAliasAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-1">
      <input type="hidden" name="aliasId" value={aliasId} />
      <Button type="submit" variant="ghost" size="sm" disabled={pending} aria-label={`Remove ${alias}`}>
        Remove
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

export function SplitEntryForm({ entryId, aliases }: { entryId: number; aliases: { id: number; alias: string }[] }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ entryId: number }>, form: FormData) => {
      const result = await splitNameEntryAction(previous, form);
      if (result.ok && result.data) router.push(`/admin/names/${result.data.entryId}`);
      return result;
    },
    null,
  );
  return (
    <form action={action} className="space-y-2" aria-label="Split spellings into a new entry">
      <input type="hidden" name="entryId" value={entryId} />
      <fieldset className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        <legend className="sr-only">Spellings that make the new entry</legend>
        {aliases.map((alias) => (
          <label key={alias.id} className="inline-flex items-center gap-1">
            <input type="checkbox" name="aliasIds" value={alias.id} className="accent-accent-600" /> {alias.alias}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Split into a new entry
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function MergeEntryForm({ entryId }: { entryId: number }) {
  const [source, setSource] = useState<{ id: number; canonical: string } | null>(null);
  const [state, action, pending] = useActionState(mergeNameEntriesAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Merge another entry into this one">
      <input type="hidden" name="entryId" value={entryId} />
      {source ? <input type="hidden" name="sourceId" value={source.id} /> : null}
      <EntryPicker label="Entry to merge in" exclude={entryId} onPick={setSource} picked={source} />
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" disabled={pending || !source}>
          Merge {source ? `“${source.canonical}”` : ""} into this entry
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function DeleteEntryButton({ entryId }: { entryId: number }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const result = await deleteNameEntryAction(previous, form);
    if (result.ok) router.push("/admin/names");
    return result;
  }, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="entryId" value={entryId} />
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        Delete entry
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

export function ProposalActions({
  aliasId,
  alias,
  commonWord,
}: {
  aliasId: number;
  alias: string;
  commonWord: boolean;
}) {
  const [accepted, accept, accepting] = useActionState(acceptNameProposalAction, null);
  const [rejected, reject, rejecting] = useActionState(rejectNameProposalAction, null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={accept} className="flex items-center gap-2">
        <input type="hidden" name="aliasId" value={aliasId} />
        {commonWord ? (
          <label className="flex items-center gap-1 text-xs text-slate-700">
            <input type="checkbox" name="confirmCommon" className="accent-accent-600" /> alone it matches other things:
            accept anyway
          </label>
        ) : null}
        <Button type="submit" size="sm" variant="primary" disabled={accepting} aria-label={`Accept ${alias}`}>
          Accept
        </Button>
      </form>
      <form action={reject}>
        <input type="hidden" name="aliasId" value={aliasId} />
        <Button type="submit" size="sm" variant="ghost" disabled={rejecting} aria-label={`Reject ${alias}`}>
          Reject
        </Button>
      </form>
      <ActionMessage state={accepted ?? rejected} />
    </div>
  );
}

export function ImportNamesForm() {
  const [state, action, pending] = useActionState(importNamesAction, null);
  const problems = state && !state.ok ? (state.fieldErrors?.file ?? []) : [];
  return (
    <form action={action} className="space-y-2" aria-label="Import a register file">
      <input
        type="file"
        name="file"
        accept=".jsonl,.json,application/jsonl,application/x-ndjson,text/plain"
        required
        aria-label="Register file (JSON Lines)"
        className="block w-full text-xs text-slate-700 file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
      />
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
        <ActionMessage state={state} />
      </div>
      {problems.length ? (
        <ul className="max-h-48 list-disc space-y-0.5 overflow-y-auto pl-4 text-xs text-red-800" aria-label="Problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
