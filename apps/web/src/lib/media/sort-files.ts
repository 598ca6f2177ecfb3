import {
  describeMediaKinds,
  isSystemFileName,
  isZipName,
  mediaKindOfName,
} from "@taskforge/schema";
import type { FileAttachmentRule } from "@taskforge/schema";

import type { DroppedFile } from "./gather-files";

export type Refusal = { path: string; message: string };

/**
 * Splits a drop into what is sent and what is refused at once, by name: the server checks every
 * file's bytes again, but a file the type cannot label need not be sent to learn that. System
 * files (`.DS_Store`, `__MACOSX/`) are left out silently; a zip is sent whole, for the server to
 * unpack and check.
 */
export const sortDrop = (files: readonly DroppedFile[], type: string, rule: FileAttachmentRule) => {
  const send: DroppedFile[] = [];
  const refused: Refusal[] = [];
  for (const dropped of files) {
    if (isSystemFileName(dropped.path)) continue;
    const kind = mediaKindOfName(dropped.file.name);
    if (isZipName(dropped.file.name) || (kind && rule.kinds.includes(kind))) send.push(dropped);
    else {
      refused.push({
        path: dropped.path,
        message: `not sent: projects of type ${type} take ${describeMediaKinds(rule.kinds)}`,
      });
    }
  }
  return { send, refused };
};

/**
 * What the page says when a drop leaves nothing to send and nothing to refuse: an empty drop, or
 * one holding only system files (`.DS_Store`, `Thumbs.db`), which are left out silently. `null`
 * when there is something to show.
 */
export const nothingToUploadNotice = (
  files: readonly DroppedFile[],
  sorted: { send: readonly DroppedFile[]; refused: readonly Refusal[] },
): string | null => {
  if (sorted.send.length > 0 || sorted.refused.length > 0) return null;
  return files.length === 0
    ? "Nothing to upload: the drop (or folder) holds no files."
    : "Nothing to upload: the drop (or folder) holds only system files (.DS_Store, Thumbs.db, __MACOSX).";
};
