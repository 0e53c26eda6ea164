import { COMMON, GIVEN, getLexicon, NAME } from "../lexicon";
import type { Candidate } from "../types";

// Social-media handles ("@maria.lopez92", Mastodon's "@anna@mastodon.social"). An "@" glued to a
// word before it is an email or a package version ("ana@example.org", "react@19"), never a handle.
// Left alone: npm scopes ("@types/node"), decorators and annotations ("@Component(", "@property" on
// a line of its own, "@Override"), doc tags ("@param"), CSS at-rules ("@media"), and the mentions
// that name nobody ("@here", "@channel", "@everyone").
const HANDLE = /(?<![\p{L}\p{N}_@./\\:-])@([A-Za-z0-9_](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9_])){1,29})(@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?/gu;

// Words before a handle that make it a person's account.
const CUE =
  /\b(twitter|tweet|x\.com|instagram|insta|ig|tiktok|threads|mastodon|bluesky|snapchat|telegram|discord|slack|github|gitlab|reddit|youtube|linkedin|follow|followed|following|dm|dms|handle|username|user name|account|profile|tag|tagged|mention|mentioned|ping|reply|replied|friend|my|me|message)\b/i;

const NOT_HANDLES = new Set(
  [
    "here",
    "channel",
    "everyone",
    "all",
    "param",
    "returns",
    "return",
    "type",
    "typedef",
    "template",
    "throws",
    "example",
    "see",
    "deprecated",
    "override",
    "todo",
    "fixme",
    "since",
    "default",
    "property",
    "staticmethod",
    "classmethod",
    "abstractmethod",
    "dataclass",
    "media",
    "import",
    "keyframes",
    "supports",
    "layer",
    "apply",
    "tailwind",
    "charset",
    "font",
    "page",
    "container",
    "latest",
    "next",
    "beta",
    "canary",
    "ts",
    "jsx",
    "flow",
    "license",
    "preserve",
    "author",
    "version",
    "inheritdoc",
    "link",
    "interface",
    "implementation",
    "end",
    "synchronized",
    "test",
    "before",
    "after",
    "echo",
  ].map((w) => w.toLowerCase()),
);

// What stands on the line before an "@" or after a handle, read from that point (sticky, with a
// lookbehind for what comes before) so that the cost does not grow with the length of the line:
// slicing each line cost a scan of it per "@" (1.6 s for a megabyte of "@anna ").
const ONLY_SPACE_BEFORE = /(?<=(?:^|\n)[^\S\n]*)/y;
const COMMENT_BEFORE = /(?<=(?:^|\n)[^\S\n]*(?:\*|\/\/|#|\/\*\*)[^\S\n]*)/y;
const SPEAKER_BEFORE = /(?<=(?:^|\n)[^\S\n]*(?:\[[^\]\n]{1,20}\][^\S\n]*)?)/y;
const ONLY_SPACE_AFTER = /[^\S\n]*(?:\n|$)/y;
// The rest of an npm scope whose name goes on past the handle pattern ("@aws-sdk/client-s3").
const SCOPE_AFTER = /[\w.-]*\//y;
const DECLARATION_AFTER = /[^\S\n]+(?:public|private|protected|export|class|def|async|static|function|fun|val|var|let|const)\b/y;

/** Whether the sticky `re` matches at `index` of `text`. */
function matchesAt(re: RegExp, text: string, index: number): boolean {
  re.lastIndex = index;
  return re.test(text);
}

/** Whether the text around an "@" reads as code: a decorator or annotation rather than a mention. */
function looksLikeCode(text: string, start: number, end: number): boolean {
  const after = text.charAt(end);
  // "@Component({", "@app.route(", "@types/node", "@tanstack/react-query".
  if (after === "(" || after === "/" || after === "{") return true;
  if (after === "-" && matchesAt(SCOPE_AFTER, text, end)) return true;
  // "@property", "@Override" or "@Injectable()" alone on its line, or before a declaration on the same line.
  if (matchesAt(ONLY_SPACE_BEFORE, text, start) && (matchesAt(ONLY_SPACE_AFTER, text, end) || matchesAt(DECLARATION_AFTER, text, end)))
    return true;
  // Inside a JSDoc or docstring line ("* @param").
  return matchesAt(COMMENT_BEFORE, text, start);
}

// An account name given with its label in a log line, a config file or JSON: "user=alice.smith",
// "username: priya_k", "\"login\": \"bob_1987\"". Not "user = request.user" (code: blanks before "="),
// nor a call ("user: getUser()").
const LABELED_ACCOUNT = /\b(?:user(?:_?name)?|login|account)(?:=|["']?[^\S\n]*:[^\S\n]*)["']?([A-Za-z][A-Za-z0-9._-]{1,39})(?![\w(@])/gi;
// A cheap first test: the words LABELED_ACCOUNT opens with, anywhere.
const ACCOUNT_LABEL_WORD = /user|login|account/i;
// What ends a "label: value" field: a line break, a comma, a semicolon, a quote, a bracket or a bar.
const FIELD_END = new Set([..."\n\r,;\"')]}|"].map((c) => c.charCodeAt(0)));
// Accounts that are no person's: system, service and placeholder names.
const SYSTEM_ACCOUNTS = new Set(
  `root admin administrator postgres mysql oracle sa sys system daemon nobody guest anonymous www-data ubuntu ec2-user
  jenkins git deploy service app test user users default none null undefined string str`.split(/\s+/),
);

/**
 * A labeled account (LABELED_ACCOUNT) whose value holds a person's name: one of its parts, split at
 * ".", "_", "-" and digits, is a given name or a name-list word that is no everyday word ("alice.smith",
 * "bob_1987"), and it is no system account. ("user=request.user" holds none.)
 */
function findLabeledAccounts(text: string, out: Candidate[]): void {
  const lexicon = getLexicon();
  LABELED_ACCOUNT.lastIndex = 0;
  for (let m = LABELED_ACCOUNT.exec(text); m; m = LABELED_ACCOUNT.exec(text)) {
    const value = m[1]!.replace(/[.-]+$/, "");
    if (SYSTEM_ACCOUNTS.has(value.toLowerCase())) continue;
    const named = value
      .toLowerCase()
      .split(/[._\d-]+/)
      .some((part) => part.length >= 3 && (lexicon.flagsOf(part) & GIVEN || (lexicon.flagsOf(part) & (NAME | COMMON)) === NAME));
    if (!named) continue;
    const start = m.index + m[0].length - m[1]!.length;
    const end = start + value.length;
    // After a colon the value must end its field: "User: vilma holm" is a chat line's speaker label
    // and the name after it, which the person layer reads whole.
    if (m[0].includes(":") && end < text.length && !FIELD_END.has(text.charCodeAt(end))) continue;
    out.push({ type: "HANDLE", start, end, confidence: 0.8 });
  }
}

// A nick in an IRC-style chat log, in angle brackets after the line's time: "[09:14] <kenji> lol",
// "12:01:33 <@ayumi_t> brb" (a channel mode before the nick is no part of it). Without the time,
// "<div> text" at a line's start is markup as often.
const CHAT_NICK =
  /(?<=(?:^|\n)[^\S\n]*[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[^\S\n]+<[@+%&~]?)[A-Za-z_[\]\\^{}|`][\w[\]\\^{}|`-]{1,31}(?=>[^\S\n])/g;

/**
 * Social-media handles of people (an "@" starting a word, not glued to a word before it, not code),
 * account names given with their label, and nicks in chat logs.
 */
export function findHandles(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (ACCOUNT_LABEL_WORD.test(text)) findLabeledAccounts(text, out);
  if (text.includes("> ")) {
    CHAT_NICK.lastIndex = 0;
    for (let m = CHAT_NICK.exec(text); m; m = CHAT_NICK.exec(text))
      out.push({ type: "HANDLE", start: m.index, end: m.index + m[0].length, confidence: 0.85 });
  }
  if (!text.includes("@")) return out;
  // exec, not matchAll, which copies the pattern on every call.
  HANDLE.lastIndex = 0;
  for (let m = HANDLE.exec(text); m; m = HANDLE.exec(text)) {
    const name = m[1]!;
    if (NOT_HANDLES.has(name.toLowerCase())) continue;
    // Only digits is a count or a version ("@2x", "@1.5"): no person's handle looks like that.
    if (/^[\d.]+$/.test(name) || /^\d+x$/.test(name)) continue;
    const end = m.index + m[0].length;
    if (looksLikeCode(text, m.index, end)) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    // A Mastodon address outranks the email its second half looks like.
    let confidence = m[2] ? 1 : CUE.test(before) ? 0.9 : 0.7;
    // A chat line's speaker ("[10:42] @kenji: can you…") names a person.
    if (text.charAt(end) === ":" && matchesAt(SPEAKER_BEFORE, text, m.index)) confidence = 0.9;
    out.push({ type: "HANDLE", start: m.index, end, confidence });
  }
  return out;
}
