import { encodePng } from "@taskforge/schema";
import type { Page } from "playwright-core";

/** A distinct small PNG per index (its width differs), as a file to drop. */
export const png = (index: number) => ({
  name: `frame-${String(index).padStart(3, "0")}.png`,
  base64: Buffer.from(encodePng(new Uint8Array((index + 1) * 2 * 4), index + 1, 2)).toString(
    "base64",
  ),
});
export const PDF_BASE64 = Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64");

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
