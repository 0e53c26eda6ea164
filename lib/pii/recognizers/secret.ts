import type { Candidate } from "../types";

// Secrets people paste with their logs, configs and code (issue 16): provider API keys by their
// documented prefixes and lengths, JWTs, PEM private-key blocks, passwords in connection strings,
// URLs and config lines, and bearer tokens. A key's shape is distinctive enough on its own; a
// password needs the key word or the URL form around it. Only the secret itself is replaced (the
// user name, host and key word stay, so the text still reads).

type Pattern = {
  re: RegExp;
  confidence: number;
  group?: number;
  /** A test the text must pass first, quicker than the pattern's scan. */
  pre: string | RegExp;
  /** The pattern wants ":" or "=" (a key assigned its value) rather than one of ANY_KEY_FORMAT's marks. */
  assigned?: boolean;
};

const PATTERNS: Pattern[] = [
  // OpenAI ("sk-…", "sk-proj-…", "sk-svcacct-…") and Anthropic ("sk-ant-api03-…") keys.
  { re: /(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{20,200}(?![\w-])/g, confidence: 0.99, pre: "sk-" },
  // AWS access key ids.
  {
    re: /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    confidence: 0.99,
    pre: /A[KSGIRNBC][A-Z]A/,
  },
  // AWS secret access keys: 40 characters of base64 after their name.
  {
    re: /aws_?secret_?(?:access_?)?key(?:_id)?["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    confidence: 0.99,
    group: 1,
    pre: /secret/i,
    assigned: true,
  },
  // GitHub tokens: classic ("ghp_", "gho_", "ghu_", "ghs_", "ghr_") and fine-grained ("github_pat_").
  {
    re: /(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![\w])/g,
    confidence: 0.99,
    pre: /gh[pousr]_|github_pat_/,
  },
  // Slack tokens and incoming-webhook URLs.
  { re: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![\w-])/g, confidence: 0.99, pre: "xox" },
  {
    re: /https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,})/g,
    confidence: 0.99,
    group: 1,
    pre: "hooks.slack",
  },
  // Stripe secret and restricted keys, and webhook signing secrets (publishable "pk_" keys are public).
  {
    re: /(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![\w])|(?<![\w])whsec_[A-Za-z0-9]{24,}(?![\w])/g,
    confidence: 0.99,
    pre: /k_(?:live|test)_|whsec_/,
  },
  // Google API keys and OAuth client secrets.
  { re: /(?<![\w-])(?:AIza[0-9A-Za-z_-]{35}|GOCSPX-[0-9A-Za-z_-]{28})(?![\w-])/g, confidence: 0.99, pre: /AIza|GOCSPX-/ },
  // JSON Web Tokens: a JSON header and payload ("eyJ" is base64url of '{"'), then a signature.
  { re: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g, confidence: 0.99, pre: "eyJ" },
  // Bearer and Basic credentials in an Authorization header or a curl line.
  { re: /\b(?:Bearer|Basic|Token)[ \t]+([A-Za-z0-9._~+/-]{16,}=*)(?![\w.~+/=-])/g, confidence: 0.9, group: 1, pre: /Bearer|Basic|Token/ },
  // A password in a URL or connection string: "postgres://app:s3cr3t@db:5432/x" (only "s3cr3t").
  // (Ranked above an email, which "s3cr3t@db" would otherwise pass for.)
  { re: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@'"]{1,100}:([^\s@/'"]{1,200})@[\w.-]/gi, confidence: 0.99, group: 1, pre: "://" },
];

