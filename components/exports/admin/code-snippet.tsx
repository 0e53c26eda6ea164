import { CopyButton } from "@/components/ui/copy-button";

/** A block of shell or Python to copy: shown as text (never HTML), scrolling sideways when long. */
export function CodeSnippet({ id, title, text, testId }: { id: string; title: string; text: string; testId: string }) {
  return (
    <div className="min-w-0">
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        <CopyButton text={text} targetId={id} />
      </div>
      <pre
        id={id}
        data-testid={testId}
        // Long lines (a curl command with its headers) wrap rather than hide past the edge; Copy takes them as written.
        className="rounded-md bg-slate-900 px-3 py-2.5 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100 [overflow-wrap:anywhere]"
      >
        {text}
      </pre>
    </div>
  );
}
