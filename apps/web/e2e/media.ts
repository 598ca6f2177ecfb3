import { encodePng } from "@taskforge/schema";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Page } from "playwright-core";

/** A distinct small PNG per index (its width differs), as a file to drop. */
export const png = (index: number) => ({
  name: `frame-${String(index).padStart(3, "0")}.png`,
  base64: Buffer.from(encodePng(new Uint8Array((index + 1) * 2 * 4), index + 1, 2)).toString(
    "base64",
  ),
});
export const PDF_BASE64 = Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64");

/** A US-letter page in PDF points: the page pixels document boxes are stored in. */
export const PDF_PAGE_SIZE = { width: 612, height: 792 };

/** A PDF whose pages say their number in large type, over a pale panel. */
export const numberedPdf = async (pages: number): Promise<Buffer> => {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.HelveticaBold);
  for (let number = 1; number <= pages; number++) {
    const page = document.addPage([PDF_PAGE_SIZE.width, PDF_PAGE_SIZE.height]);
    page.drawRectangle({ x: 36, y: 36, width: 540, height: 720, color: rgb(0.95, 0.96, 1) });
    page.drawText(`Page ${number}`, { x: 72, y: 680, size: 48, font });
    page.drawText("Invoice total: 42.00", { x: 72, y: 600, size: 20, font });
  }
  return Buffer.from(await document.save());
};

/** Drops files on the drop zone as a drag from the desktop does: a `drop` event with a DataTransfer. */
export const dropFiles = async (page: Page, files: { name: string; base64: string }[]) => {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const { name, base64 } of list) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
    }
    return dt;
  }, files);
  const zone = page.getByTestId("media-drop");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
};
