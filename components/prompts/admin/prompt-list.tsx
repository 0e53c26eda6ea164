"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  conversationBadgeLabel,
  conversationBadgeTitle,
  conversationPreview,
  ROLE_NAMES,
} from "@/components/prompts/admin/conversation-preview";
import { KIND_LABELS, SOURCE_LABELS, SPLIT_LABELS, USE_CASE_LABELS } from "@/components/prompts/admin/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConversationMessage } from "@/lib/prompts/conversation";
import type { PromptRow } from "@/lib/prompts/queries";
import { callApi } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

export type PromptListItem = Omit<PromptRow, "createdAt" | "userRef"> & { created: string; userShort: string };

const SPLIT_TONES = { train: "indigo", valid: "amber", test: "green" } as const;

export function PromptList({ slug, prompts }: { slug: string; prompts: PromptListItem[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="prompt-list">
      {prompts.map((prompt) => (
        <PromptItem key={prompt.id} slug={slug} prompt={prompt} />
      ))}
    </ul>
  );
}

function PromptItem({ slug, prompt }: { slug: string; prompt: PromptListItem }) {
  const router = useRouter();
  const [expanded, setExpanded] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archived = prompt.status === "archived";
  const textId = `prompt-text-${prompt.id}`;
  const textRef = useRef<HTMLParagraphElement>(null);
  const [clamped, setClamped] = useState(false);
  const conversation = useMemo(() => (prompt.messages ? conversationPreview(prompt.messages) : null), [prompt.messages]);
  // A conversation shows its last user turn; "Show all" opens every turn. More than that turn is always there to open.
  const hidden = conversation ? prompt.messages!.length > 1 || clamped : clamped;

  // Whether three lines hide anything depends on the screen's width: measure, and again on resize.
  useEffect(() => {
    const element = textRef.current;
    if (!element || expanded) return;
    const measure = () => setClamped(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded, prompt.text]);

  async function toggleArchived() {
    setPending(true);
    setError(null);
    const result = await callApi(`/api/admin/projects/${encodeURIComponent(slug)}/prompts/${encodeURIComponent(prompt.id)}`, {
      method: "PATCH",
      body: { status: archived ? "active" : "archived" },
    });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    router.refresh();
  }

  return (
    <li data-testid="prompt-row" data-id={prompt.id} className={cn("px-4 py-3 sm:px-5", archived && "bg-slate-50/80")}>
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={SPLIT_TONES[prompt.split]}>{SPLIT_LABELS[prompt.split]}</Badge>
        <Badge>{SOURCE_LABELS[prompt.source]}</Badge>
        {prompt.category ? <Badge>{USE_CASE_LABELS[prompt.category]}</Badge> : <Badge className="text-slate-400">No category</Badge>}
        {prompt.kind !== "plain" ? <Badge tone="indigo">{KIND_LABELS[prompt.kind]}</Badge> : null}
        {conversation ? (
          <Badge tone="indigo" title={conversationBadgeTitle(conversation)} data-testid="prompt-conversation-badge">
            {conversationBadgeLabel(conversation)}
          </Badge>
        ) : null}
        {(prompt.redactions ?? []).map((redaction) => (
          <Badge key={redaction.type} tone="amber" title={`${redaction.count} × ${redaction.type} removed before storage`}>
            {redaction.type} ×{redaction.count}
          </Badge>
        ))}
        {archived ? <Badge tone="red">Archived</Badge> : null}
      </div>

      {conversation && expanded ? (
        <ConversationTurns id={textId} messages={prompt.messages!} archived={archived} />
      ) : (
        <p
          ref={textRef}
          id={textId}
          data-testid="prompt-text"
          className={cn(
            "mt-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800",
            !expanded && "line-clamp-3",
            archived && "text-slate-500",
          )}
        >
          {conversation ? (
            <>
              <span className="mr-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{ROLE_NAMES.user}</span>
              {conversation.lastUser}
            </>
          ) : (
            prompt.text
          )}
        </p>
      )}
      {hidden || expanded ? (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={textId}
          onClick={() => setExpanded((value) => !value)}
          className="mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-500"
        >
          {expanded ? "Show less" : conversation ? "Show the conversation" : "Show all"}
        </button>
      ) : null}

      <div className="mt-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="min-w-0 text-xs text-slate-500">
          <span className="font-medium text-slate-600 [overflow-wrap:anywhere]" title="End user (pseudonymous label)">
            {prompt.userLabel ?? prompt.userShort}
          </span>
          <span aria-hidden="true"> · </span>
          <span className="tabular-nums">{prompt.created}</span>
          <span aria-hidden="true"> · </span>
          <span className="tabular-nums">{formatCount(prompt.tokenCount)} tokens</span>
        </p>
        <div className="ml-auto flex items-center gap-2">
          {error ? <span className="text-xs font-medium text-red-600">{error}</span> : null}
          <Button
            variant={archived ? "secondary" : "ghost"}
            size="sm"
            pending={pending}
            onClick={() => void toggleArchived()}
            data-testid="prompt-archive-toggle"
          >
            {archived ? "Restore" : "Archive"}
          </Button>
        </div>
      </div>
    </li>
  );
}

/** Every turn of a conversation prompt, each under its role. */
function ConversationTurns({ id, messages, archived }: { id: string; messages: ConversationMessage[]; archived: boolean }) {
  return (
    <ol id={id} className="mt-2 space-y-2" data-testid="prompt-conversation">
      {messages.map((message, index) => (
        <li
          key={index}
          className={cn(
            "border-l-2 pl-3",
            message.role === "user" ? "border-indigo-300" : message.role === "assistant" ? "border-emerald-300" : "border-slate-300",
          )}
        >
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{ROLE_NAMES[message.role]}</p>
          <p className={cn("text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800", archived && "text-slate-500")}>
            {message.content}
          </p>
        </li>
      ))}
    </ol>
  );
}
