import { Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled select of a list's filter form: "All" first, then `options` (value → text). */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  wrapperClassName,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: Record<string, string>;
  wrapperClassName?: string;
}) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs">
        {label}
      </Label>
      <Select id={id} name={name} defaultValue={value ?? ""} wrapperClassName={wrapperClassName}>
        <option value="">All</option>
        {Object.entries(options).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}
