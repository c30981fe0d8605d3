import type { ThemeReason } from "@/lib/themes/explain";

// "Why this theme" for the reading view: pass it explainArticleThemes(article.id).

export function ThemeReasons({ reasons }: { reasons: ThemeReason[] }) {
  if (!reasons.length) return <p className="text-sm text-slate-500">No themes yet: no rule matched and nobody set one.</p>;
  return (
    <ul className="space-y-1.5 text-sm" aria-label="Why this article has its themes">
      {reasons.map((reason) => (
        <li key={reason.theme.id} className="flex items-start gap-2">
          <span aria-hidden className="mt-1.5 size-2.5 shrink-0 rounded-full" style={{ backgroundColor: reason.theme.color }} />
          <span className={reason.kind === "removed" ? "text-slate-500" : undefined}>
            <span className={reason.kind === "removed" ? "font-medium line-through" : "font-medium text-slate-900"}>{reason.theme.name}</span>
            <span className="text-slate-600">: {reason.text}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
