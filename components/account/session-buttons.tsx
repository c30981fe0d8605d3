"use client";

import { useActionState } from "react";
import { endOtherSessionsAction, endSessionAction } from "@/lib/actions/sessions";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";

function Outcome({ state }: { state: ActionState }) {
  if (!state) return null;
  return state.ok ? (
    <span role="status" className="text-xs text-slate-600">
      {state.message}
    </span>
  ) : (
    <span role="alert" className="text-xs text-red-700">
      {state.error}
    </span>
  );
}

export function EndSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(endSessionAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-1.5">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button type="submit" size="sm" variant="danger" disabled={pending} aria-label={`End the session ${label}`}>
        {pending ? "Ending…" : "End"}
      </Button>
      <Outcome state={state} />
    </form>
  );
}

export function EndOtherSessionsButton() {
  const [state, action, pending] = useActionState<ActionState, FormData>(endOtherSessionsAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <Outcome state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Ending…" : "End all other sessions"}
      </Button>
    </form>
  );
}
