"use client";

import { useActionState, useState } from "react";
import { deleteTagAction, updateTagAction } from "@/lib/actions/articles";
import type { ActionState } from "@/lib/actions/run-action";
import type { TagSummary } from "@/lib/data/tag-catalogue";
import { TAG_COLORS } from "@/lib/validation/tags";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

// An admin's changes to one tag: rename and recolour in one form, delete after a confirmation that says
// how many articles lose it.
export function TagRowActions({ tag }: { tag: TagSummary & { uses: number } }) {
  const [saveState, save, saving] = useActionState<ActionState<{ tag: TagSummary }>, FormData>(updateTagAction, null);
  const [deleteState, remove, deleting] = useActionState<ActionState, FormData>(deleteTagAction, null);
  const [confirming, setConfirming] = useState(false);
  const state = deleteState ?? saveState;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <form key={`${tag.name}:${tag.color}`} action={save} className="flex items-center gap-1.5">
        <input type="hidden" name="tagId" value={tag.id} />
        <Input
          name="name"
          defaultValue={tag.name}
          aria-label={`Name of the tag ${tag.name}`}
          maxLength={60}
          required
          className="h-7 w-44 text-xs"
        />
        <Select
          name="color"
          defaultValue={tag.color}
          aria-label={`Colour of the tag ${tag.name}`}
          className="h-7 w-24 text-xs"
        >
          {TAG_COLORS.map((color) => (
            <option key={color.value} value={color.value}>
              {color.label}
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" disabled={saving}>
          Save
        </Button>
      </form>
      {confirming ? (
        <form action={remove} className="flex items-center gap-1.5">
          <input type="hidden" name="tagId" value={tag.id} />
          <span className="text-xs text-slate-600">
            Remove from {tag.uses} {tag.uses === 1 ? "article" : "articles"}?
          </span>
          <Button
            type="submit"
            size="sm"
            variant="danger"
            disabled={deleting}
            aria-label={`Delete the tag ${tag.name} for good`}
          >
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </form>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete the tag ${tag.name}`}>
          Delete
        </Button>
      )}
      <ActionMessage state={state} />
    </div>
  );
}
