import { cn } from "@/components/ui/cn";

// The app's data table: a bordered card that scrolls sideways when the columns do not fit, a caption for
// screen readers (the table's accessible name), column headers with scope="col", and rows divided by
// hairlines. Cell padding is set once per table by its density, so columns line up across every page:
//
//   <Table caption="API tokens">
//     <TableHeader><Th>Token</Th><Th align="right">Uses</Th><Th hidden>Actions</Th></TableHeader>
//     <TableBody>{rows.map((row) => <Tr key={row.id} muted={row.revoked}><Td>…</Td>…</Tr>)}</TableBody>
//   </Table>

const DENSITIES = {
  /** Lists of a few dozen rows with forms or two-line cells. */
  normal: "[&_td]:px-4 [&_td]:py-2 [&_th]:px-4 [&_th]:py-2",
  /** Many columns, or many short rows (runs, the audit log). */
  compact: "[&_td]:px-3 [&_td]:py-1.5 [&_th]:px-3 [&_th]:py-2",
} as const;

export function Table({
  caption,
  density = "normal",
  className,
  children,
}: {
  /** Read by screen readers and used as the table's name (getByRole("table", { name })). */
  caption: string;
  density?: keyof typeof DENSITIES;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    // h-fit: beside a taller panel in a grid, the card ends with its last row instead of stretching.
    // relative: the sr-only texts inside (absolutely placed) stay in the scrolling card, not widen the page.
    <div className={cn("relative h-fit overflow-x-auto rounded-lg border border-slate-200 bg-white", className)}>
      <table className={cn("w-full text-left text-sm", DENSITIES[density])}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row; its children are Th cells. */
export function TableHeader({ children }: { children: React.ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
      <tr>{children}</tr>
    </thead>
  );
}

/** A column header. `hidden` keeps the name for screen readers only (an actions column). */
export function Th({
  align = "left",
  hidden = false,
  className,
  children,
}: {
  align?: "left" | "right";
  hidden?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <th scope="col" className={cn("font-medium whitespace-nowrap", align === "right" && "text-right", className)}>
      {hidden ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

/** The rows; `valign="top"` when some cells run to several lines. */
export function TableBody({ valign, children }: { valign?: "top"; children: React.ReactNode }) {
  return <tbody className={cn("divide-y divide-slate-100", valign === "top" && "align-top")}>{children}</tbody>;
}

/** A row; `muted` greys out what no longer acts (a deactivated account, a revoked token, a paused feed). */
export function Tr({ muted = false, className, ...props }: React.ComponentProps<"tr"> & { muted?: boolean }) {
  return <tr className={cn(muted && "bg-slate-50 text-slate-500", className)} {...props} />;
}

/** A cell; `numeric` aligns it right with even-width digits, under a Th with align="right". */
export function Td({ numeric = false, className, ...props }: React.ComponentProps<"td"> & { numeric?: boolean }) {
  return <td className={cn(numeric && "text-right tabular-nums", className)} {...props} />;
}
