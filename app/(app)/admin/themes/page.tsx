import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listThemesForAdmin } from "@/lib/data/themes";
import { formatCount } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { LoadStarterRulesForm } from "@/components/themes/load-starter-rules-form";
import { ThemeForm } from "@/components/themes/theme-form";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

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
          <Table caption="Themes">
            <TableHeader>
              <Th>Theme</Th>
              <Th>Parent</Th>
              <Th align="right">By rule</Th>
              <Th align="right">By hand</Th>
              <Th align="right">Rules</Th>
            </TableHeader>
            <TableBody>
              {themes.map((theme) => (
                <Tr key={theme.id}>
                  <Td>
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
                  </Td>
                  <Td className="text-slate-600">{theme.parentName ?? "—"}</Td>
                  <Td numeric>{formatCount(theme.byRule)}</Td>
                  <Td numeric>{formatCount(theme.byHand)}</Td>
                  <Td numeric>{theme.rules}</Td>
                </Tr>
              ))}
            </TableBody>
          </Table>
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
