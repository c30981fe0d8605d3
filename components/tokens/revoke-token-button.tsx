"use client";

import { useActionState, useState } from "react";
import { revokeTokenAction } from "@/lib/actions/tokens";
import type { ActionState } from "@/lib/actions/run-action";
import { Button } from "@/components/ui/button";

/** Two steps, so a stray click never cuts off a working integration. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeTokenAction, null);
  if (!confirming) {
    return (
      <Button size="sm" variant="danger" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <form action={action} className="inline-flex items-center gap-1.5">
      <input type="hidden" name="tokenId" value={tokenId} />
      <span className="text-xs text-slate-700">Clients using it stop working.</span>
      {/* The confirm button takes focus so a keyboard user lands on the choice just offered. */}
      <Button
        type="submit"
        size="sm"
        variant="danger"
        disabled={pending}
        autoFocus
        aria-label={`Confirm revoking ${name}`}
      >
        {pending ? "Revoking…" : "Revoke now"}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
