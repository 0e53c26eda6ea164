"use client";

import { useLayoutEffect, useRef } from "react";
import { ConversationView, TurnFrame } from "@/components/labeling/labeler/conversation-view";
import { PromptView, promptConversation } from "@/components/labeling/labeler/prompt-view";
import { Kbd } from "@/components/labeling/labeler/ranking-task";
import { type TaskProps, useTaskDraft } from "@/components/labeling/labeler/use-task-draft";
import { useTaskKeys } from "@/components/labeling/labeler/use-task-keys";
import { Button } from "@/components/ui/button";
import type { DemonstrationSubmission } from "@/lib/labeling/schema";
import { formatCount } from "@/lib/ui/format";

const MAX_CHARS = 50_000;

/**
 * The demonstration task: the prompt, and a roomy editor for the response the model should give;
 * for a conversation, the editor is the assistant's next turn below the conversation.
 */
export function DemonstrationTask(props: TaskProps<DemonstrationSubmission>) {
  const { task, submitting, blocked, error, onSubmit } = props;
  const { draft, update, elapsed, restored } = useTaskDraft(props);
  const editor = useRef<HTMLTextAreaElement>(null);
  const ready = draft.text.trim().length > 0 && draft.text.length <= MAX_CHARS;

  const send = () => {
    if (ready && !submitting && !blocked) onSubmit({ text: draft.text, duration_ms: Math.min(24 * 3600_000, elapsed()) });
  };
  useTaskKeys(send);

  const words = draft.text.trim() ? draft.text.trim().split(/\s+/).length : 0;
  const conversation = promptConversation(task.prompt);
  const minHeight = conversation ? 200 : 320;

  // Grow with the text, so the labeler sees all of it and the page scrolls, not the box.
  useLayoutEffect(() => {
    const element = editor.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.max(element.scrollHeight + 2, minHeight)}px`;
  }, [draft.text, minHeight]);

  const footer = (
    <>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
        <span data-testid="char-count" className={draft.text.length > MAX_CHARS ? "font-medium text-red-600" : undefined}>
          {formatCount(draft.text.length)} characters · {formatCount(words)} words
        </span>
        <span className="ml-auto hidden sm:inline">
          <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd> submit
        </span>
      </div>
      {error ? (
        <p className="mt-2 text-xs font-medium text-red-600" data-testid="submit-error">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex items-center justify-end gap-3">
        {!ready && !draft.text.trim() ? (
          <p className="text-xs text-slate-500">{conversation ? "Write the reply to submit." : "Write the response to submit."}</p>
        ) : null}
        <Button data-testid="submit-task" disabled={!ready || blocked} pending={submitting} onClick={send}>
          Submit and next
        </Button>
      </div>
    </>
  );

  // A conversation reads top to bottom, so the labeler's reply is written as its next turn, in the
  // same column and in the assistant's colours.
  if (conversation) {
    return (
      <div className="mx-auto max-w-3xl space-y-2">
        {restored ? <p className="text-xs text-slate-500">Picked up where you left off: your text was kept in this browser.</p> : null}
        <section
          aria-labelledby="demo-title"
          className="rounded-lg border border-slate-200 bg-white shadow-sm"
          data-testid="task-prompt"
          data-conversation="true"
        >
          <div className="border-b border-slate-100 px-4 py-2">
            <h2 id="demo-title" className="text-sm font-semibold text-slate-900">
              Write the assistant's next turn
            </h2>
            <p className="text-xs text-slate-500">
              Read the conversation, then reply as a helpful, honest and harmless assistant would. Markdown is fine.
            </p>
          </div>
          <div className="px-4 py-3">
            <ConversationView
              turns={conversation}
              next={
                <TurnFrame speaker="assistant" meta="your reply" testId="demonstration-turn" className="ring-1 ring-emerald-200">
                  <label htmlFor="demonstration-text" className="sr-only">
                    The assistant's next turn
                  </label>
                  <textarea
                    ref={editor}
                    id="demonstration-text"
                    data-testid="demonstration-text"
                    value={draft.text}
                    onChange={(event) => update({ text: event.target.value })}
                    spellCheck
                    className="block w-full resize-none rounded-md border-0 bg-white px-3 py-2.5 text-sm leading-relaxed text-slate-900 ring-1 ring-slate-200 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-emerald-600 focus:outline-none"
                    style={{ minHeight }}
                    placeholder="Write the assistant's reply…"
                  />
                  {footer}
                </TurnFrame>
              }
            />
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-2 lg:items-start">
      <div className="min-w-0 space-y-2 lg:sticky lg:top-[7.25rem] lg:max-h-[calc(100vh-8rem)] lg:overflow-y-auto">
        {restored ? <p className="text-xs text-slate-500">Picked up where you left off: your text was kept in this browser.</p> : null}
        <PromptView prompt={task.prompt} />
      </div>
      <section aria-labelledby="demo-title" className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-100 px-4 py-2">
          <h2 id="demo-title" className="text-sm font-semibold text-slate-900">
            Write the response
          </h2>
          <p className="text-xs text-slate-500">
            The answer you'd want a helpful, honest and harmless assistant to give. Markdown is fine.
          </p>
        </div>
        <div className="px-4 py-3">
          <label htmlFor="demonstration-text" className="sr-only">
            Your response
          </label>
          <textarea
            ref={editor}
            id="demonstration-text"
            data-testid="demonstration-text"
            value={draft.text}
            onChange={(event) => update({ text: event.target.value })}
            spellCheck
            className="block min-h-80 w-full resize-none rounded-md border-0 bg-white px-3 py-2.5 text-sm leading-relaxed text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
            placeholder="Write the response here…"
          />
          {footer}
        </div>
      </section>
    </div>
  );
}
