// An audit event's details as a person reads them: one "label: value" per field, in words, not raw JSON.
// Lists are joined and shortened ("12, 13, 14 and 17 more"), nested objects flattened one level, and
// camelCase keys spelled out ("articleIds" -> "article ids").

export type AuditDetail = { label: string; value: string };

const MAX_LIST = 5;
const MAX_TEXT = 160;

function labelOf(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
}

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") return shorten(value);
  if (Array.isArray(value)) {
    if (!value.length) return "none";
    const shown = value.slice(0, MAX_LIST).map(valueText).join(", ");
    return value.length > MAX_LIST ? `${shown} and ${value.length - MAX_LIST} more` : shown;
  }
  if (typeof value === "object")
    return shorten(
      Object.entries(value as Record<string, unknown>)
        .map(([key, inner]) => `${labelOf(key)} ${valueText(inner)}`)
        .join("; "),
    );
  return shorten(String(value));
}

export function describeAuditMeta(meta: unknown): AuditDetail[] {
  if (meta === null || typeof meta !== "object" || Array.isArray(meta))
    return meta == null ? [] : [{ label: "details", value: valueText(meta) }];
  return Object.entries(meta as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ label: labelOf(key), value: valueText(value) }));
}
