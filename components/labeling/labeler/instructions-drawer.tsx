"use client";

import { useId } from "react";
import { LazyMarkdown } from "@/components/ui/lazy-markdown";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/** The project's labeling instructions in a side drawer (a modal <dialog>), with their version. */
export function InstructionsDrawer({
  open,
  onClose,
  projectName,
  instructions,
  version,
}: {
  open: boolean;
  onClose: () => void;
  projectName: string;
  instructions: string;
  version: number;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes the dialog; Escape does the same from the keyboard.
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="instructions-drawer"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-xl bg-white p-0 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/30"
    >
      {open ? (
        <div className="flex h-full flex-col">
          <div className="flex items-start gap-3 border-b border-slate-200 px-5 py-3">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                Instructions
              </h2>
              <p className="text-xs text-slate-500">
                {projectName} · version {version}
              </p>
            </div>
            <button
              type="button"
              onClick={onClose}
              className="ml-auto rounded-md px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              // biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself; its close button is the first stop.
              autoFocus
            >
              Close <kbd className="ml-1 rounded border border-slate-200 px-1 text-[10px]">Esc</kbd>
            </button>
          </div>
          <div className="flex-1 overflow-y-auto px-5 py-4">
            {instructions.trim() ? (
              <LazyMarkdown source={instructions} />
            ) : (
              <p className="text-sm text-slate-500">This project has no written instructions yet.</p>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
