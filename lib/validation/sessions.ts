import { z } from "zod";

/** A session id as lib/data/sessions.ts makes them: 32 random bytes in base64url. */
export const sessionIdSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "That is not a session."),
});
