import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listThemesForAdmin } from "@/lib/data/themes";
import { formatCount } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { LoadStarterRulesForm } from "@/components/themes/load-starter-rules-form";
import { ThemeForm } from "@/components/themes/theme-form";
import { EmptyState } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Themes" };

export default async function ThemesPage() {
  await requirePagePermission("themes:manage");
  const themes = await listThemesForAdmin();
  return (
    <>
      <PageHeader
        title="Themes"
        description="Rules theme every new article; a theme set or removed by hand always wins over them."
        actions={<LoadStarterRulesForm />}
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_20rem]">
        {themes.length ? (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Themes</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Theme
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Parent
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    By rule
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    By hand
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Rules
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {themes.map((theme) => (
                  <tr key={theme.id}>
                    <td className="px-4 py-2">
                      <div className="flex items-center gap-2">
                        <span
                          aria-hidden
                          className="size-3 shrink-0 rounded-full"
                          style={{ backgroundColor: theme.color }}
                        />
                        <Link href={`/admin/themes/${theme.id}`} className="font-medium text-slate-900 hover:underline">
                          {theme.name}
                        </Link>
                      </div>
                      {theme.description ? (
                        <div className="mt-0.5 line-clamp-1 text-xs text-slate-500">{theme.description}</div>
                      ) : null}
                    </td>
                    <td className="px-4 py-2 text-slate-600">{theme.parentName ?? "—"}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatCount(theme.byRule)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatCount(theme.byHand)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{theme.rules}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No themes yet">Add one, or seed the demo to get the starter themes.</EmptyState>
        )}
        <section aria-labelledby="add-theme" className="h-fit rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-theme" className="mb-3 text-sm font-semibold text-slate-900">
            Add a theme
          </h2>
          <ThemeForm parents={themes.map(({ id, name }) => ({ id, name }))} />
        </section>
      </div>
    </>
  );
}
