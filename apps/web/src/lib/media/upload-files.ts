import type { MediaUploadResult } from "@taskforge/schema";

import type { DroppedFile } from "./gather-files";

export type UploadProgress = {
  filesDone: number;
  filesTotal: number;
  bytesSent: number;
  bytesTotal: number;
};
export type FileOutcome =
  | { path: string; ok: true; result: MediaUploadResult }
  | { path: string; ok: false; message: string };

/** Files sent at once: enough to hide each request's latency, few enough to keep the server fair. */
export const UPLOAD_CONCURRENCY = 4;

/**
 * One file as the request body, through XMLHttpRequest because fetch reports no upload progress.
 * The browser reads the file from disk as it sends, so nothing is held whole.
 */
const sendOne = (url: string, file: File, onBytes: (sent: number) => void) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => onBytes(event.loaded);
    request.onload = () => resolve({ status: request.status, body: request.response as unknown });
    request.onerror = () => reject(new Error("the connection failed"));
    request.send(file);
  });

/**
 * Uploads the files to the project, `UPLOAD_CONCURRENCY` at a time, reporting files and bytes
 * as they go. Each file's outcome is its own: a refused one does not stop the others.
 */
export const uploadFiles = async (
  project: string,
  files: readonly DroppedFile[],
  onProgress: (progress: UploadProgress, outcome?: FileOutcome) => void,
): Promise<FileOutcome[]> => {
  const progress: UploadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesSent: 0,
    bytesTotal: files.reduce((sum, { file }) => sum + file.size, 0),
  };
  const outcomes: FileOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const dropped = files[next++];
      if (!dropped) return;
      let counted = 0;
      const url = `/api/projects/${encodeURIComponent(project)}/media?filename=${encodeURIComponent(dropped.file.name)}`;
      const outcome: FileOutcome = await sendOne(url, dropped.file, (sent) => {
        progress.bytesSent += sent - counted;
        counted = sent;
        onProgress({ ...progress });
      }).then(
        ({ status, body }): FileOutcome =>
          status === 200
            ? { path: dropped.path, ok: true, result: body as MediaUploadResult }
            : {
                path: dropped.path,
                ok: false,
                message: (body as { error?: string } | null)?.error ?? `failed (${status})`,
              },
        (error: unknown) => ({ path: dropped.path, ok: false, message: (error as Error).message }),
      );
      progress.bytesSent += dropped.file.size - counted;
      progress.filesDone += 1;
      outcomes.push(outcome);
      onProgress({ ...progress }, outcome);
    }
  };
  await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, worker));
  return outcomes;
};
