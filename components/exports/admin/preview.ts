// The preview box's text. Pure.

const LONG = 400;

/** Replaces strings longer than `max` characters by their start and a count of what was left out. */
export function shortenStrings(value: unknown, max = LONG): unknown {
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}… [${value.length - max} more characters]` : value;
  if (Array.isArray(value)) return value.map((item) => shortenStrings(item, max));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shortenStrings(item, max)]));
  return value;
}

/** Records pretty-printed one after another, long texts shortened (the export itself is not). */
export function previewText(records: unknown[]): string {
  return records.map((record) => JSON.stringify(shortenStrings(record), null, 2)).join("\n\n");
}
