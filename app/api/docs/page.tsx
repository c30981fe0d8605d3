import type { Metadata } from "next";
import packageJson from "@/package.json";
import { buildOpenApiDocument } from "@/lib/api/openapi";

// /api/docs: the OpenAPI document (lib/api/openapi.ts) as a page, rendered on the server. No viewer script from a
// CDN: the page is plain HTML under the app's strict CSP. Public, like the document it shows.

export const metadata: Metadata = { title: "API" };

type Parameter = { name: string; required: boolean; description?: string; schema: Record<string, unknown> };
type Operation = {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
};

function schemaSummary(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(" | ");
  if (schema.format) return `${schema.type} (${schema.format})`;
  return String(schema.type ?? "any");
}

function Json({ value }: { value: unknown }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** A body schema that names a shared one links to it below; any other is shown whole. */
function RequestSchema({ schema }: { schema: unknown }) {
  const reference = (schema as { $ref?: string } | undefined)?.$ref?.replace("#/components/schemas/", "");
  if (!reference) return <Json value={schema} />;
  return (
    <p className="text-sm text-slate-700">
      <a className="font-mono text-accent-700 underline" href={`#schema-${reference}`}>
        {reference}
      </a>{" "}
      (see Schemas below)
    </p>
  );
}

export default function ApiDocsPage() {
  const document = buildOpenApiDocument(packageJson.version);
  const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-6 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">
          {document.info.title} <span className="text-base font-normal text-slate-500">{document.info.version}</span>
        </h1>
        <p className="text-sm text-slate-700">{document.info.description}</p>
        <p className="text-sm text-slate-700">
          Machine-readable:{" "}
          <a className="text-accent-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>
      <nav aria-label="Operations" className="rounded-lg border border-slate-200 bg-white p-4">
        <ul className="space-y-1 text-sm">
          {Object.entries(paths).flatMap(([path, operations]) =>
            Object.entries(operations).map(([method, operation]) => (
              <li key={`${method} ${path}`}>
                <a className="hover:underline" href={`#${method}-${path}`}>
                  <span className="font-mono text-xs uppercase">{method}</span>{" "}
                  <span className="font-mono">{path}</span>{" "}
                  <span className="text-slate-500">— {operation.summary}</span>
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      {Object.entries(paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => (
          <section
            key={`${method} ${path}`}
            id={`${method}-${path}`}
            aria-labelledby={`${method}-${path}-title`}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id={`${method}-${path}-title`} className="flex items-center gap-2 text-lg font-semibold text-slate-900">
              <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_COLOURS[method] ?? ""}`}>
                {method}
              </span>
              <span className="font-mono">{path}</span>
            </h2>
            <p className="text-sm font-medium text-slate-800">{operation.summary}</p>
            {operation.description ? <p className="text-sm text-slate-700">{operation.description}</p> : null}
            {operation.parameters?.length ? (
              <table className="w-full text-left text-sm">
                <caption className="pb-1 text-left text-xs font-semibold text-slate-500 uppercase">
                  Query parameters
                </caption>
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-3">
                      Name
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Type
                    </th>
                    <th scope="col" className="py-1">
                      Meaning
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {operation.parameters.map((parameter) => (
                    <tr key={parameter.name}>
                      <td className="py-1 pr-3 font-mono text-xs">
                        {parameter.name}
                        {parameter.required ? <span className="text-red-700"> *</span> : null}
                      </td>
                      <td className="py-1 pr-3 font-mono text-xs text-slate-600">{schemaSummary(parameter.schema)}</td>
                      <td className="py-1 text-slate-700">{parameter.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {operation.requestBody ? (
              <div className="space-y-1">
                <h3 className="text-xs font-semibold text-slate-500 uppercase">Request body (application/json)</h3>
                <RequestSchema schema={operation.requestBody.content["application/json"]?.schema} />
              </div>
            ) : null}
            <div className="space-y-1">
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Responses</h3>
              <ul className="space-y-0.5 text-sm">
                {Object.entries(operation.responses).map(([status, response]) => (
                  <li key={status}>
                    <span className="font-mono text-xs font-semibold">{status}</span> {response.description}
                    {response.content ? (
                      <span className="text-slate-500"> ({Object.keys(response.content).join(", ")})</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        )),
      )}
      <section aria-labelledby="schemas" className="space-y-3">
        <h2 id="schemas" className="text-lg font-semibold text-slate-900">
          Schemas
        </h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="space-y-1">
            <h3 className="font-mono text-sm font-semibold text-slate-800">{name}</h3>
            <Json value={schema} />
          </div>
        ))}
      </section>
    </main>
  );
}
