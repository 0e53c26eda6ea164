import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { placeholderParts } from "@/lib/pii/placeholders";
import type { ReviewedText, TaskRedactions } from "@/lib/pii/review";

// Display names of the redactor's types.
const TYPE_LABELS: Record<string, string> = {
  PERSON: "Person",
  EMAIL: "Email",
  PHONE: "Phone",
  CREDIT_CARD: "Card",
  IBAN: "IBAN",
  US_SSN: "SSN",
  NATIONAL_ID: "National ID",
  HANDLE: "Handle",
  IP_ADDRESS: "IP address",
  STREET_ADDRESS: "Address",
  DATE_OF_BIRTH: "Date of birth",
  SECRET: "Secret",
};
const label = (type: string) => TYPE_LABELS[type] ?? type;

/** Characters of text shown on either side of a placeholder in the list of replacements. */
const CONTEXT = 40;
/** Replacements listed per text; the full text below shows them all. */
const LISTED = 12;

/**
 * What the redactor replaced in a task's prompt and outputs: per text, counts per type, each
 * placeholder with the words around it (so a reviewer sees at a glance whether "Roth" in "Roth IRA"
 * was taken for a person), and the whole text with the placeholders highlighted.
 */
export function RedactionReview({ review }: { review: TaskRedactions }) {
  const total = [review.prompt, ...review.outputs].reduce((n, t) => n + t.counts.reduce((m, c) => m + c.count, 0), 0);
  return (
    <Card data-testid="redaction-review">
      <CardHeader>
        <CardTitle>Redactions</CardTitle>
        <CardDescription>
          Personal data is replaced with numbered placeholders before anything is stored, so what can be reviewed is where each placeholder
          stands and what kind of data it replaced. {total === 0 ? "Nothing was replaced in this task." : null} Model outputs of this
          project are {review.redactOutputs ? "redacted" : <strong>stored as sent</strong>} (the project setting &ldquo;Redact model
          outputs&rdquo;; prompts always are).
          {review.keepPublicFigures
            ? " Names of well-known public figures are kept as written (the project setting “Keep the names of well-known public figures”)."
            : null}
        </CardDescription>
      </CardHeader>
      <CardBody className="space-y-4">
        <ReviewedBlock title="Prompt" item={review.prompt} testId="redactions-prompt" />
        {review.outputs.map((output, i) => (
          <ReviewedBlock
            key={output.id}
            title={
              <>
                #{i + 1} <span className="font-mono font-normal text-slate-500">{output.model}</span>
              </>
            }
            item={output}
            testId={`redactions-output-${i + 1}`}
          />
        ))}
      </CardBody>
    </Card>
  );
}

function ReviewedBlock({ title, item, testId }: { title: React.ReactNode; item: ReviewedText; testId: string }) {
  const parts = placeholderParts(item.text);
  const found = item.counts.reduce((n, c) => n + c.count, 0);
  // Each placeholder with the text around it, in order.
  const contexts: Array<{ before: string; placeholder: string; type: string; after: string }> = [];
  for (let k = 0; k < parts.length && contexts.length < LISTED; k++) {
    const part = parts[k]!;
    if (!part.type) continue;
    const before = parts[k - 1]?.type ? "" : (parts[k - 1]?.text ?? "");
    const after = parts[k + 1]?.type ? "" : (parts[k + 1]?.text ?? "");
    contexts.push({
      before: (before.length > CONTEXT ? "…" : "") + before.slice(-CONTEXT),
      placeholder: part.text,
      type: part.type,
      after: after.slice(0, CONTEXT) + (after.length > CONTEXT ? "…" : ""),
    });
  }
  const placeholders = parts.filter((p) => p.type).length;
  return (
    <section className="rounded-md border border-slate-200 p-3" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-1.5">
        <h3 className="mr-1 text-xs font-semibold text-slate-900">{title}</h3>
        {found === 0 ? (
          <span className="text-xs text-slate-500">{item.source === "recorded" ? "nothing replaced" : "no placeholders"}</span>
        ) : (
          item.counts.map((c) => (
            <Badge key={c.type} tone="amber" data-testid="redaction-count">
              {label(c.type)} × {c.count}
            </Badge>
          ))
        )}
        {item.source === "unrecorded" ? (
          <span className="text-[11px] text-slate-500" title="Stored as sent (redaction of outputs off), or stored before counts were kept">
            · counted from the text
          </span>
        ) : null}
      </div>
      {contexts.length ? (
        <ul className="mt-2 space-y-0.5 font-mono text-xs text-slate-600">
          {contexts.map((c, k) => (
            // Placeholders repeat (the same value twice): the index keeps keys apart.
            <li key={k} className="break-words">
              {c.before.replace(/\s+/g, " ")}
              <Highlight type={c.type} text={c.placeholder} />
              {c.after.replace(/\s+/g, " ")}
            </li>
          ))}
          {placeholders > contexts.length ? <li className="text-slate-400">… and {placeholders - contexts.length} more below</li> : null}
        </ul>
      ) : null}
      {placeholders > 0 ? (
        <details className="group mt-2 text-xs">
          <summary className="cursor-pointer font-medium text-indigo-600 hover:text-indigo-500">
            <span className="group-open:hidden">Show the whole text with its placeholders</span>
            <span className="hidden group-open:inline">Hide the text</span>
          </summary>
          <div className="mt-1 max-h-96 overflow-y-auto rounded bg-slate-50 px-2 py-1.5 text-sm whitespace-pre-wrap text-slate-800">
            {parts.map((part, k) =>
              part.type ? <Highlight key={k} type={part.type} text={part.text} /> : <span key={k}>{part.text}</span>,
            )}
          </div>
        </details>
      ) : null}
    </section>
  );
}

function Highlight({ type, text }: { type: string; text: string }) {
  return (
    <mark className="rounded bg-amber-100 px-0.5 font-mono text-amber-900" title={label(type)} data-testid="redaction-placeholder">
      {text}
    </mark>
  );
}
