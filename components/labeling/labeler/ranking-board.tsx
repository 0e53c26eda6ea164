"use client";

import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { OutputText } from "@/components/labeling/labeler/output-text";
import {
  type Buckets,
  chipAfterPlacing,
  insertAsRank,
  moveDown,
  moveToBucket,
  moveUp,
  type Ratings,
  rankOf,
  tieWithAbove,
  unrank,
  unranked,
} from "@/components/labeling/labeler/ranking-state";
import { cn } from "@/lib/ui/cn";

/** An output on the board: `snippet` tells it apart at a glance, `text` is shown whole on hover or focus. */
export type BoardOutput = { id: string; label: string; text: string; snippet: string };

// Prefer the droppable under the pointer (so the thin gaps between buckets can be hit), else the
// one the dragged card overlaps most.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

// The gaps between buckets widen once a drag starts, so droppables are measured throughout.
const measuring = { droppable: { strategy: MeasuringStrategy.Always } };
// Scroll the ranking panel only when the pointer is right at its edge, so hovering a gap near
// the top or bottom does not slide the list away under it.
const autoScroll = { threshold: { x: 0, y: 0.06 }, acceleration: 6 };

// dnd-kit's default screen-reader text describes its own keyboard dragging, which is replaced here.
const accessibility = {
  screenReaderInstructions: {
    draggable:
      "Drag with a mouse or finger, or press 1 to 9 to put this output in that rank; arrow keys move it, t ties it with the rank above, 0 takes it out.",
  },
};

/**
 * Step 2: outputs in ordered buckets, best first; one bucket holds tied outputs. Drag onto a
 * bucket to tie, between buckets for a new rank; or focus a card and use the keys in the legend.
 */
export function RankingBoard({
  outputs,
  buckets,
  ratings,
  onChange,
  onShowOutput,
}: {
  outputs: BoardOutput[];
  buckets: Buckets;
  ratings: Ratings;
  onChange: (buckets: Buckets) => void;
  onShowOutput: (label: string) => void;
}) {
  const byId = new Map(outputs.map((o) => [o.id, o]));
  const tray = unranked(
    buckets,
    outputs.map((o) => o.id),
  );
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
  );

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    root.current?.querySelector<HTMLElement>(`[data-chip-id="${CSS.escape(id)}"]`)?.focus();
  }, [buckets]);

  function describe(next: Buckets, id: string) {
    const label = byId.get(id)?.label ?? "?";
    const at = rankOf(next, id);
    if (at === -1) return `${label} is not ranked.`;
    const tied = next[at]!.filter((other) => other !== id).map((other) => byId.get(other)?.label);
    return `${label}: rank ${at + 1} of ${next.length}${tied.length ? `, tied with ${tied.join(", ")}` : ""}.`;
  }

  function apply(next: Buckets, id: string, focus: string | null) {
    if (focus) pendingFocus.current = focus;
    setAnnouncement(describe(next, id));
    if (next !== buckets) onChange(next);
  }

  function onChipKey(event: KeyboardEvent<HTMLElement>, id: string) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const digit = Number(event.key);
    let next: Buckets | null = null;
    if (/^[1-9]$/.test(event.key)) next = moveToBucket(buckets, id, digit - 1);
    else if (event.key === "ArrowUp") next = moveUp(buckets, id);
    else if (event.key === "ArrowDown") next = moveDown(buckets, id);
    else if (event.key === "t" || event.key === "T") next = tieWithAbove(buckets, id);
    else if (event.key === "0" || event.key === "Backspace" || event.key === "Delete") next = unrank(buckets, id);
    else if (event.key === "Enter") {
      event.preventDefault();
      onShowOutput(byId.get(id)!.label);
      return;
    } else return;
    event.preventDefault();
    const order = outputs.map((o) => o.id);
    apply(next, id, /^[1-9]$/.test(event.key) ? chipAfterPlacing(buckets, next, id, order) : id);
  }

  function onDragStart(event: DragStartEvent) {
    setDragging(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const id = String(event.active.id);
    const over = event.over ? String(event.over.id) : null;
    if (!over) return;
    const [kind, index] = over.split(":") as [string, string | undefined];
    if (kind === "bucket") apply(moveToBucket(buckets, id, Number(index)), id, null);
    else if (kind === "gap") apply(insertAsRank(buckets, id, Number(index)), id, null);
    else if (kind === "tray") apply(unrank(buckets, id), id, null);
  }

  const showPreview = (id: string, element: HTMLElement) => setPreview(placePreview(id, element.getBoundingClientRect()));
  const hidePreview = (id: string) => setPreview((current) => (current?.id === id ? null : current));

  const chip = (id: string) => {
    const output = byId.get(id);
    if (!output) return null;
    return (
      <Chip
        key={id}
        output={output}
        likert={ratings[id]?.likert ?? null}
        onKeyDown={(event) => onChipKey(event, id)}
        hidden={dragging === id}
        previewing={preview?.id === id}
        onPreview={(element) => (element ? showPreview(id, element) : hidePreview(id))}
      />
    );
  };
  const previewed = preview && !dragging ? byId.get(preview.id) : undefined;

  return (
    <div ref={root}>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        measuring={measuring}
        autoScroll={autoScroll}
        accessibility={accessibility}
        onDragStart={(event) => {
          setPreview(null);
          onDragStart(event);
        }}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <ol aria-label="Ranking, best first" className="flex flex-col">
          <Gap index={0} active={!!dragging} empty={buckets.length === 0} />
          {buckets.map((bucket, index) => (
            <li key={bucket.join("|")} className="contents">
              <Bucket index={index}>{bucket.map(chip)}</Bucket>
              <Gap index={index + 1} active={!!dragging} />
            </li>
          ))}
        </ol>
        <Tray active={!!dragging}>{tray.length ? tray.map(chip) : null}</Tray>
        <DragOverlay dropAnimation={null}>
          {dragging && byId.get(dragging) ? (
            <ChipFace output={byId.get(dragging)!} likert={ratings[dragging]?.likert ?? null} lifted />
          ) : null}
        </DragOverlay>
      </DndContext>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <p id="ranking-keys" className="sr-only">
        Press 1 to 9 to put this output in that rank, arrow keys to move it, t to tie it with the rank above, 0 to take it out, Enter to
        show it.
      </p>
      {previewed && preview ? (
        <div
          id="rank-preview"
          role="tooltip"
          data-testid="rank-preview"
          style={preview.style}
          className="pointer-events-none fixed z-40 w-[26rem] max-w-[calc(100vw-2rem)] overflow-hidden rounded-lg border border-slate-200 bg-white px-3 py-2 text-slate-800 shadow-xl ring-1 ring-slate-900/5"
        >
          <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Output {previewed.label}</p>
          <OutputText text={previewed.text} fold={false} className="text-sm" />
        </div>
      ) : null}
    </div>
  );
}

