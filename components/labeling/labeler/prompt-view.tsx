import { z } from "zod";
import { OutputText } from "@/components/labeling/labeler/output-text";
import type { NextTask } from "@/lib/labeling/schema";

const fewShotSchema = z.object({
  instruction: z.string(),
  examples: z.array(z.object({ query: z.string(), response: z.string() })),
  query: z.string().nullish(),
});
const userBasedSchema = z.object({ use_case: z.string() });

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</p>
      {children}
    </div>
  );
}

/** The task's prompt; a few-shot prompt shows its instruction, numbered examples and final query. */
export function PromptView({ prompt }: { prompt: NextTask["prompt"] }) {
  const fewShot = prompt.kind === "few_shot" ? fewShotSchema.safeParse(prompt.structure) : null;
  const userBased = prompt.kind === "user_based" ? userBasedSchema.safeParse(prompt.structure) : null;

  return (
    <section
      aria-label="Prompt"
      data-testid="task-prompt"
      data-kind={prompt.kind}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900">Prompt</h2>
        {prompt.kind === "few_shot" ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">few-shot</span>
        ) : null}
        {prompt.kind === "user_based" ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">user-based</span>
        ) : null}
      </div>
      <div className="space-y-3 px-4 py-3">
        {fewShot?.success ? (
          <>
            <Part title="Instruction">
              <OutputText text={fewShot.data.instruction} />
            </Part>
            <ol className="space-y-2">
              {fewShot.data.examples.map((example, index) => (
                <li key={index} className="rounded-md border border-slate-200 bg-slate-50/70 px-3 py-2" data-testid="prompt-example">
                  <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Example {index + 1}</p>
                  <div className="grid gap-2 sm:grid-cols-[5rem_1fr]">
                    <span className="text-xs font-medium text-slate-500">Query</span>
                    <OutputText text={example.query} />
                    <span className="text-xs font-medium text-slate-500">Response</span>
                    <OutputText text={example.response} />
                  </div>
                </li>
              ))}
            </ol>
            {fewShot.data.query ? (
              <Part title="Query">
                <OutputText text={fewShot.data.query} />
              </Part>
            ) : (
              <p className="text-xs text-slate-500 italic">No final query: the model continues after the examples.</p>
            )}
          </>
        ) : (
          <>
            {userBased?.success ? (
              <p className="text-xs text-slate-500">
                <span className="font-medium text-slate-600">Use case:</span> {userBased.data.use_case}
              </p>
            ) : null}
            <OutputText text={prompt.text} />
          </>
        )}
      </div>
    </section>
  );
}
