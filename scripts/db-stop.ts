// `npm run db:stop`: stops the embedded PostgreSQL, whichever commands still use it (they are named, and
// lose their database). Commands stop it themselves when the last of them ends; this is for the rest.
import { EMBEDDED_DIR, EMBEDDED_PORT, stopEmbeddedServerNow } from "@/lib/db/database-url";

try {
  const { stopped, users } = await stopEmbeddedServerNow();
  if (users.length) console.log(`Still in use by:\n${users.map((user) => `  ${user}`).join("\n")}`);
  console.log(
    stopped
      ? `Stopped the embedded PostgreSQL (${EMBEDDED_DIR}, port ${EMBEDDED_PORT}).`
      : `The embedded PostgreSQL (${EMBEDDED_DIR}) is not running.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