type Preview = { id: string; style: React.CSSProperties };

// The whole output beside its card: to the left of the ranking panel when there is room (a
// laptop), else above or below the card across the screen (a phone). Its height is what fits.
function placePreview(id: string, rect: DOMRect): Preview {
  const { innerWidth: width, innerHeight: height } = window;
  const margin = 12;
  if (rect.left > 440) {
    const right = width - rect.left + 8;
    return rect.top < height / 2
      ? { id, style: { right, top: Math.max(margin, rect.top), maxHeight: height - Math.max(margin, rect.top) - margin } }
      : { id, style: { right, bottom: Math.max(margin, height - rect.bottom), maxHeight: rect.bottom - margin } };
  }
  return rect.top < height / 2
    ? { id, style: { left: margin, right: margin, width: "auto", top: rect.bottom + 6, maxHeight: height - rect.bottom - 6 - margin } }
    : { id, style: { left: margin, right: margin, width: "auto", bottom: height - rect.top + 6, maxHeight: rect.top - 6 - margin } };
}

function Bucket({ index, children }: { index: number; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `bucket:${index}` });
  const count = Array.isArray(children) ? children.length : 1;
  return (
    <div
      ref={setNodeRef}
      data-testid="rank-bucket"
      data-rank={index + 1}
      data-over={isOver || undefined}
      className={cn(
        "flex gap-2 rounded-md border p-1 transition-colors",
        isOver ? "border-indigo-400 bg-indigo-50" : "border-slate-200 bg-slate-50",
      )}
    >
      <div className="flex w-6 shrink-0 flex-col items-center pt-0.5">
        <span className="text-sm font-semibold text-slate-700 tabular-nums">{index + 1}</span>
        {count > 1 ? <span className="mt-0.5 text-[10px] font-medium tracking-wide text-amber-700 uppercase">tie</span> : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">{children}</div>
    </div>
  );
}

