import { readConversation } from "@/components/labeling/labeler/conversation-layout";
import { ConversationView } from "@/components/labeling/labeler/conversation-view";
import { OutputText } from "@/components/labeling/labeler/output-text";
import type { NextTask } from "@/lib/labeling/schema";

type FewShot = { instruction: string; examples: { query: string; response: string }[]; query?: string | null };

// The parts of a labeler-written prompt, checked by hand (no zod on the label screen); null when
// they are not what the kind says, and the prompt is then shown as plain text.
function readFewShot(structure: unknown): FewShot | null {
  const s = structure as Partial<FewShot> | null;
  const ok =
    !!s &&
    typeof s.instruction === "string" &&
    Array.isArray(s.examples) &&
    s.examples.every((e) => !!e && typeof e.query === "string" && typeof e.response === "string") &&
    (s.query == null || typeof s.query === "string");
  return ok ? (s as FewShot) : null;
}

function readUseCase(structure: unknown): string | null {
  const useCase = (structure as { use_case?: unknown } | null)?.use_case;
  return typeof useCase === "string" ? useCase : null;
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</p>
      {children}
    </div>
  );
}

/** A prompt's conversation, if it is one (null for plain-text prompts). */
export function promptConversation(prompt: NextTask["prompt"]) {
  return readConversation(prompt.messages);
}

/**
 * The task's prompt; a few-shot prompt shows its instruction, numbered examples and final query,
 * a conversation its turns (earlier ones folded).
 */
export function PromptView({ prompt }: { prompt: NextTask["prompt"] }) {
  const conversation = promptConversation(prompt);
  const turns = conversation?.filter((turn) => turn.role !== "system").length ?? 0;
  const fewShot = prompt.kind === "few_shot" ? readFewShot(prompt.structure) : null;
  const useCase = prompt.kind === "user_based" ? readUseCase(prompt.structure) : null;

  return (
    <section
      aria-label="Prompt"
      data-testid="task-prompt"
      data-kind={prompt.kind}
      data-conversation={conversation ? "true" : undefined}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900">{conversation ? "Conversation so far" : "Prompt"}</h2>
        {conversation ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">
            {turns} {turns === 1 ? "turn" : "turns"}
          </span>
        ) : null}
        {prompt.kind === "few_shot" ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">few-shot</span>
        ) : null}
        {prompt.kind === "user_based" ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">user-based</span>
        ) : null}
      </div>
      <div className="space-y-3 px-4 py-3">
        {conversation ? (
          <ConversationView turns={conversation} />
        ) : fewShot ? (
          <>
            <Part title="Instruction">
              <OutputText text={fewShot.instruction} />
            </Part>
            <ol className="space-y-2">
              {fewShot.examples.map((example, index) => (
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
            {fewShot.query ? (
              <Part title="Query">
                <OutputText text={fewShot.query} />
              </Part>
            ) : (
              <p className="text-xs text-slate-500 italic">No final query: the model continues after the examples.</p>
            )}
          </>
        ) : (
          <>
            {useCase ? (
              <p className="text-xs text-slate-500">
                <span className="font-medium text-slate-600">Use case:</span> {useCase}
              </p>
            ) : null}
            <OutputText text={prompt.text} />
          </>
        )}
      </div>
    </section>
  );
}
