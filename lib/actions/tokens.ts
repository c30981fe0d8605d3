"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createApiToken, revokeApiToken } from "@/lib/data/tokens";
import type { ActionResult } from "@/lib/actions/run-action";
import { createTokenFormSchema, expiryFromChoice, revokeTokenSchema } from "@/lib/validation/tokens";

export type CreatedToken = { token: string; name: string; scope: "READ" | "INGEST" };

export const createTokenAction = defineAction(
  { permission: "tokens:manage", schema: createTokenFormSchema },
  async ({ actor, input }): Promise<ActionResult<CreatedToken>> => {
    const { token, record } = await createApiToken(
      { userId: input.userId, name: input.name, scope: input.scope, expiresAt: expiryFromChoice(input.expiresInDays) },
      actor,
    );
    revalidatePath("/admin/tokens");
    return {
      ok: true,
      message: `Created the token “${record.name}”.`,
      data: { token, name: record.name, scope: record.scope },
    };
  },
);

export const revokeTokenAction = defineAction(
  { permission: "tokens:manage", schema: revokeTokenSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await revokeApiToken(input.tokenId, actor);
    revalidatePath("/admin/tokens");
    return { ok: true, message: "Token revoked: requests using it are refused from now on." };
  },
);
