import { DATASET_LABELS, FORMAT_LABELS } from "@/components/exports/admin/labels";

/** The <option>s of a "dataset and format" select: one group per dataset, values "dataset:format". */
export function FormatOptions({ formats }: { formats: Record<string, readonly string[]> }) {
  return Object.entries(formats).map(([dataset, list]) => (
    <optgroup key={dataset} label={DATASET_LABELS[dataset] ?? dataset}>
      {list.map((format) => (
        <option key={format} value={`${dataset}:${format}`}>
          {FORMAT_LABELS[format] ?? format}
        </option>
      ))}
    </optgroup>
  ));
}

/** The <option>s of a split select: all splits (empty value), then each split. */
export function SplitOptions({ splits }: { splits: readonly string[] }) {
  return (
    <>
      <option value="">All splits</option>
      {splits.map((split) => (
        <option key={split} value={split}>
          {split}
        </option>
      ))}
    </>
  );
}
