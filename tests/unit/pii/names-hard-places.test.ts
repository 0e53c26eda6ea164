import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";

// Issue 16, "names in hard places": each case as a user would paste it, redacted to exactly this.
const CASES: Array<[string, string, string]> = [
  ["a given name alone after a verb of asking", "Can you ask Maria to send the report?", "Can you ask <PERSON_1> to send the report?"],
  ["a given name after a family word", "my son Diego loves dinosaurs", "my son <PERSON_1> loves dinosaurs"],
  ["a lower-case name after wording", "tell jessica i said hi", "tell <PERSON_1> i said hi"],
  ["a lower-case name after wording that does not open the text", "omg tell priya i said congrats", "omg tell <PERSON_1> i said congrats"],
  ["a Dutch particle", "Write to Pieter van der Berg today.", "Write to <PERSON_1> today."],
  ["Spanish and Malay particles", "Invite Javier Ruiz de la Fuente and Ahmad bin Hassan.", "Invite <PERSON_1> and <PERSON_2>."],
  ["an Irish O'", "Patrick O'Brien called yesterday.", "<PERSON_1> called yesterday."],
  ["a JSON value", '{"name": "Kenji Watanabe", "role": "admin"}', '{"name": "<PERSON_1>", "role": "admin"}'],
  ["a CSV row", "id,name\n1,Lena Fischer", "id,name\n1,<PERSON_1>"],
  ["a string in code", 'const author = "Sofia Rossi";', 'const author = "<PERSON_1>";'],
  ["an email signature", "Best regards,\nMarta Kowalski\nHead of Sales", "Best regards,\n<PERSON_1>\nHead of Sales"],
  ["chat speakers", "Kenji: hey, are we still on?\nAyumi: yes, at 6", "<PERSON_1>: hey, are we still on?\n<PERSON_2>: yes, at 6"],
  ["timestamped chat speakers", "[10:02] Kenji: hey\n[10:03] Ayumi: hi", "[10:02] <PERSON_1>: hey\n[10:03] <PERSON_2>: hi"],
  ["a Japanese name with さん", "山田太郎さんに連絡してください。", "<PERSON_1>さんに連絡してください。"],
  ["a Greek name", "Ο Γιώργος Παπαδόπουλος θα έρθει αύριο.", "<PERSON_1> θα έρθει αύριο."],
  ["an Arabic given name behind a clitic", "اتصل بمحمد أحمد غدا", "اتصل ب<PERSON_1> غدا"],
  ["an Arabic given name and family name", "أرسلت الملف إلى فاطمة حسن", "أرسلت الملف إلى <PERSON_1>"],
  ["a Hindi given and family name", "कृपया राहुल शर्मा को ईमेल भेजें।", "कृपया <PERSON_1> को ईमेल भेजें।"],
  ["a Hindi unknown given name before a family name", "कल सुखविंदर गुप्ता आएंगे", "कल <PERSON_1> आएंगे"],
  ["a word-name as the subject of a person's verb", "Rose said she would bring the cake.", "<PERSON_1> said she would bring the cake."],
  ["a word-name after a family word", "My daughter Rose turns five tomorrow.", "My daughter <PERSON_1> turns five tomorrow."],
  ["a name after the Spanish, Portuguese or Italian 'a' (to)", "Manda un correo a Lucía Fernández.", "Manda un correo a <PERSON_1>."],
  ["a request's verb opening the sentence is no name", "Frag Thomas nach dem Schlüssel.", "Frag <PERSON_1> nach dem Schlüssel."],
  [
    "a French honorific after a greeting",
    "Bonjour Madame Dupont, merci pour votre message.",
    "Bonjour <PERSON_1>, merci pour votre message.",
  ],
  ["a German salutation", "Sehr geehrter Herr Müller,", "Sehr geehrter <PERSON_1>,"],
  ["a Spanish greeting and honorific", "Hola Sr. García, gracias.", "Hola <PERSON_1>, gracias."],
  [
    "an Italian salutation before a given name",
    "Caro Marco, ti scrivo per chiederti un favore.",
    "Caro <PERSON_1>, ti scrivo per chiederti un favore.",
  ],
  ["the same word as a surname is", "Ich heiße Anna Ruf.", "Ich heiße <PERSON_1>."],
  ["a German form label with an abbreviation is no speaker", "Steuer-ID: 86095742719", "Steuer-ID: <NATIONAL_ID_1>"],
  ["two word-names paired, coming", "Mark and Will are coming to dinner.", "<PERSON_1> and <PERSON_2> are coming to dinner."],
  ["two word-names paired, speaking", "Rose and Mark said they would come.", "<PERSON_1> and <PERSON_2> said they would come."],
];

// Ordinary words and texts that only look like those cases stay as they are.
const UNTOUCHED = [
  "Will you mark the rose bed?",
  "Mark the ones you will keep.",
  "Faith and Hope are virtues.",
  // Imperatives that open requests in other languages, some of them in name lists.
  "Schreib mir eine kurze Nachricht.",
  "Mach daraus einen englischen Lebenslauf.",
  "Escreva uma reclamação para a loja.",
  "I want a Ford Mustang.",
  "Compare Mark and Sweep with reference counting.",
  "एक सिंह जंगल में रहता है।",
  "السلام عليكم ورحمة الله",
  "أرسل الرسالة إلى المدير غدا",
  "Name: string, Role: enum",
  // Sentence-opening pronouns of other languages, and German form labels before a colon.
  "Bitte tragen Sie das Formular ein.",
  "Mon numéro est faux, pouvez-vous vérifier ?",
  "Mi cuenta está bloqueada.",
  "Lieferadresse: bitte angeben",
  "Personalausweisnummer: fehlt noch",
  "Kunden-Nr: 12345",
  "Hola, ¿cómo estás?",
  // A lone surname-like word after "at" is a place or a firm.
  "What did he do at Waterloo in 1815?",
  "He spent 31 years at Philips in Eindhoven.",
];

describe("public and fictional figures (README: redacted like anyone else)", () => {
  it("a president in a public context is still a name", () => {
    expect(redact("Write a poem about Abraham Lincoln.").redacted).toBe("Write a poem about <PERSON_1>.");
  });
  it("a scientist known by one word is too", () => {
    expect(redact("Summarise Einstein's theory of relativity.").redacted).toBe(
      "<PERSON_1>'s theory of relativity.".replace(/^/, "Summarise "),
    );
  });
});

describe("names in hard places", () => {
  for (const [name, text, expected] of CASES) it(name, () => expect(redact(text).redacted).toBe(expected));
  for (const text of UNTOUCHED) it(`leaves alone: ${text}`, () => expect(redact(text).redacted).toBe(text));
});
