import { describe, expect, it } from "vitest";
import { snapshotCardViewUrl } from "@/components/exports/admin/snapshot-files";
import { fileCountLabel } from "@/components/exports/admin/snapshot-list";
import { conversationBadgeLabel, conversationBadgeTitle, conversationPreview } from "@/components/prompts/admin/conversation-preview";
import type { ConversationMessage } from "@/lib/prompts/conversation";

describe("conversation prompts in the admin prompt list", () => {
  it("counts user and assistant turns and previews the last user turn", () => {
    const messages: ConversationMessage[] = [
      { role: "system", content: "You are terse." },
      { role: "user", content: "Name a prime." },
      { role: "assistant", content: "7" },
      { role: "user", content: "Another one?" },
    ];
    const preview = conversationPreview(messages);
    expect(preview).toEqual({ turns: 3, system: true, lastUser: "Another one?" });
    expect(conversationBadgeLabel(preview)).toBe("Conversation · 3 turns");
    expect(conversationBadgeTitle(preview)).toBe("3 user and assistant turns, after system instructions");
  });

  it("says turn for one, and falls back to the last turn when none is the user's", () => {
    const one = conversationPreview([{ role: "user", content: "Hi" }]);
    expect(conversationBadgeLabel(one)).toBe("Conversation · 1 turn");
    expect(conversationBadgeTitle(one)).toBe("1 user and assistant turn");
    expect(conversationPreview([{ role: "assistant", content: "Hello" }]).lastUser).toBe("Hello");
    expect(conversationPreview([])).toEqual({ turns: 0, system: false, lastUser: "" });
  });
});

describe("the dataset card on the export screen", () => {
  it("counts the card beside the data files", () => {
    expect(fileCountLabel(3, true)).toBe("3 files + dataset card");
    expect(fileCountLabel(1, false)).toBe("1 file");
  });

  it("opens the card through the admin route, names escaped", () => {
    expect(snapshotCardViewUrl("my-proj", "rm v1")).toBe("/api/admin/projects/my-proj/snapshots/rm%20v1/card");
  });
});
