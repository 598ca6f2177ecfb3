import { fileAttachmentRuleOf } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { nothingToUploadNotice, sortDrop } from "./sort-files";

const rule = fileAttachmentRuleOf("imageannotation");
if (!rule) throw new Error("imageannotation is made from files");

const dropped = (path: string) => ({
  file: new File([new Uint8Array([1, 2, 3])], path.split("/").at(-1) ?? path),
  path,
});
const notice = (paths: string[]) => {
  const files = paths.map(dropped);
  return nothingToUploadNotice(files, sortDrop(files, "imageannotation", rule));
};

describe("a drop with nothing to upload", () => {
  it("says so for an empty drop", () => {
    expect(notice([])).toBe("Nothing to upload: the drop (or folder) holds no files.");
  });

  it("says so for a folder holding only system files, which are left out silently", () => {
    const files = ["photos/.DS_Store", "photos/Thumbs.db", "__MACOSX/photos/._a.png"].map(dropped);
    const sorted = sortDrop(files, "imageannotation", rule);
    expect(sorted).toEqual({ send: [], refused: [] });
    expect(nothingToUploadNotice(files, sorted)).toMatch(/^Nothing to upload: /);
  });

  it("says nothing when a file is sent or refused", () => {
    expect(notice(["photos/.DS_Store", "photos/a.png"])).toBeNull();
    expect(notice(["photos/Thumbs.db", "notes.pdf"])).toBeNull();
  });
});
