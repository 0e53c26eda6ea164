import type { Finding, RedactResult } from "@/lib/pii";
import type { ConversationMessage } from "@/lib/prompts/conversation";

/** Between two messages' contents in the text the redactor reads: a paragraph break, which no piece of personal data spans. */
const SEPARATOR = "\n\n";

/**
 * The one text a conversation is redacted as: its messages' contents, in order, a blank line
 * apart. Redacting it whole numbers placeholders across the conversation (the redactor numbers
 * distinct values per text), and lets a name introduced in one turn be caught where it recurs in
 * another. Role tags stay out of it, so "Assistant" or "User" are never read as names.
 */
export function conversationRedactionText(messages: readonly ConversationMessage[]): string {
  return messages.map((message) => message.content).join(SEPARATOR);
}

/**
 * Splits the redaction of conversationRedactionText(messages) back into messages: each message's
 * content with the findings inside it replaced by their placeholders (numbered across the whole
 * conversation). A finding that crossed from one message into the next replaces its part in each,
 * so nothing of it is left in either. Findings come back with offsets into their own message.
 */
export function splitConversationRedaction(
  messages: readonly ConversationMessage[],
  result: RedactResult,
): { messages: ConversationMessage[]; findings: Array<Finding & { message: number }> } {
  if (!result.findings.length) return { messages: messages.map((message) => ({ ...message })), findings: [] };
  const findings = [...result.findings].sort((a, b) => a.start - b.start);
  const out: ConversationMessage[] = [];
  const located: Array<Finding & { message: number }> = [];
  let from = 0;
  messages.forEach((message, index) => {
    const to = from + message.content.length;
    let content = "";
    let cursor = 0;
    for (const finding of findings) {
      if (finding.end <= from || finding.start >= to) continue;
      const start = Math.max(finding.start, from) - from;
      const end = Math.min(finding.end, to) - from;
      if (start < cursor) continue;
      content += message.content.slice(cursor, start) + finding.placeholder;
      cursor = end;
      located.push({ ...finding, start, end, message: index });
    }
    out.push({ role: message.role, content: content + message.content.slice(cursor) });
    from = to + SEPARATOR.length;
  });
  return { messages: out, findings: located };
}
