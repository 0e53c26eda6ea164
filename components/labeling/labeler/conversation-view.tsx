"use client";

import { useId, useState } from "react";
import {
  layoutConversation,
  type PlacedTurn,
  ROLE_LABELS,
  type Turn,
  type TurnRole,
} from "@/components/labeling/labeler/conversation-layout";
import { OutputText } from "@/components/labeling/labeler/output-text";
import { cn } from "@/lib/ui/cn";

// Each role has its own bar and label colour, so a labeler tells turns apart without reading.
const ROLE_STYLE: Record<TurnRole, { bar: string; label: string; body: string; fade: string }> = {
  system: { bar: "border-amber-400", label: "text-amber-800", body: "bg-amber-50/50", fade: "from-amber-50" },
  user: { bar: "border-indigo-500", label: "text-indigo-700", body: "bg-slate-50", fade: "from-slate-50" },
  assistant: { bar: "border-emerald-500", label: "text-emerald-800", body: "bg-white", fade: "from-white" },
};

/** The frame of one turn: a coloured bar on the left, the role above the text. */
export function TurnFrame({
  speaker,
  meta,
  children,
  className,
  testId = "conversation-turn",
}: {
  speaker: TurnRole;
  meta?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const style = ROLE_STYLE[speaker];
  return (
    <li
      className={cn("min-w-0 rounded-r-md border-l-[3px] py-2 pr-3 pl-3 sm:pl-4", style.bar, style.body, className)}
      data-testid={testId}
      data-role={speaker}
    >
      <p className="flex items-baseline gap-2 text-xs">
        <span className={cn("font-semibold tracking-wide uppercase", style.label)}>{ROLE_LABELS[speaker]}</span>
        {meta ? <span className="text-slate-500">{meta}</span> : null}
      </p>
      <div className="mt-1 max-w-[75ch]">{children}</div>
    </li>
  );
}

function TurnItem({ turn, last }: { turn: PlacedTurn; last: boolean }) {
  return (
    <TurnFrame speaker={turn.role} meta={last ? "the outputs reply to this" : undefined}>
      <OutputText text={turn.content} fadeFrom={ROLE_STYLE[turn.role].fade} />
    </TurnFrame>
  );
}

/** The system message as one line that opens to the whole text: it governs every reply, so it is never folded away entirely. */
function SystemTurn({ turn }: { turn: Turn }) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const oneLine = turn.content.trim().replace(/\s+/g, " ");
  const short = oneLine.length <= 140 && !turn.content.trim().includes("\n");
  return (
    <TurnFrame
      speaker="system"
      meta={
        short ? undefined : (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panel}
            onClick={() => setOpen((value) => !value)}
            data-testid="system-toggle"
            className="rounded font-medium text-amber-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {open ? "Show less" : "Show all"}
          </button>
        )
      }
    >
      <div id={panel}>
        {short || open ? (
          <OutputText text={turn.content} fold={false} />
        ) : (
          <p className="truncate text-sm text-slate-700" title={oneLine}>
            {oneLine}
          </p>
        )}
      </div>
    </TurnFrame>
  );
}

/**
 * A conversation prompt as role-labelled turns: system instructions on one line (opening on
 * request), earlier turns folded behind "Show N earlier turns", the last turns and the user turn
 * the outputs reply to always in view. `next` is appended as the following turn (the
 * demonstration editor, styled as the assistant's reply).
 */
export function ConversationView({ turns, keep = 3, next }: { turns: Turn[]; keep?: number; next?: React.ReactNode }) {
  const { system, earlier, recent } = layoutConversation(turns, keep);
  const [showEarlier, setShowEarlier] = useState(false);
  const earlierId = useId();
  const lastUser = recent.findLastIndex((turn) => turn.role === "user");
  const count = earlier.length;

  return (
    <ol className="space-y-2" aria-label="Conversation" data-testid="conversation">
      {system.map((turn, i) => (
        <SystemTurn key={`s${i}`} turn={turn} />
      ))}
      {count ? (
        <li className="list-none">
          <button
            type="button"
            aria-expanded={showEarlier}
            aria-controls={earlierId}
            onClick={() => setShowEarlier((value) => !value)}
            data-testid="toggle-earlier-turns"
            className="flex w-full items-center gap-2 rounded-md border border-dashed border-slate-300 px-3 py-1.5 text-left text-xs font-medium text-slate-600 hover:border-slate-400 hover:bg-slate-50 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className={cn("size-3.5 transition-transform", showEarlier && "rotate-180")}>
              <path d="M4.5 6.5 8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
            {showEarlier ? `Hide ${count} earlier turns` : `Show ${count} earlier turns`}
          </button>
          <ol id={earlierId} className={cn("mt-2 space-y-2", !showEarlier && "hidden")} aria-label="Earlier turns">
            {showEarlier ? earlier.map((turn) => <TurnItem key={turn.index} turn={turn} last={false} />) : null}
          </ol>
        </li>
      ) : null}
      {recent.map((turn, i) => (
        <TurnItem key={turn.index} turn={turn} last={i === lastUser && !next} />
      ))}
      {next}
    </ol>
  );
}
