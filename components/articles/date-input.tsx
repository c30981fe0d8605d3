"use client";

import { useId, useState } from "react";
import { LAST_YEAR, readDateField } from "@/lib/desk/date-field";
import { formatIsoDay } from "@/lib/validation/article-filter-url";
import { Input } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/**
 * A compact date field for one end of a range: shows the UTC day, reports a real day or undefined when
 * cleared, and says what is wrong with anything else (a five-digit year, a half-typed date) instead of
 * silently keeping the old filter.
 */
export function DateInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value?: Date;
  onChange: (day: Date | undefined) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  return (
    <span className="relative inline-flex">
      <Input
        type="date"
        aria-label={label}
        min="1900-01-01"
        max={`${LAST_YEAR}-12-31`}
        defaultValue={value ? formatIsoDay(value) : ""}
        key={value?.getTime() ?? "none"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          const reading = readDateField(event.target.value, event.target.validity.badInput);
          if (reading.kind === "invalid") return setError(reading.message);
          setError(null);
          onChange(reading.kind === "day" ? reading.day : undefined);
        }}
        className={cn("h-7 w-32 py-0 text-xs", error && "border-red-400")}
      />
      {error ? (
        <span
          id={errorId}
          role="alert"
          className="absolute top-full left-0 z-10 mt-1 rounded border border-red-200 bg-red-50 px-2 py-1 text-xs whitespace-nowrap text-red-800 shadow-sm"
        >
          {label}: {error}
        </span>
      ) : null}
    </span>
  );
}
