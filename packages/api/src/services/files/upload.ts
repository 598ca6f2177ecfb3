import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { Busboy } from "@fastify/busboy";
import type { BusboyFileStream } from "@fastify/busboy";

import { badRequest, fromZodError } from "../../errors";
import type { Scope } from "../../scope";
import { filesConfig } from "./config";
import { storeFile } from "./files";
import { storedFormOfUpload } from "../pointcloud/upload";
import type { FileObject } from "@taskforge/schema";
import { UploadFieldsSchema } from "@taskforge/schema";
import { fileTooLarge } from "./storage";
import { mediaTypeOf } from "./types";

// Room for the multipart framing and the form fields around the file itself.
const MULTIPART_OVERHEAD_BYTES = 256 * 1024;

/** Form fields as received: repeated names (`project_names`) become lists. */
const fieldsOf = (received: Map<string, string[]>) => {
  const one = (name: string) => received.get(name)?.[0];
  // `project_names` may be repeated, or one JSON array as Scale's Python SDK sends it.
  const projectNames = (received.get("project_names") ?? []).flatMap((value) => {
    const trimmed = value.trim();
    if (!trimmed.startsWith("[")) return [trimmed];
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? (parsed as unknown[]).map(String) : [value];
    } catch {
      return [value];
    }
  });
  const parsed = UploadFieldsSchema.safeParse({
    project_name: one("project_name"),
    project_names: received.has("project_names") ? projectNames : undefined,
    display_name: one("display_name"),
  });
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
};

// A refused upload's remaining body is read and dropped up to this much, so that the client, still
// sending, gets the error reply and can reuse its connection; past it the connection is cut.
const DISCARD_BUDGET_BYTES = 16 * 1024 * 1024;

export const discardRest = (source: Readable, parser?: NodeJS.WritableStream) => {
  if (parser) source.unpipe(parser);
  let drained = 0;
  source.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DISCARD_BUDGET_BYTES) source.destroy();
  });
  source.on("error", () => undefined);
  source.resume();
};

/**
 * `POST /files/upload`: parses the multipart body as it arrives and streams the `file` part
 * straight into storage; nothing is buffered whole. The size limit is checked against the declared
 * length first and then while streaming, so an oversized file is refused without being kept.
 */
export const uploadFromRequest = async (scope: Scope, request: Request): Promise<FileObject> => {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw badRequest(
      "POST /files/upload takes a multipart/form-data body with the file in a part named `file`.",
    );
  }
  const { maxBytes } = filesConfig();
  // The cast is needed where the DOM's ReadableStream type is in scope (the web app compiles this).
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    discardRest(source);
    throw fileTooLarge(maxBytes);
  }

  let busboy: ReturnType<typeof Busboy>;
  try {
    busboy = Busboy({
      headers: { "content-type": contentType },
      limits: { files: 1, fields: 50, fieldSize: 64 * 1024, parts: 51 },
    });
  } catch (error) {
    discardRest(source);
    throw badRequest(`Malformed multipart body: ${(error as Error).message}`);
  }
  const received = new Map<string, string[]>();
  let stored: Promise<FileObject> | undefined;
  let refuse: (error: unknown) => void = () => undefined;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  refused.catch(() => undefined);

  // Resolves once the whole body is parsed; rejects on a malformed body.
  const parsed = new Promise<void>((resolve, reject) => {
    busboy.on("finish", resolve);
    busboy.on("error", (error: Error) =>
      reject(badRequest(`Malformed multipart body: ${error.message}`)),
    );
    source.on("error", reject);
  });
  const fields = parsed.then(() => fieldsOf(received));
  // Awaited below; this only keeps an early rejection from counting as unhandled meanwhile.
  fields.catch(() => undefined);

  busboy.on("field", (name: string, value: string) => {
    received.set(name, [...(received.get(name) ?? []), value]);
  });
  busboy.on(
    "file",
    (name: string, stream: BusboyFileStream, filename: string, _encoding: string, type: string) => {
      if (name !== "file" || stored) {
        stream.resume();
        return;
      }
      const name_ = filename || "upload";
      const file = { body: stream, filename: name_, mediaType: mediaTypeOf(type, name_) };
      // A sensor point cloud is stored converted (read whole first, within the size limit).
      stored = storedFormOfUpload(file, maxBytes).then((form) => storeFile(scope, form, fields));
      // A refused file stops the upload at once: the rest of the body is discarded (so the
      // connection stays usable for the client's next request), up to what the limit allows.
      stored.catch((error: unknown) => {
        discardRest(source, busboy);
        refuse(error);
      });
    },
  );
  source.pipe(busboy);

  // A refusal of the file itself (type, size) wins over the parse error it may cause.
  await Promise.race([parsed, refused]);
  if (!stored) throw badRequest("file: is required (a multipart part named `file`).");
  return stored;
};
