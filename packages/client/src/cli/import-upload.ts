import { createReadStream } from "node:fs";
import http from "node:http";
import https from "node:https";

import { ImportJobSchema } from "@taskforge/schema";
import type { ImportFormat, ImportJob } from "@taskforge/schema";

import type { Connection } from "./config";
import { apiRequestErrorOf } from "./rest";
import { errorDetailOf, parseRetryAfter, TransientHttpError } from "./retry";

export type UploadRequest = {
  connection: Connection;
  /** `POST /v1/imports`'s query: format, type, filename, job_id, resume, first_line. */
  query: Record<string, string>;
  format: ImportFormat;
  file: string;
  /** The byte of the file the body starts at, and the file's size. */
  offset: number;
  size: number;
  /** Called with the position in the file sent so far. */
  onSent: (position: number) => void;
  signal: AbortSignal;
};

const CONTENT_TYPES: Record<ImportFormat, string> = {
  jsonl: "application/x-ndjson",
  csv: "text/csv",
};

/**
 * Streams the file from `offset` as the body of `POST /v1/imports` and resolves with the finished
 * job. Sent with its length (not chunked), so proxies that refuse chunked uploads pass it; the
 * file is read only as fast as the socket takes it.
 */
export const uploadImport = (request: UploadRequest): Promise<ImportJob> =>
  new Promise<ImportJob>((resolve, reject) => {
    const url = new URL(
      `${request.connection.baseUrl}/v1/imports?${new URLSearchParams(request.query).toString()}`,
    );
    const client = url.protocol === "https:" ? https : http;
    const outgoing = client.request(url, {
      method: "POST",
      signal: request.signal,
      headers: {
        authorization: `Bearer ${request.connection.apiKey}`,
        "content-type": CONTENT_TYPES[request.format],
        "content-length": String(request.size - request.offset),
      },
    });
    const file = createReadStream(request.file, { start: request.offset });
    let position = request.offset;
    file.on("data", (chunk) => {
      position += chunk.length;
      request.onSent(position);
    });
    file.on("error", (error) => outgoing.destroy(error));
    outgoing.on("error", (error) => {
      file.destroy();
      reject(error);
    });
    outgoing.on("response", (response) => {
      // The server may answer before the whole body is sent (a refused key, say): stop sending.
      file.unpipe(outgoing);
      file.destroy();
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (piece: string) => (text += piece));
      response.on("error", reject);
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(ImportJobSchema.parse(JSON.parse(text)));
          } catch (error) {
            reject(
              new Error(`the server's answer is not an import job: ${(error as Error).message}`),
            );
          }
        } else if (status === 429 || status >= 500) {
          const retryAfter = response.headers["retry-after"];
          reject(
            new TransientHttpError(
              status,
              parseRetryAfter(typeof retryAfter === "string" ? retryAfter : null),
              errorDetailOf(text),
            ),
          );
        } else {
          reject(apiRequestErrorOf(status, text));
        }
      });
    });
    file.pipe(outgoing);
  });
