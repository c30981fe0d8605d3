"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/throttle";
import { createApiToken, revokeApiToken, type TokenActor } from "@/lib/data/tokens";
import { formToObject, parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import { createTokenFormSchema, expiryFromChoice, revokeTokenSchema } from "@/lib/validation/tokens";

export type CreatedToken = { token: string; name: string; scope: "READ" | "INGEST" };

async function adminActor(): Promise<TokenActor> {
  const user = await requirePermission("tokens:manage");
  return { id: user.id, ip: clientAddress(await headers()), via: "ui" };
}

export async function createTokenAction(_state: ActionState<CreatedToken>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<CreatedToken>> => {
    const actor = await adminActor();
    const input = parseInput(createTokenFormSchema, formToObject(formData));
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
  });
}

export async function revokeTokenAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await adminActor();
    const { tokenId } = parseInput(revokeTokenSchema, formToObject(formData));
    await revokeApiToken(tokenId, actor);
    revalidatePath("/admin/tokens");
    return { ok: true, message: "Token revoked: requests using it are refused from now on." };
  });
}
