import { z } from "zod";

export const TOKEN_SCOPES = ["READ", "INGEST"] as const;
export type TokenScopeName = (typeof TOKEN_SCOPES)[number];

/** What an admin may pick for a new token's lifetime; "none" means it never expires. */
export const TOKEN_EXPIRY_CHOICES = ["none", "30", "90", "365"] as const;

const name = z
  .string()
  .trim()
  .min(1, "Name the token, e.g. after the system that will use it.")
  .max(100, "Keep the name under 100 characters.");
const scope = z.enum(TOKEN_SCOPES, { message: "Choose Read or Ingest." });

/** The admin form: the owner and lifetime arrive as strings. */
export const createTokenFormSchema = z.object({
  name,
  userId: z.coerce.number({ message: "Choose the token's owner." }).int().positive("Choose the token's owner."),
  scope,
  expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES, { message: "Choose when the token expires." }).default("none"),
});

export const revokeTokenSchema = z.object({ tokenId: z.coerce.number().int().positive() });

/** What lib/data/tokens.ts accepts, from the form or the CLI. */
export const createTokenSchema = z.object({
  userId: z.number().int().positive(),
  name,
  scope,
  expiresAt: z
    .date()
    .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future.")
    .nullish(),
});

export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** The expiry date `days` days from `now`, or null for a token that never expires. */
export function expiryFromChoice(choice: (typeof TOKEN_EXPIRY_CHOICES)[number], now = new Date()): Date | null {
  return choice === "none" ? null : new Date(now.getTime() + Number(choice) * 86_400_000);
}
