// Which turns of a conversation prompt the label screen shows at first. Pure, and free of zod:
// the label screen checks the messages by hand, as it does a few-shot prompt's parts.

export type TurnRole = "system" | "user" | "assistant";
/** One message of a conversation prompt (the shape of lib/prompts/conversation.ts's ConversationMessage). */
export type Turn = { role: TurnRole; content: string };
/** A turn with its place in the whole conversation (1-based among the non-system turns). */
export type PlacedTurn = Turn & { index: number };

export type ConversationLayout = {
  /** The system message(s) at the start: instructions that govern every reply, so always at hand. */
  system: Turn[];
  /** Earlier turns folded away until the labeler asks for them. */
  earlier: PlacedTurn[];
  /** The last few turns, ending on the user turn the outputs reply to: always shown. */
  recent: PlacedTurn[];
};

const ROLES = new Set<string>(["system", "user", "assistant"]);

/** A prompt's messages when they are a conversation (a list of {role, content}); null otherwise. */
export function readConversation(messages: unknown): Turn[] | null {
  if (!Array.isArray(messages) || messages.length === 0) return null;
  const ok = messages.every((m) => !!m && typeof m === "object" && ROLES.has((m as Turn).role) && typeof (m as Turn).content === "string");
  return ok ? messages.map((m: Turn) => ({ role: m.role, content: m.content })) : null;
}

/**
 * Splits a conversation for display: leading system messages apart, then the last `keep` turns
 * shown and the rest folded. Folding a single turn saves nothing, so fewer than two are never
 * folded; and the last user turn is always among the shown ones, even when assistant turns
 * follow it (a malformed prompt should still show what the outputs answer).
 */
export function layoutConversation(turns: Turn[], keep = 3): ConversationLayout {
  let start = 0;
  while (start < turns.length && turns[start]!.role === "system") start++;
  const system = turns.slice(0, start);
  const rest = turns.slice(start).map((turn, i) => ({ ...turn, index: i + 1 }));
  let cut = Math.max(0, rest.length - keep);
  const lastUser = rest.findLastIndex((turn) => turn.role === "user");
  if (lastUser !== -1) cut = Math.min(cut, lastUser);
  if (cut < 2) cut = 0;
  return { system, earlier: rest.slice(0, cut), recent: rest.slice(cut) };
}

export const ROLE_LABELS: Record<TurnRole, string> = { system: "System", user: "User", assistant: "Assistant" };
