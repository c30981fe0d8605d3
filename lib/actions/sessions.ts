"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/run-action";
import { getCurrentSessionId } from "@/lib/auth/session";
import { endOtherSessions, endOwnSession } from "@/lib/data/sessions";
import { InvalidError } from "@/lib/errors";
import { sessionIdSchema } from "@/lib/validation/sessions";

// The account's sessions page: a signed-in person ends their own other sessions. Every role may ("articles:read"
// is what every signed-in role holds); lib/data/sessions.ts only ever touches the actor's own rows.
//
//   endSessionAction        { sessionId } -> ends that one of your sessions (not the current one: sign out)
//   endOtherSessionsAction  {}            -> ends all of your sessions but this one

export const endSessionAction = defineAction(
  { permission: "articles:read", schema: sessionIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    if (input.sessionId === (await getCurrentSessionId()))
      throw new InvalidError("This is the session you are using: sign out to end it.");
    await endOwnSession(actor, input.sessionId);
    revalidatePath("/account/sessions");
    return { ok: true, message: "Session ended." };
  },
);

export const endOtherSessionsAction = defineAction(
  { permission: "articles:read", schema: z.object({}) },
  async ({ actor }): Promise<ActionResult> => {
    const current = await getCurrentSessionId();
    if (!current) throw new InvalidError("Sign in again first.");
    const count = await endOtherSessions(actor, current);
    revalidatePath("/account/sessions");
    return { ok: true, message: count === 1 ? "Ended 1 other session." : `Ended ${count} other sessions.` };
  },
);
