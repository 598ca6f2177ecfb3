import http from "node:http";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { basename } from "node:path";

import { badRequest } from "../../errors";
import type { Scope } from "../../scope";
import { guardedLookup, refusalFor } from "../callbacks/ssrf";
import { filesConfig } from "./config";
import { storeFile } from "./files";
import type { FileObject, ImportFileInput } from "./schemas";
import { fileTooLarge } from "./storage";
import { mediaTypeOf } from "./types";

const MAX_REDIRECTS = 3;

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const importFailed = (url: URL, reason: string) =>
  badRequest(`file_url: could not download ${url.href}: ${reason}`);

/**
 * Opens `url` with every address checked by the callbacks' SSRF guard (literal IPs here, names at
 * connect time by the agent's lookup, each redirect hop the same way), within one deadline.
 */
const download = async (start: URL, signal: AbortSignal): Promise<IncomingMessage> => {
  const { importPolicy, resolve } = filesConfig();
  const lookup = guardedLookup(importPolicy, resolve);
  let url = start;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw importFailed(url, `only http and https URLs can be imported, not ${url.protocol}`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const refusal = isIP(host) ? refusalFor(importPolicy, host, host) : null;
    if (refusal) throw importFailed(url, refusal.message);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const request = client.get(url, { lookup, signal, agent: false }, resolve);
      request.on("error", (error) =>
        reject(
          importFailed(
            url,
            signal.aborted ? "no complete answer in time (timeout)" : error.message,
          ),
        ),
      );
    });
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location && hop < MAX_REDIRECTS) {
      response.resume();
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw importFailed(url, `the server answered ${status}`);
    }
    return response;
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
    if (signal.aborted) throw importFailed(url, "no complete answer in time (timeout)");
    throw error;
  } finally {
    response.destroy();
  }
};
