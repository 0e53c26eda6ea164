import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";

// Person false positives in code and documentation (npm READMEs): a type, a method's owner or a
// label is no name. The last case keeps the names beside such wording.
const untouched = (text: string) => expect(redact(text).redacted, JSON.stringify(text)).toBe(text);

describe("person names in code and docs", () => {
  it("a type in a schema or signature: name: String", () => {
    untouched("  name  : String,    // Column name,");
    untouched("type User {\n  name: String!\n  age: Int\n}");
  });

  it("a word before a property or method: Buffer.from", () => {
    untouched("  message: Buffer.from('test', 'utf8'),");
    untouched("const delaunay = d3.Delaunay.from(points);");
    untouched("You can call Buffer.from on the string.");
  });

  it("a git trailer or a role before a colon: Signed-off-by:, Approver:", () => {
    expect(redact("Signed-off-by: Greg Kroah-Hartman").redacted).toBe("Signed-off-by: <PERSON_1>");
    expect(redact("- Approver: Fatima Zahra\n- Assignee: Tomás Ruiz").redacted).toBe("- Approver: <PERSON_1>\n- Assignee: <PERSON_2>");
    // A speaker's name is a name still.
    expect(redact("Fischer: are you coming?").redacted).toBe("<PERSON_1>: are you coming?");
  });

  it("a label in a code comment: Note:", () => {
    untouched("  // Note: this works only with Node 18");
  });

  it("a label in a link or a string: Class:, File:", () => {
    untouched("    - [Class: FetchError](#class-fetcherror)");
    untouched("console.log('File: ', tmpobj.name);");
  });

  it("a variable declared or assigned to in code without capitals: var md = …", () => {
    untouched("var md = require('markdown-it')();");
    untouched("val total = items.sum()");
    untouched("let x: number = 5");
    untouched("md=markdownit()");
    // An arrow is no assignment, and "let" in prose declares nothing.
    expect(redact("tell jessica => she knows").redacted).toBe("tell <PERSON_1> => she knows");
    expect(redact("i'm arjun mehta, let me know").redacted).toBe("i'm <PERSON_1>, let me know");
  });

  it("still finds names beside such wording", () => {
    expect(redact("Name: Maria Lopez").redacted).toBe("Name: <PERSON_1>");
    expect(redact("Contact Smith. He will know.").redacted).toBe("Contact <PERSON_1>. He will know.");
    expect(redact("Thanks, Warren. Talk soon.").redacted).toBe("Thanks, <PERSON_1>. Talk soon.");
  });
});

describe("month and weekday names", () => {
  it("before a day or a year are a date, not a name", () => {
    untouched("x.invert(200); // Sat Jan 01 2000 05:00:00 GMT-0800 (PST)");
    untouched("- 4.0 (Aug 25, 2024) rewritten in types");
    untouched("new Date() printed Tue Jun 30 2015 00:00:00 GMT-0700");
  });

  it("elsewhere can still be a name", () => {
    expect(redact("Jan will visit on Monday.").redacted).toBe("<PERSON_1> will visit on Monday.");
    expect(redact("Meeting with Jan on 12 May.").redacted).toBe("Meeting with <PERSON_1> on 12 May.");
  });
});
