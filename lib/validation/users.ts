import { z } from "zod";

const role = z.enum(["ADMIN", "ANALYST", "VIEWER"], { message: "Choose a role." });
const userId = z.coerce.number().int().positive();

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120),
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  role,
  // Empty: the server makes a temporary password and shows it once.
  password: z
    .string()
    .max(1024)
    .refine((value) => value === "" || value.length >= 10, "Passwords need at least 10 characters.")
    .optional()
    .default(""),
});

export const changeRoleSchema = z.object({ userId, role });
export const setActiveSchema = z.object({ userId, active: z.enum(["true", "false"]).transform((v) => v === "true") });
export const resetPasswordSchema = z.object({ userId });

export type CreateUserInput = z.infer<typeof createUserSchema>;
