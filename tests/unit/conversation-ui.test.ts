// The conversation UI's pure logic: which turns the label screen shows at first, reading a
// prompt's messages without zod, and the labeler's turn editor (add, remove, roles, errors).
import { describe, expect, it } from "vitest";
import { layoutConversation, readConversation, type Turn } from "@/components/labeling/labeler/conversation-layout";
import {
  addSystemTurn,
  addTurn,
  type DraftTurn,
  EMPTY_TURN_MESSAGE,
  hasTurnErrors,
  LAST_TURN_MESSAGE,
  readDraftTurns,
  removeTurn,
  setTurnRole,
  startConversation,
  toMessages,
  turnErrors,
} from "@/components/prompts/labeler/conversation-turns";

const chat = (roles: string): Turn[] =>
  [...roles].map((r, i) => ({ role: r === "s" ? "system" : r === "u" ? "user" : "assistant", content: `turn ${i}` }));
const roles = (turns: { role: string }[]) => turns.map((t) => t.role[0]).join("");

describe("layoutConversation", () => {
  it("shows a short conversation whole", () => {
    const layout = layoutConversation(chat("uau"));
    expect(layout.earlier).toEqual([]);
    expect(roles(layout.recent)).toBe("uau");
    expect(layout.recent.map((t) => t.index)).toEqual([1, 2, 3]);
  });

  it("folds turns before the last three, numbering them in the whole conversation", () => {
    const layout = layoutConversation(chat("uauauau"));
    expect(roles(layout.earlier)).toBe("uaua");
    expect(roles(layout.recent)).toBe("uau");
    expect(layout.recent[0]!.index).toBe(5);
  });

  it("never folds a single turn (the button would save nothing)", () => {
    expect(layoutConversation(chat("auau")).earlier).toEqual([]);
  });

  it("keeps leading system messages apart, outside the count", () => {
    const layout = layoutConversation(chat("suauau"));
    expect(roles(layout.system)).toBe("s");
    expect(roles(layout.earlier)).toBe("ua");
    expect(roles(layout.recent)).toBe("uau");
  });

  it("keeps the last user turn in view even when assistant turns follow it", () => {
    const layout = layoutConversation(chat("uauaaaa"), 3);
    expect(layout.recent[0]!.role).toBe("user");
    expect(roles(layout.recent)).toBe("uaaaa");
  });
});

describe("readConversation", () => {
  it("reads a list of role and content", () => {
    expect(readConversation([{ role: "user", content: "hi", extra: 1 }])).toEqual([{ role: "user", content: "hi" }]);
  });

  it("is null for anything else", () => {
    for (const value of [null, undefined, "text", [], [{ role: "bot", content: "x" }], [{ role: "user" }], [null]])
      expect(readConversation(value)).toBeNull();
  });
});

describe("the turn editor", () => {
  const filled = (turns: DraftTurn[]) => turns.map((t) => ({ ...t, content: t.content || "words" }));

  it("starts from the text as the first user turn, then an assistant reply and a user follow-up", () => {
    const turns = startConversation("Plan a trip");
    expect(roles(turns)).toBe("uau");
    expect(turns[0]!.content).toBe("Plan a trip");
  });

  it("adds the other speaker's turn, and a system message only first and once", () => {
    let turns = addTurn(startConversation("x"));
    expect(roles(turns)).toBe("uaua");
    turns = addTurn(turns);
    expect(roles(turns)).toBe("uauau");
    turns = addSystemTurn(turns);
    expect(roles(turns)).toBe("suauau");
    expect(addSystemTurn(turns)).toBe(turns);
    expect(new Set(turns.map((t) => t.key)).size).toBe(turns.length);
  });

  it("removes turns but never the last one", () => {
    const turns = startConversation("x");
    expect(roles(removeTurn(turns, 1))).toBe("uu");
    const one = removeTurn(removeTurn(turns, 2), 1);
    expect(removeTurn(one, 0)).toBe(one);
  });

  it("takes system as a role for the first turn only", () => {
    const turns = startConversation("x");
    expect(setTurnRole(turns, 1, "system")).toBe(turns);
    expect(roles(setTurnRole(turns, 0, "system"))).toBe("sau");
  });

  it("asks for the last turn to be the user's, and for every turn to be written", () => {
    const ok = filled(startConversation("x"));
    expect(hasTurnErrors(turnErrors(ok))).toBe(false);
    const endsOnAssistant = filled(addTurn(ok));
    expect(turnErrors(endsOnAssistant).list).toBe(LAST_TURN_MESSAGE);
    const empty = startConversation("x");
    expect(turnErrors(empty).turns).toEqual({ 1: EMPTY_TURN_MESSAGE, 2: EMPTY_TURN_MESSAGE });
    expect(turnErrors(filled(setTurnRole(setTurnRole(ok, 0, "system"), 2, "assistant"))).list).toMatch(/Add a user turn/);
  });

  it("sends role and content only, and reads back only well-formed stored turns", () => {
    expect(toMessages(startConversation("x"))[0]).toEqual({ role: "user", content: "x" });
    expect(
      readDraftTurns([
        { key: 4, role: "user", content: "a" },
        { role: "robot", content: "b" },
        "junk",
        { role: "assistant", content: "c" },
      ]),
    ).toEqual([
      { key: 1, role: "user", content: "a" },
      { key: 2, role: "assistant", content: "c" },
    ]);
    expect(readDraftTurns("nope")).toEqual([]);
  });
});
