/**
 * The files of a drop: dropped folders are walked (through the entries API, which browsers give
 * for drag and drop), plain files taken as they are. A `webkitdirectory` input gives the same
 * list directly. Each file keeps its path inside the drop, for messages.
 */
export type DroppedFile = { file: File; path: string };

type Entry = FileSystemEntry;

const filesOfEntry = async (entry: Entry, into: DroppedFile[]): Promise<void> => {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push({ file, path: entry.fullPath.replace(/^\//, "") });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // `readEntries` answers in pages (100 in Chromium) until it answers none.
  for (;;) {
    const page = await new Promise<Entry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (page.length === 0) return;
    for (const child of page) await filesOfEntry(child, into);
  }
};

export const filesOfDrop = async (transfer: DataTransfer): Promise<DroppedFile[]> => {
  // Entries must be taken synchronously, before the event's data is gone.
  const entries = [...transfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry());
  // Files made by scripts (and some browsers) have no entries: take the plain list.
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    return [...transfer.files].map((file) => ({ file, path: file.name }));
  }
  const files: DroppedFile[] = [];
  for (const entry of entries) if (entry) await filesOfEntry(entry, files);
  return files;
};

export const filesOfInput = (list: FileList | null): DroppedFile[] =>
  [...(list ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
