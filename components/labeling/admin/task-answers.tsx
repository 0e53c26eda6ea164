import { SKIP_REASON_LABELS, TASK_KIND_LABELS } from "@/components/labeling/admin/labels";
import { ReopenButton } from "@/components/labeling/admin/reopen-button";
import { readConversation } from "@/components/labeling/labeler/conversation-layout";
import { ConversationView } from "@/components/labeling/labeler/conversation-view";
import { FLAG_SHORT_LABELS } from "@/components/quality/labels";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Markdown } from "@/components/ui/markdown";
import type { TaskDetail } from "@/lib/labeling/admin-queries";
import { answerByOutput, distinguishingSnippets, rankingContradictions } from "@/lib/labeling/ranking";
import { type OutputFlag, PROMPT_FLAG_LABELS, type PromptFlag, type SkipReason } from "@/lib/labeling/schema";
import { USE_CASE_LABELS } from "@/lib/prompts/schema";
import { cn } from "@/lib/ui/cn";
import { formatDateTime, formatDuration, formatOrdinal } from "@/lib/ui/format";

type Assignment = TaskDetail["assignments"][number];
type Ratings = Record<string, { likert?: number; flags?: string[] }>;

function who(assignment: Assignment) {
  return assignment.labeler.name || assignment.labeler.email;
}

