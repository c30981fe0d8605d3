import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/session";
import { listRuleSources } from "@/lib/data/theme-rules";
import { getThemeForAdmin, listThemesForAdmin } from "@/lib/data/themes";
import { formatCount } from "@/lib/format";
import { RULE_SCOPE_PHRASES } from "@/lib/themes/scope";
import { PageHeader } from "@/components/app/page-header";
import { RerunProgress } from "@/components/themes/rerun-progress";
import { RuleEditor } from "@/components/themes/rule-editor";
import { DeleteThemeForm, ThemeForm } from "@/components/themes/theme-form";

export const metadata: Metadata = { title: "Theme" };

export default async function ThemePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("themes:manage");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const [theme, themes, sources] = await Promise.all([getThemeForAdmin(id), listThemesForAdmin(), listRuleSources()]);
  if (!theme) notFound();
  return (
    <>
      <PageHeader
        title={theme.name}
        description={`${formatCount(theme.byRule)} articles by rule, ${formatCount(theme.byHand)} by hand.`}
        actions={
          <Link href="/admin/themes" className="text-sm text-accent-700 hover:underline">
            All themes
          </Link>
        }
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_20rem]">
        <section aria-labelledby="rules" className="space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="rules" className="text-sm font-semibold text-slate-900">
              Rules
            </h2>
            <RerunProgress key={theme.rerun?.id ?? 0} themeId={theme.id} initial={theme.rerun} />
          </div>
          {theme.rules.length === 0 ? (
            <p className="text-sm text-slate-500">No rules yet: only hand assignments give this theme.</p>
          ) : null}
          <ul className="space-y-3">
            {theme.rules.map((rule) => (
              <li
                key={`${rule.id}-${rule.updatedAt.getTime()}`}
                className="rounded-lg border border-slate-200 bg-white p-3"
              >
                <p className="mb-2 text-xs text-slate-500">
                  Rule {rule.id}, looks {RULE_SCOPE_PHRASES[rule.scope]}
                  {rule.enabled ? "" : ", disabled"}
                </p>
                <RuleEditor themeId={theme.id} rule={rule} sources={sources} />
              </li>
            ))}
          </ul>
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-3">
            <h3 className="mb-2 text-sm font-medium text-slate-800">Add a rule</h3>
            <RuleEditor key={theme.rules.length} themeId={theme.id} sources={sources} />
          </div>
        </section>
        <section
          aria-labelledby="edit-theme"
          className="h-fit space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="edit-theme" className="text-sm font-semibold text-slate-900">
            Theme
          </h2>
          <ThemeForm
            theme={{
              id: theme.id,
              name: theme.name,
              description: theme.description,
              color: theme.color,
              parentId: theme.parentId,
            }}
            parents={themes.map(({ id: parentId, name }) => ({ id: parentId, name }))}
          />
          <DeleteThemeForm themeId={theme.id} name={theme.name} />
        </section>
      </div>
    </>
  );
}
