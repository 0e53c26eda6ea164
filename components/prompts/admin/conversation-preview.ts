import type { ConversationMessage, MessageRole } from "@/lib/prompts/conversation";

// Type-only imports: lib/prompts/conversation.ts brings zod, which the list's browser code does without.
export const ROLE_NAMES: Record<MessageRole, string> = { system: "System", user: "User", assistant: "Assistant" };

export type ConversationPreview = {
  /** The user and assistant turns (a system prompt is instructions, not a turn). */
  turns: number;
  /** Whether the conversation opens with system instructions. */
  system: boolean;
  /** The last user turn: what the outputs answer, and what tells one conversation from another. */
  lastUser: string;
};

/**
 * How the prompt list shows a conversation in a line or three: its turns counted and its last
 * user turn (a stored conversation ends with one; failing that, its last turn).
 */
export function conversationPreview(messages: readonly ConversationMessage[]): ConversationPreview {
  const last = messages.findLast((message) => message.role === "user") ?? messages.at(-1);
  return {
    turns: messages.filter((message) => message.role !== "system").length,
    system: messages.some((message) => message.role === "system"),
    lastUser: last?.content ?? "",
  };
}

/** "Conversation · 3 turns", "Conversation · 1 turn". */
export function conversationBadgeLabel(preview: ConversationPreview): string {
  return `Conversation · ${preview.turns} ${preview.turns === 1 ? "turn" : "turns"}`;
}

/** The badge's tooltip: what the count covers. */
export function conversationBadgeTitle(preview: ConversationPreview): string {
  const turns = `${preview.turns} user and assistant ${preview.turns === 1 ? "turn" : "turns"}`;
  return preview.system ? `${turns}, after system instructions` : turns;
}
