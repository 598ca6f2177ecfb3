import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF of `pages` letter-size pages, each saying its number, as a scanner would write it. */
export const pdfBytes = async (pages: number): Promise<Buffer> => {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number++) {
    document.addPage([612, 792]).drawText(`Page ${number}`, { x: 72, y: 700, size: 24, font });
  }
  return Buffer.from(await document.save());
};

/**
 * A PDF of many blank pages, written by hand so that thousands of pages take a moment: a page
 * tree of `pages` leaves and a classic cross-reference table.
 */
export const manyPagePdfBytes = (pages: number): Buffer => {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ")}] >>`,
    ...Array.from(
      { length: pages },
      () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ),
  ];
  let text = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  text += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, "latin1");
};
