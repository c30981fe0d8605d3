import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";

// How tags and themes look wherever they appear: a tag is an outlined pill in its colour, a theme a dot
// of its colour before its name. Every palette colour keeps 4.5:1 contrast as text on white.

export type LabelData = { id: number; name: string; color: string | null };

export function TagChip({
  tag,
  onRemove,
  tabbable = true,
  className,
}: {
  tag: LabelData;
  onRemove?: () => void;
  /** False inside a list row, where the row's keys and the toolbar do the work. */
  tabbable?: boolean;
  className?: string;
}) {
  const color = tag.color ?? "#475569";
  return (
    <span
      className={cn(
        "tag-chip inline-flex max-w-full items-center gap-0.5 rounded-full border bg-white px-1.5 text-[11px] leading-4 font-medium",
        className,
      )}
      style={{ "--tag-color": color } as React.CSSProperties}
    >
      <span className="truncate">{tag.name}</span>
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          tabIndex={tabbable ? undefined : -1}
          className="-mr-1 rounded-full p-0.5 hover:bg-slate-100"
          aria-label={`Remove the tag ${tag.name}`}
        >
          <X className="h-2.5 w-2.5" aria-hidden />
        </button>
      ) : null}
    </span>
  );
}

export function ThemeDot({ color, className }: { color: string | null; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("inline-block h-2 w-2 shrink-0 rounded-full", className)}
      style={{ backgroundColor: color ?? "#cbd5e1" }}
    />
  );
}

export function ThemeLabel({ theme, className, title }: { theme: LabelData; className?: string; title?: string }) {
  return (
    <span
      className={cn("inline-flex max-w-full items-center gap-1 text-[11px] text-slate-600", className)}
      title={title}
    >
      <ThemeDot color={theme.color} />
      <span className="truncate">{theme.name}</span>
    </span>
  );
}