// Gaps keep one height whether or not a drag is on: dnd-kit measures drop targets when a drag
// starts, so nothing may move then. With no buckets yet, the first gap is the whole empty board.
function Gap({ index, active, empty }: { index: number; active: boolean; empty?: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: `gap:${index}` });
  if (empty) {
    return (
      <div
        ref={setNodeRef}
        data-testid="rank-gap"
        data-gap={index}
        data-over={isOver || undefined}
        className={cn(
          "rounded-md border border-dashed px-3 py-4 text-center text-xs",
          isOver ? "border-indigo-500 bg-indigo-50 text-indigo-700" : "border-slate-300 text-slate-500",
        )}
      >
        Drag outputs here, or focus one below and press 1.
      </div>
    );
  }
  return (
    <div
      ref={setNodeRef}
      data-testid="rank-gap"
      data-gap={index}
      data-over={isOver || undefined}
      aria-hidden="true"
      className="flex h-4 items-center"
    >
      <div
        className={cn(
          "w-full rounded-full transition-colors",
          isOver ? "h-1 bg-indigo-500" : active ? "h-px bg-slate-300" : "h-px bg-transparent",
        )}
      />
    </div>
  );
}

function Tray({ active, children }: { active: boolean; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: "tray" });
  if (!children && !active) return null;
  return (
    <div
      ref={setNodeRef}
      data-testid="rank-tray"
      data-over={isOver || undefined}
      className={cn("mt-1 rounded-md border border-dashed p-1", isOver ? "border-indigo-400 bg-indigo-50" : "border-slate-300 bg-white")}
    >
      <p className="px-1 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Not ranked yet</p>
      <div className="flex flex-col gap-1">
        {children ?? <p className="px-1 py-2 text-xs text-slate-400">Drop here to take an output out of the ranking.</p>}
      </div>
    </div>
  );
}

function Chip({
  output,
  likert,
  onKeyDown,
  hidden,
  previewing,
  onPreview,
}: {
  output: BoardOutput;
  likert: number | null;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  hidden: boolean;
  previewing: boolean;
  /** The card is hovered or focused (its element), or no longer (null): show or hide the whole output. */
  onPreview: (element: HTMLElement | null) => void;
}) {
  const { setNodeRef, attributes, listeners } = useDraggable({ id: output.id });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onMouseEnter={(event) => onPreview(event.currentTarget)}
      onMouseLeave={() => onPreview(null)}
      onFocus={(event) => onPreview(event.currentTarget)}
      onBlur={() => onPreview(null)}
      // Our own keys replace dnd-kit's keyboard dragging, so drop its role/description.
      role="button"
      aria-roledescription="rankable output"
      aria-describedby={previewing ? "ranking-keys rank-preview" : "ranking-keys"}
      aria-label={`Output ${output.label}${likert != null ? `, Likert ${likert}` : ""}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="rank-chip"
      data-label={output.label}
      data-chip-id={output.id}
      className={cn(
        "touch-manipulation rounded-md outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        hidden && "opacity-30",
      )}
    >
      <ChipFace output={output} likert={likert} />
    </div>
  );
}

function ChipFace({ output, likert, lifted }: { output: BoardOutput; likert: number | null; lifted?: boolean }) {
  return (
    <div
      className={cn(
        "flex cursor-grab items-center gap-2 rounded-md border bg-white px-2 py-1 text-xs select-none active:cursor-grabbing",
        lifted ? "border-indigo-400 shadow-lg ring-2 ring-indigo-200" : "border-slate-200 shadow-xs hover:border-slate-300",
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 12 16" className="h-3.5 w-2.5 shrink-0 text-slate-300" fill="currentColor">
        <circle cx="3" cy="3" r="1.3" />
        <circle cx="9" cy="3" r="1.3" />
        <circle cx="3" cy="8" r="1.3" />
        <circle cx="9" cy="8" r="1.3" />
        <circle cx="3" cy="13" r="1.3" />
        <circle cx="9" cy="13" r="1.3" />
      </svg>
      <span className="inline-flex size-5 shrink-0 items-center justify-center rounded bg-slate-900 text-[11px] font-semibold text-white">
        {output.label}
      </span>
      <span className="line-clamp-2 min-w-0 flex-1 leading-snug text-slate-600">{output.snippet}</span>
      <span
        className={cn(
          "shrink-0 rounded px-1 py-px font-medium tabular-nums",
          likert != null ? "bg-indigo-50 text-indigo-700" : "text-slate-300",
        )}
        title="Likert rating"
      >
        {likert ?? "–"}
      </span>
    </div>
  );
}