/** A task for its admin: the prompt, then every labeler's answer side by side, then who had it and how it ended. */
export function TaskAnswers({ task }: { task: TaskDetail }) {
  const submitted = task.assignments.filter((a) => a.submission);
  const conversation = readConversation(task.prompt.messages);
  const outputIds = task.outputs.map((o) => o.id);
  const snippets = distinguishingSnippets(task.outputs.map((o) => o.text));
  const answers = submitted.map((a) => {
    const ranking = (a.submission!.ranking ?? []) as string[][];
    const ratings = (a.submission!.ratings ?? {}) as Ratings;
    const likerts = Object.fromEntries(Object.entries(ratings).map(([id, r]) => [id, r.likert]));
    return {
      assignment: a,
      byOutput: answerByOutput(outputIds, ranking, ratings),
      contradictions: rankingContradictions(ranking, likerts),
    };
  });

  return (
    <>
      <Card>
        <CardHeader className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge tone={task.kind === "ranking" ? "indigo" : "amber"}>{TASK_KIND_LABELS[task.kind]}</Badge>
              {task.status === "done" ? <Badge tone="green">Done</Badge> : <Badge>Open</Badge>}
              {task.gold ? <Badge tone="amber">Gold</Badge> : null}
              <span className="font-mono text-xs break-all text-slate-400">{task.id}</span>
            </div>
            <CardDescription className="mt-1">
              {task.submittedCount}/{task.labelsNeeded} labels · created {formatDateTime(task.createdAt)}
              {task.doneAt ? ` · done ${formatDateTime(task.doneAt)}` : ""}
            </CardDescription>
          </div>
          {task.status === "done" ? (
            <div className="shrink-0">
              <ReopenButton taskId={task.id} labels={task.submittedCount} />
            </div>
          ) : null}
        </CardHeader>
        <CardBody>
          <p className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            {conversation ? "Conversation" : "Prompt"}
          </p>
          {conversation ? (
            // Every turn, as the labelers saw them (none folded: the admin is reviewing, not comparing).
            <div className="max-h-[32rem] overflow-y-auto" data-testid="task-prompt-admin">
              <ConversationView turns={conversation} keep={Number.POSITIVE_INFINITY} />
            </div>
          ) : (
            <div
              className="max-h-64 overflow-y-auto rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800"
              data-testid="task-prompt-admin"
            >
              <Markdown source={task.prompt.text} />
            </div>
          )}
        </CardBody>
      </Card>

      {task.kind === "ranking" ? (
        <Card>
          <CardHeader>
            <CardTitle>Answers side by side</CardTitle>
            <CardDescription>
              Outputs in stored order, with their models (labelers saw them without models, each in their own order). Rank, Likert (1–7) and
              flags per labeler. Times in UTC.
            </CardDescription>
          </CardHeader>
          {answers.length ? (
            <div className="overflow-x-auto" data-testid="task-answers">
              <table className="w-full min-w-max border-separate border-spacing-0 text-sm">
                <thead>
                  <tr className="text-left align-bottom">
                    <th className="sticky left-0 z-10 w-[18rem] min-w-[14rem] border-b border-slate-200 bg-white px-4 py-2 text-xs font-semibold text-slate-600 sm:px-5">
                      Output
                    </th>
                    {answers.map(({ assignment, contradictions }) => (
                      <th
                        key={assignment.id}
                        className="min-w-[11rem] border-b border-l border-slate-200 px-3 py-2 align-top font-normal"
                        data-testid="task-answer-column"
                      >
                        <p className="truncate font-semibold text-slate-900" title={assignment.labeler.email}>
                          {who(assignment)}
                        </p>
                        <p className="text-xs text-slate-500 tabular-nums">
                          {formatDateTime(assignment.submission!.createdAt)} · {formatDuration(assignment.submission!.durationMs)}
                        </p>
                        {contradictions.length ? (
                          <p className="mt-0.5 text-xs text-amber-700" title="Pairs ranked against the labeler's own Likert ratings">
                            {contradictions.length} pair{contradictions.length === 1 ? "" : "s"} against own ratings
                          </p>
                        ) : null}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {task.outputs.map((output, i) => (
                    <tr key={output.id} className="align-top" data-testid="task-output-row">
                      <td className="sticky left-0 z-10 w-[18rem] max-w-[18rem] border-b border-slate-100 bg-white px-4 py-2 sm:px-5">
                        <p className="text-xs font-semibold text-slate-900">
                          #{i + 1} <span className="font-mono font-normal text-slate-500">{output.model}</span>
                        </p>
                        <details className="group mt-0.5 text-xs text-slate-600">
                          <summary className="cursor-pointer list-none">
                            <span className="line-clamp-2 group-open:hidden">{snippets[i]}</span>
                            <span className="hidden font-medium text-indigo-600 group-open:inline">Hide the output</span>
                          </summary>
                          <div className="mt-1 max-h-80 overflow-y-auto rounded bg-slate-50 px-2 py-1.5 text-slate-800">
                            <Markdown source={output.text} />
                          </div>
                        </details>
                      </td>
                      {answers.map(({ assignment, byOutput }) => {
                        const answer = byOutput[output.id]!;
                        return (
                          <td key={assignment.id} className="border-b border-l border-slate-100 px-3 py-2 text-xs">
                            <p className="flex items-baseline gap-1.5">
                              <span
                                className={cn(
                                  "text-sm font-semibold tabular-nums",
                                  answer.rank === 1 ? "text-emerald-700" : "text-slate-900",
                                )}
                              >
                                {answer.rank ? formatOrdinal(answer.rank) : "—"}
                              </span>
                              {answer.tied ? <span className="text-[10px] font-medium text-amber-700 uppercase">tie</span> : null}
                              <span className="ml-auto rounded bg-indigo-50 px-1.5 py-px font-medium text-indigo-700 tabular-nums">
                                {answer.likert ?? "–"}
                              </span>
                            </p>
                            {answer.flags.length ? (
                              <p className="mt-1 text-amber-800">
                                {answer.flags.map((flag) => FLAG_SHORT_LABELS[flag as OutputFlag] ?? flag).join(" · ")}
                              </p>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                  <PromptRows answers={answers.map((a) => a.assignment)} />
                </tbody>
              </table>
            </div>
          ) : (
            <CardBody className="text-sm text-slate-500">Nobody has submitted this task yet.</CardBody>
          )}
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Demonstrations</CardTitle>
          </CardHeader>
          <CardBody className="space-y-4">
            {submitted.length ? (
              submitted.map((a) => (
                <div key={a.id} data-testid="task-demonstration">
                  <p className="text-xs text-slate-500">
                    <span className="font-semibold text-slate-900">{who(a)}</span> · {formatDateTime(a.submission!.createdAt)} ·{" "}
                    {formatDuration(a.submission!.durationMs)}
                  </p>
                  <div className="mt-1 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">
                    <Markdown source={a.submission!.demonstration ?? ""} />
                  </div>
                </div>
              ))
            ) : (
              <p className="text-sm text-slate-500">Nobody has written one yet.</p>
            )}
          </CardBody>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Who had this task</CardTitle>
          <CardDescription>Every lease, in the order it was taken, and how it ended.</CardDescription>
        </CardHeader>
        {task.assignments.length ? (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="task-assignments">
            {task.assignments.map((a) => (
              <li
                key={a.id}
                className="flex flex-col gap-0.5 px-4 py-2 sm:flex-row sm:items-baseline sm:gap-3 sm:px-5"
                data-testid="task-assignment"
              >
                <span className="min-w-0 truncate font-medium text-slate-900 sm:w-56 sm:shrink-0" title={a.labeler.email}>
                  {who(a)}
                </span>
                <span className="text-xs text-slate-600">
                  <AssignmentOutcome assignment={a} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <CardBody className="text-sm text-slate-500">Nobody has been given this task yet.</CardBody>
        )}
      </Card>
    </>
  );
}

/** The prompt-level labels and the note, one row each under the outputs. */
function PromptRows({ answers }: { answers: Assignment[] }) {
  const rows: [string, (a: Assignment) => React.ReactNode][] = [
    ["Category", (a) => (a.submission!.promptCategory ? USE_CASE_LABELS[a.submission!.promptCategory] : "—")],
    ["Prompt flags", (a) => a.submission!.promptFlags.map((flag) => PROMPT_FLAG_LABELS[flag as PromptFlag] ?? flag).join(" · ") || "—"],
    ["Note", (a) => (a.submission!.note ? <span className="whitespace-pre-line">{a.submission!.note}</span> : "—")],
  ];
  return rows.map(([title, cell]) => (
    <tr key={title} className="align-top">
      <th className="sticky left-0 z-10 border-b border-slate-100 bg-slate-50 px-4 py-2 text-left text-xs font-semibold text-slate-600 sm:px-5">
        {title}
      </th>
      {answers.map((a) => (
        <td
          key={a.id}
          className="max-w-[16rem] border-b border-l border-slate-100 bg-slate-50 px-3 py-2 text-xs text-slate-700"
          data-testid={`task-${title.toLowerCase().replace(" ", "-")}`}
        >
          {cell(a)}
        </td>
      ))}
    </tr>
  ));
}

function AssignmentOutcome({ assignment: a }: { assignment: Assignment }) {
  if (a.status === "submitted") {
    return (
      <>
        Submitted {formatDateTime(a.submission?.createdAt ?? a.finishedAt)} after {formatDuration(a.submission?.durationMs ?? null)}
      </>
    );
  }
  if (a.status === "skipped") {
    return (
      <>
        <Badge tone="amber">{SKIP_REASON_LABELS[(a.skipReason ?? "other") as SkipReason] ?? a.skipReason}</Badge>{" "}
        {a.skipNote ? <q className="text-slate-700">{a.skipNote}</q> : null} · skipped {formatDateTime(a.finishedAt)}
      </>
    );
  }
  if (a.status === "leased")
    return (
      <>
        Holds it until {formatDateTime(a.leaseExpiresAt)} (since {formatDateTime(a.leasedAt)})
      </>
    );
  return (
    <>
      {a.status[0]!.toUpperCase() + a.status.slice(1)} · leased {formatDateTime(a.leasedAt)}
    </>
  );
}
