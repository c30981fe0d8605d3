"use client";

import { useActionState, useState } from "react";
import { proposeNameAliasAction } from "@/lib/actions/names";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { EntryPicker } from "@/components/names/entry-picker";

// An analyst's proposal from the reading view: the selected words as a spelling (editable: a selection often
// takes a particle or a comma along) of the register entry the analyst picks. An admin accepts or rejects it
// on /admin/names.

export function ProposeNameForm({
  spelling,
  articleId,
  onClose,
}: {
  spelling: string;
  articleId: number;
  onClose: () => void;
}) {
  const [alias, setAlias] = useState(spelling.trim());
  const [entry, setEntry] = useState<{ id: number; canonical: string } | null>(null);
  const [state, action, pending] = useActionState(proposeNameAliasAction, null);
  return (
    <form action={action} className="w-80 space-y-2 p-2">
      <input type="hidden" name="articleId" value={articleId} />
      {entry ? <input type="hidden" name="entryId" value={entry.id} /> : null}
      <label className="block space-y-1">
        <span className="block text-xs font-medium text-slate-700">Spelling</span>
        <Input name="alias" value={alias} onChange={(event) => setAlias(event.target.value)} maxLength={120} />
      </label>
      <EntryPicker label="A spelling of" onPick={setEntry} picked={entry} />
      <div className="flex items-center gap-1.5">
        <Button type="submit" size="sm" variant="primary" disabled={pending || !entry || !alias.trim() || state?.ok}>
          {pending ? "Sending…" : "Propose"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {state?.ok ? "Close" : "Cancel"}
        </Button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
