import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";

import type { ExportMedia } from "@taskforge/schema";

import { openZipSink } from "../sink";
import type { ZipSink } from "../sink";
import { skippedNote } from "./geometry";
import type { ExportImage, SkipNote } from "./types";

export const IMAGE_UNREADABLE = "image could not be read to include it";

/**
 * The images of an image archive: with `media: "include"` each is streamed into the zip as
 * `images/<task_id>.<ext>` when its task is written; with `urls`, `images.txt` lists each
 * `images/<name>` with the absolute URL to download it from (tab-separated), so the archive's
 * layout is the same either way.
 */
export const imageFolder = (zip: ZipSink, media: ExportMedia) => {
  const listed: string[] = [];
  return {
    /** The image's path inside the archive. */
    pathOf: (image: ExportImage) => `images/${image.fileName}`,
    /** Null once added, else why the task is left out (its image could not be opened). */
    add: async (image: ExportImage): Promise<string | null> => {
      if (media !== "include") {
        listed.push(`images/${image.fileName}\t${image.url ?? ""}\n`);
        return null;
      }
      // Opened before its entry starts, so an image gone since its size was read leaves nothing.
      const source = await image.open().catch(() => null);
      if (!source) return IMAGE_UNREADABLE;
      await zip.addStream(`images/${image.fileName}`, source);
      return null;
    },
    finish: async () => {
      if (listed.length) await zip.add("images.txt", listed.join(""));
    },
  };
};

/**
 * Where a format that writes one document (COCO JSON, CVAT XML, Label Studio JSON) puts it: the
 * export file itself, or, `zipped`, a side file that becomes the archive's `name` entry at the end,
 * beside the images (streamed in as tasks are written) and a `skipped.txt` note.
 */
export const openDocumentTarget = async (
  path: string,
  options: { zipped: boolean; media: ExportMedia; name: string },
) => {
  if (!options.zipped) {
    return {
      documentPath: path,
      images: null,
      finish: (): Promise<void> => Promise.resolve(),
      destroy: () => undefined,
    };
  }
  const zip = await openZipSink(path);
  const documentPath = `${path}.document`;
  const images = imageFolder(zip, options.media);
  return {
    documentPath,
    images,
    /** Call once the document is closed. */
    finish: async (skipped: readonly SkipNote[]) => {
      await images.finish();
      await zip.addStream(options.name, createReadStream(documentPath), { deflate: true });
      await rm(documentPath, { force: true });
      if (skipped.length) await zip.add("skipped.txt", skippedNote(skipped));
      await zip.close();
    },
    destroy: () => {
      zip.destroy();
      void rm(documentPath, { force: true });
    },
  };
};
