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

/** Whether the text around an "@" reads as code: a decorator or annotation rather than a mention. */
function looksLikeCode(text: string, start: number, end: number, name: string): boolean {
  const after = text.charAt(end);
  // "@Component({", "@app.route(", "@types/node", "@tanstack/react-query".
  if (after === "(" || after === "/" || after === "{") return true;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  const lineEnd = text.indexOf("\n", end);
  const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  // "@property" or "@Injectable()" alone on its line, or before a declaration on the same line.
  if (
    /^\s*$/.test(before) &&
    (/^\s*$/.test(rest) || /^\s+(public|private|protected|export|class|def|async|static|function|fun|val|var|let|const)\b/.test(rest))
  )
    return true;
  // Annotations in Java and Kotlin are capitalised and hold no dot or digit ("@Override", "@Test").
  if (/^\s*$/.test(before) && /^[A-Z][a-zA-Z]+$/.test(name) && /^\s*$/.test(rest)) return true;
  // Inside a JSDoc or docstring line ("* @param").
  if (/^\s*(\*|\/\/|#|\/\*\*)\s*$/.test(before)) return true;
  return false;
}

/** Social-media handles of people: an "@" starting a word, not glued to a word before it, not code. */
export function findHandles(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!text.includes("@")) return out;
  // exec, not matchAll, which copies the pattern on every call.
  HANDLE.lastIndex = 0;
  for (let m = HANDLE.exec(text); m; m = HANDLE.exec(text)) {
    const name = m[1]!;
    if (NOT_HANDLES.has(name.toLowerCase())) continue;
    // Only digits is a count or a version ("@2x", "@1.5"): no person's handle looks like that.
    if (/^[\d.]+$/.test(name) || /^\d+x$/.test(name)) continue;
    const end = m.index + m[0].length;
    if (looksLikeCode(text, m.index, end, name)) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    // A Mastodon address outranks the email its second half looks like.
    let confidence = m[2] ? 1 : CUE.test(before) ? 0.9 : 0.7;
    // A chat line's speaker ("[10:42] @kenji: can you…") names a person.
    if (/^\s*(\[[^\]\n]{1,20}\]\s*)?$/.test(text.slice(text.lastIndexOf("\n", m.index - 1) + 1, m.index)) && text.charAt(end) === ":")
      confidence = 0.9;
    out.push({ type: "HANDLE", start: m.index, end, confidence });
  }
  return out;
}
