// The labeler's conversation editor as pure functions: the turns of a draft, adding and removing
// them, and what is wrong with them before the form is sent (the server checks again).

export type TurnRole = "system" | "user" | "assistant";
/** A turn being written; `key` only keeps React's list stable while turns come and go. */
export type DraftTurn = { key: number; role: TurnRole; content: string };
export type TurnErrors = { list?: string; turns: Record<number, string> };

export const LAST_TURN_MESSAGE = "The last turn must be from the user: the model's reply comes after it.";
export const EMPTY_TURN_MESSAGE = "Write this turn, or remove it.";

function nextKey(turns: DraftTurn[]): number {
  return turns.reduce((max, turn) => Math.max(max, turn.key), 0) + 1;
}

/**
 * The turns a conversation starts from when the labeler switches to it: what they had written as
 * the first user turn, then an empty assistant reply and an empty user follow-up.
 */
export function startConversation(text: string): DraftTurn[] {
  return [
    { key: 1, role: "user", content: text },
    { key: 2, role: "assistant", content: "" },
    { key: 3, role: "user", content: "" },
  ];
}

/** Appends a turn from whoever speaks next: the assistant after the user, the user otherwise. */
export function addTurn(turns: DraftTurn[]): DraftTurn[] {
  const last = turns.at(-1);
  const role: TurnRole = last?.role === "user" ? "assistant" : "user";
  return [...turns, { key: nextKey(turns), role, content: "" }];
}

/** Puts a system message first (there is at most one, and only first). */
export function addSystemTurn(turns: DraftTurn[]): DraftTurn[] {
  if (turns[0]?.role === "system") return turns;
  return [{ key: nextKey(turns), role: "system", content: "" }, ...turns];
}

/** Removes the turn at `index`; the last remaining turn stays (a conversation has at least one). */
export function removeTurn(turns: DraftTurn[], index: number): DraftTurn[] {
  if (turns.length <= 1) return turns;
  return turns.filter((_, i) => i !== index);
}

/** Sets a turn's role; system is kept for the first turn only. */
export function setTurnRole(turns: DraftTurn[], index: number, role: TurnRole): DraftTurn[] {
  if (role === "system" && index !== 0) return turns;
  return turns.map((turn, i) => (i === index ? { ...turn, role } : turn));
}

export function setTurnContent(turns: DraftTurn[], index: number, content: string): DraftTurn[] {
  return turns.map((turn, i) => (i === index ? { ...turn, content } : turn));
}

/**
 * What stops the conversation from being sent: an empty turn (by its index), a system message
 * anywhere but first, no user turn, or a last turn that is not the user's (the model answers the
 * user, so the conversation must end on them).
 */
export function turnErrors(turns: DraftTurn[]): TurnErrors {
  const errors: TurnErrors = { turns: {} };
  turns.forEach((turn, i) => {
    if (!turn.content.trim()) errors.turns[i] = EMPTY_TURN_MESSAGE;
    else if (turn.role === "system" && i !== 0) errors.turns[i] = "A system message can only come first.";
  });
  if (!turns.some((turn) => turn.role === "user")) errors.list = "Add a user turn: the model replies to the user.";
  else if (turns.at(-1)?.role !== "user") errors.list = LAST_TURN_MESSAGE;
  return errors;
}

export function hasTurnErrors(errors: TurnErrors): boolean {
  return !!errors.list || Object.keys(errors.turns).length > 0;
}

/** The messages the server takes: role and content, trimmed of the editor's keys. */
export function toMessages(turns: DraftTurn[]): { role: TurnRole; content: string }[] {
  return turns.map(({ role, content }) => ({ role, content }));
}

/** A stored draft's turns when they are well-formed (localStorage may hold anything). */
export function readDraftTurns(value: unknown): DraftTurn[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((turn): Omit<DraftTurn, "key">[] => {
      const t = turn as Partial<DraftTurn> | null;
      if (!t || typeof t.content !== "string" || (t.role !== "system" && t.role !== "user" && t.role !== "assistant")) return [];
      return [{ role: t.role, content: t.content }];
    })
    .map((turn, i) => ({ key: i + 1, ...turn }));
}
