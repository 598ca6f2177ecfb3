import http from "node:http";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";

import { guardedLookup, refusalFor } from "../callbacks/ssrf";
import { filesConfig } from "./config";

const MAX_REDIRECTS = 3;

/** Why a download failed before its body: for the caller to word as its own error (which field). */
export class DownloadFailedError extends Error {
  constructor(
    readonly url: URL,
    readonly reason: string,
  ) {
    super(`${url.href}: ${reason}`);
    this.name = "DownloadFailedError";
  }
}

export const TIMEOUT_REASON = "no complete answer in time (timeout)";

/**
 * Opens `url` for reading with every address checked by the callbacks' SSRF guard (literal IPs
 * here, names at connect time by the agent's lookup, each redirect hop the same way): private
 * addresses only through TASKFORGE_CALLBACK_ALLOWLIST. Answers the 200 response, unread; `signal`
 * bounds the whole exchange, reading included.
 */
export const openGuardedUrl = async (start: URL, signal: AbortSignal): Promise<IncomingMessage> => {
  const { importPolicy, resolve } = filesConfig();
  const lookup = guardedLookup(importPolicy, resolve);
  let url = start;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new DownloadFailedError(
        url,
        `only http and https URLs can be downloaded, not ${url.protocol}`,
      );
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const refusal = isIP(host) ? refusalFor(importPolicy, host, host) : null;
    if (refusal) throw new DownloadFailedError(url, refusal.message);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const request = client.get(url, { lookup, signal, agent: false }, resolve);
      request.on("error", (error) =>
        reject(new DownloadFailedError(url, signal.aborted ? TIMEOUT_REASON : error.message)),
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
      throw new DownloadFailedError(url, `the server answered ${status}`);
    }
    return response;
  }
};
