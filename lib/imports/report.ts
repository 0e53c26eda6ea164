/** One CSV line, quoting fields that need it (RFC 4180). */
export function csvRow(fields: (string | number)[]): string {
  return `${fields
    .map((field) => {
      const text = String(field);
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",")}\n`;
}
