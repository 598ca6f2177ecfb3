import { basename } from "node:path";

import { badRequest } from "../../errors";
import type { Scope } from "../../scope";
import { filesConfig } from "./config";
import { storeFile } from "./files";
import { DownloadFailedError, openGuardedUrl, TIMEOUT_REASON } from "./guarded-download";
import type { FileObject, ImportFileInput } from "@taskforge/schema";
import { fileTooLarge } from "./storage";
import { mediaTypeOf } from "./types";

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const importFailed = (url: URL, reason: string) =>
  badRequest(`file_url: could not download ${url.href}: ${reason}`);

const download = async (url: URL, signal: AbortSignal) => {
  try {
    return await openGuardedUrl(url, signal);
  } catch (error) {
    if (error instanceof DownloadFailedError) throw importFailed(error.url, error.reason);
    throw error;
  }
};

/** `POST /files/import`: downloads the URL server-side, with the upload's type and size limits. */
export const importFromUrl = async (scope: Scope, input: ImportFileInput): Promise<FileObject> => {
  const { importTimeoutMs, maxBytes } = filesConfig();
  const url = new URL(input.file_url);
  const signal = AbortSignal.timeout(importTimeoutMs);
  const response = await download(url, signal);
  try {
    if (Number(response.headers["content-length"] ?? "0") > maxBytes) throw fileTooLarge(maxBytes);
    const filename = safeDecode(basename(url.pathname)) || "download";
    return await storeFile(
      scope,
      {
        body: response,
        filename,
        mediaType: mediaTypeOf(response.headers["content-type"], filename),
      },
      input,
    );
  } catch (error) {
    if (signal.aborted) throw importFailed(url, TIMEOUT_REASON);
    throw error;
  } finally {
    response.destroy();
  }
};
