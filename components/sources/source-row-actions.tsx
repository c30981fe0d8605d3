"use client";

import { useActionState } from "react";
import { deleteSourceAction, pollSourceNowAction, setSourceActiveAction } from "@/lib/actions/sources";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";
import { ActionMessage } from "@/components/ui/action-message";

export function PollNowForm({ sourceId, label }: { sourceId: number; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(pollSourceNowAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="sourceId" value={sourceId} />
      <Button type="submit" size="sm" disabled={pending} aria-label={`Poll ${label} now`}>
        Poll now
      </Button>
      <ActionMessage state={state} className="max-w-40 text-right text-[11px] leading-tight" />
    </form>
  );
}

export function ActiveForm({ sourceId, active, label }: { sourceId: number; active: boolean; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setSourceActiveAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="sourceId" value={sourceId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button
        type="submit"
        size="sm"
        variant="ghost"
        disabled={pending}
        aria-label={`${active ? "Pause" : "Resume"} ${label}`}
      >
        {active ? "Pause" : "Resume"}
      </Button>
      <ActionMessage state={state} className="max-w-40 text-right text-[11px] leading-tight" />
    </form>
  );
}

export function DeleteForm({ sourceId, label }: { sourceId: number; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteSourceAction, null);
  return (
    <form
      action={action}
      className="flex flex-col items-end gap-1"
      onSubmit={(event) => {
        if (!window.confirm(`Delete the feed source ${label}? It has no articles; its runs stay in the history.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="sourceId" value={sourceId} />
      <Button type="submit" size="sm" variant="danger" disabled={pending} aria-label={`Delete ${label}`}>
        Delete
      </Button>
      <ActionMessage state={state} className="max-w-40 text-right text-[11px] leading-tight" />
    </form>
  );
}
