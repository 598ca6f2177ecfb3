/** Leading characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field of text, as every CSV the product writes holds it: a text a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading `'` and quotes, as
 * OWASP advises; otherwise quoted per RFC 4180 only when it holds a comma, quote or line break
 * (quotes doubled). Numbers the writer formats itself are not text and need none of this.
 */
export const csvField = (text: string): string => {
  const formula = FORMULA_START.test(text);
  const safe = formula ? `'${text}` : text;
  return formula || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