// A config or code line that sets a password, secret, token or key: `password = "hunter2"`,
// `"api_key": "…"`, `DB_PASSWORD=…`, `token: …`, `-p'…'` aside. The value is the secret.
const CONFIG_SECRET =
  /(?<![\p{L}\p{N}])((?:[A-Za-z0-9]{1,30}[_.-]){0,4}(?:pass(?:word|wd|phrase)?|pwd|secret|secret[_-]?key|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|token))["']?[ \t]*(?::=|=>|[:=])[ \t]*(["'`]?)([^\s"'`,;}{)]{4,200})\2/giu;

// A word CONFIG_SECRET's key needs: a quicker test than its scan.
const CONFIG_WORD = /pass|pwd|secret|key|token/i;

// Values that stand for a secret without being one: placeholders, variables, masks and examples.
const NOT_A_SECRET =
  /^(?:\$\{?[\w.]+\}?|%\(?\w+\)?s?|<[^>]*>|\{\{.*\}\}|\[[^\]]*\]|\*+|x+|•+|\.+|-+|_+|null|none|nil|undefined|true|false|yes|no|required|optional|string|str|text|env|process\.env\.\w+|os\.environ.*|getenv.*|secrets?\.\w+|your[_-]?\w*|my[_-]?\w*|example\w*|changeme|placeholder|redacted|hidden|masked|[\w.]+\(.*|[<{[$%].*|[a-z_]\w*(?:\.[a-z_]\w*)+)$/i;

// Something every pattern not `assigned` needs: most texts have none of these and are passed by in one
// scan. Case-sensitive, as those patterns are: a scan that ignores case costs twice as much, and
// finds "pass" and "key" in ordinary prose. Each prefix is looked for by its rarest character, with
// the rest behind it ("sk-" as a "-" after "sk"): the scan then stops at few places of a text (at
// every "s", "g", "h", "k", "w" and "e" before, which cost 1.6 times as much). The Slack webhook
// needs no entry of its own: its URL holds "://".
const ANY_KEY_FORMAT =
  /-(?<=sk-|GOCSPX-)|_(?<=gh[pousr]_|github_pat_|k_live_|k_test_|whsec_)|xox|A(?:[KSGIRNBC][A-Z]A|Iza)|J(?<=eyJ)|B(?:earer|asic)|Token|:\/\//;

/** Secrets: provider key formats, JWTs, bearer tokens, and passwords in URLs and config lines. PEM blocks are findPemBlocks'. */
export function findSecrets(text: string): Candidate[] {
  const out: Candidate[] = [];
  const keyFormat = ANY_KEY_FORMAT.test(text);
  // (Two indexOf scans are a quarter of the cost of /[:=]/'s.)
  const assignment = text.includes(":") || text.includes("=");
  if (!keyFormat && !assignment) return out;
  // Every word the assigned patterns look for ("secret" among them) is one of these.
  const configWord = assignment && CONFIG_WORD.test(text);
  if (!keyFormat && !configWord) return out;
  for (const { re, confidence, group, pre, assigned } of PATTERNS) {
    if (!(assigned ? configWord : keyFormat)) continue;
    if (typeof pre === "string" ? !text.includes(pre) : !pre.test(text)) continue;
    // exec, not matchAll, which copies the pattern on every call.
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = group ? m[group]! : m[0];
      const start = m.index + (group ? m[0].lastIndexOf(value) : 0);
      if (group && NOT_A_SECRET.test(value)) continue;
      out.push({ type: "SECRET", start, end: start + value.length, confidence });
    }
  }
  if (configWord) {
    CONFIG_SECRET.lastIndex = 0;
    for (let m = CONFIG_SECRET.exec(text); m; m = CONFIG_SECRET.exec(text)) {
      const value = m[3]!;
      if (NOT_A_SECRET.test(value)) continue;
      // "token: 3" or "max_tokens=256": a number alone is a count, not a secret; so is one plain word
      // ("api_key = config", "password: required") unless it mixes letters with digits or symbols.
      if (/^\d+$/.test(value) || /tokens/i.test(m[1]!)) continue;
      if (/^[a-z]+$/i.test(value) && !/pass|pwd|secret/i.test(m[1]!)) continue;
      const start = m.index + m[0].length - value.length - m[2]!.length;
      out.push({ type: "SECRET", start, end: start + value.length, confidence: 0.85 });
    }
  }
  return out;
}

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;

/**
 * PEM private-key blocks, from BEGIN to END. Read on the whole text (a key is longer than the
 * context a segment of a long text carries); a block whose END is missing runs to the end of its
 * base64 lines.
 */
export function findPemBlocks(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!text.includes("PRIVATE KEY")) return out;
  let from = 0;
  const ends = new Map<string, number>();
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    if (m.index < from) continue;
    const end = `-----END ${m[1]}PRIVATE KEY${m[2] ?? ""}-----`;
    // Where each kind of END next stands, looked up again only once passed (many BEGINs without an
    // END would otherwise search the rest of the text each).
    let stop = ends.get(end) ?? -2;
    if (stop !== -1 && stop < m.index) {
      stop = text.indexOf(end, m.index + m[0].length);
      ends.set(end, stop);
    }
    if (stop >= 0 && stop - m.index < 100_000) stop += end.length;
    else {
      // No END: the base64 (and header) lines that follow.
      const body = /^(?:[ \t]*\r?\n[ \t]*(?:[A-Za-z0-9+/=]{4,}|[\w-]+: .*))*/.exec(
        text.slice(m.index + m[0].length, m.index + m[0].length + 20_000),
      );
      stop = m.index + m[0].length + (body ? body[0].length : 0);
    }
    out.push({ type: "SECRET", start: m.index, end: stop, confidence: 0.97 });
    from = stop;
    PEM_BEGIN.lastIndex = stop;
  }
  return out;
}
