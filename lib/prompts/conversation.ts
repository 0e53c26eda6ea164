import { z } from "zod";
import { cappedString, FIELD_BYTES, utf8Length } from "@/lib/input/schema";

/*
 * Conversation prompts: a list of {role, content} messages (TRL's conversational format, OpenAI's
 * chat format) in place of one text, ending with the user's turn that the model answers next.
 *
 * The contract every door, screen and export builds on:
 * - Prompt.messages holds the redacted messages; null for a plain-text prompt.
 * - Prompt.text holds renderTranscript(messages): the role-tagged transcript, so that search, the
 *   token limit, dedup and anything else that reads a prompt's text keeps working unchanged.
 * - Placeholders are numbered across the whole conversation: <PERSON_1> is one person in every turn.
 */

export const MESSAGE_ROLES = ["system", "user", "assistant"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export type ConversationMessage = { role: MessageRole; content: string };

/** How many messages one conversation may hold: far more turns than a token limit lets through. */
export const MAX_CONVERSATION_MESSAGES = 500;

/** The tag each role's turns carry in a transcript. */
export const ROLE_TAGS: Record<MessageRole, string> = { system: "System", user: "User", assistant: "Assistant" };

/**
 * One message as a caller sends it. Its content takes any string within the byte cap: an empty
 * turn or unstorable characters are a per-prompt rejection in the pipeline (as for a text prompt),
 * not a 422 for the whole request.
 */
export const conversationMessageSchema = z.object({
  role: z.enum(MESSAGE_ROLES, { message: 'A message\'s role is "system", "user" or "assistant".' }),
  content: cappedString(FIELD_BYTES.text),
});

/**
 * A conversation as a caller sends it: 1 to MAX_CONVERSATION_MESSAGES messages, the last from the
 * user (the turn the model answers next), all contents together within the byte cap of one text.
 */
export const conversationSchema = z
  .array(conversationMessageSchema)
  .min(1, { message: "Send at least one message." })
  .max(MAX_CONVERSATION_MESSAGES, { message: `Send at most ${MAX_CONVERSATION_MESSAGES} messages.` })
  .superRefine((messages, context) => {
    const last = messages.at(-1);
    if (last && last.role !== "user") {
      context.addIssue({
        code: "custom",
        path: [messages.length - 1, "role"],
        message: `The last message must be from the user (the turn the model answers next); it is from the ${last.role}.`,
      });
    }
    // Cheap for the usual conversation: no byte count when three bytes a character cannot pass the cap.
    const characters = messages.reduce((sum, message) => sum + message.content.length, 0);
    if (characters * 3 > FIELD_BYTES.text && messages.reduce((sum, message) => sum + utf8Length(message.content), 0) > FIELD_BYTES.text) {
      context.addIssue({
        code: "custom",
        message: `The messages together are over ${FIELD_BYTES.text.toLocaleString("en")} bytes (UTF-8); send at most that much.`,
      });
    }
  });

/** The stored form (Prompt.messages) as read back from the database: no rules beyond the shape. */
export const storedMessagesSchema = z.array(z.object({ role: z.enum(MESSAGE_ROLES), content: z.string() }));

/** A prompt's stored messages, or null for a plain-text prompt (or anything that is not a conversation). */
export function readMessages(value: unknown): ConversationMessage[] | null {
  if (value === null || value === undefined) return null;
  const parsed = storedMessagesSchema.safeParse(value);
  return parsed.success && parsed.data.length ? parsed.data : null;
}

/** One turn of a transcript: its role's tag, a colon, its content. */
export function renderTurn(message: ConversationMessage): string {
  return `${ROLE_TAGS[message.role]}: ${message.content}`;
}

/**
 * The role-tagged transcript of a conversation ("User: …", "Assistant: …", "System: …"), turns
 * separated by a blank line: what Prompt.text holds for a conversation, what dedup keys on and the
 * token limit counts.
 */
export function renderTranscript(messages: readonly ConversationMessage[]): string {
  return messages.map(renderTurn).join("\n\n");
}

/**
 * What a completions (not chat) endpoint is given for a conversation: the transcript, then an open
 * "Assistant:" cue for the model to continue from.
 */
export function renderCompletionPrompt(messages: readonly ConversationMessage[]): string {
  return `${renderTranscript(messages)}\n\n${ROLE_TAGS.assistant}:`;
}

/**
 * A prompt as a list of messages: its conversation, or its text as the one user turn. What chat
 * endpoints and conversational exports are given.
 */
export function promptMessages(prompt: { text: string; messages?: unknown }): ConversationMessage[] {
  return readMessages(prompt.messages) ?? [{ role: "user", content: prompt.text }];
}
