import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { findPemBlocks, findSecrets } from "@/lib/pii/recognizers/secret";

// The SECRET type (issue 16): what is replaced is the secret alone, so the line still reads.
const secrets = (text: string) =>
  redact(text)
    .findings.filter((f) => f.type === "SECRET")
    .map((f) => text.slice(f.start, f.end));

describe("secrets", () => {
  it("finds provider API keys by their formats", () => {
    const openai = "sk-proj-Xq3bT9vK2mN8pL4rW7yZ1aB5cD6eF0gH2iJ3kL4mN5o";
    const anthropic = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKl";
    const aws = "AKIAIOSFODNN7EXAMPLE";
    const awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const github = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB";
    const fineGrained = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    const slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    const stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    const google = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY";
    expect(secrets(`export OPENAI_API_KEY=${openai}`)).toEqual([openai]);
    expect(secrets(`client = Anthropic(api_key="${anthropic}")`)).toEqual([anthropic]);
    expect(secrets(`aws_access_key_id = ${aws}\naws_secret_access_key = ${awsSecret}`)).toEqual([aws, awsSecret]);
    expect(secrets(`git clone https://${github}@github.com/acme/app.git and ${fineGrained}`)).toEqual([github, fineGrained]);
    expect(secrets(`SLACK_BOT_TOKEN=${slack}`)).toEqual([slack]);
    expect(secrets(`stripe.api_key = "${stripe}"`)).toEqual([stripe]);
    expect(secrets(`const key = "${google}";`)).toEqual([google]);
    expect(secrets("curl https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/aBcDeFgHiJkLmNoPqRsTuVwX -d x")).toEqual([
      "T0ABCDEFG/B0ABCDEFG/aBcDeFgHiJkLmNoPqRsTuVwX",
    ]);
  });

  it("finds JWTs and bearer tokens", () => {
    const jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    expect(secrets(`Authorization: Bearer ${jwt}`)).toEqual([jwt]);
    expect(secrets("curl -H 'Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543a9b' https://api.example.com")).toEqual([
      "8f14e45fceea167a5a36dedd4bea2543a9b",
    ]);
  });

  it("finds passwords in connection strings, URLs and config lines, and only the password", () => {
    const text = "DATABASE_URL=postgres://app_user:Tr0ub4dor&3@db.internal:5432/prod";
    expect(redact(text).redacted).toBe("DATABASE_URL=postgres://app_user:<SECRET_1>@db.internal:5432/prod");
    expect(secrets("password: hunter2!")).toEqual(["hunter2!"]);
    expect(secrets('{"db": {"user": "admin", "password": "C0rrect-Horse"}}')).toEqual(["C0rrect-Horse"]);
    expect(secrets("DB_PASSWORD=s3cr3t-Value\nclient_secret: 'abc123XYZ'")).toEqual(["s3cr3t-Value", "abc123XYZ"]);
  });

  it("replaces a PEM private-key block whole, with or without its END line", () => {
    const block =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----";
    expect(redact(`Why does this fail?\n${block}\nThanks`).redacted).toBe("Why does this fail?\n<SECRET_1>\nThanks");
    const cut = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKj\n\nwhat is wrong";
    const [found] = findPemBlocks(cut);
    expect(cut.slice(found!.start, found!.end)).toBe(
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKj",
    );
    // A key longer than a segment's context, in a long text, is one finding.
    const long = `${"word ".repeat(3000)}\n-----BEGIN PRIVATE KEY-----\n${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789ab\n".repeat(60)}-----END PRIVATE KEY-----\n${"word ".repeat(3000)}`;
    expect(redact(long).findings.filter((f) => f.type === "SECRET")).toHaveLength(1);
    expect(redact(long).redacted).not.toContain("QUJDREVG");
  });

  it("leaves placeholders, variables, counts, hashes, UUIDs and ordinary URLs alone", () => {
    for (const text of [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, as pasted.
      "Set password: ${DB_PASSWORD} and token: <YOUR_TOKEN> and max_tokens=256 and api_key = config.key",
      "password = os.environ['DB_PASSWORD'] # never hard-code it; token: ****",
      "The commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it; id 123e4567-e89b-12d3-a456-426614174000.",
      "Use scikit-learn (sk-learn) for this; the password must be at least 12 characters.",
      "Connect to https://example.com/path?q=1 and see pk_live_51HqLyjWDarjtT1zdp7dcXYZ for the publishable key.",
      "A JWT looks like header.payload.signature; the token budget is 4096.",
    ])
      expect(findSecrets(text), text).toEqual([]);
  });
});
