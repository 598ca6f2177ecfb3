import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import type { MediaUploadInput, MediaUploadResult } from "@taskforge/schema";
import { isZipName } from "@taskforge/schema";

import { badRequest } from "../../errors";
import { discardRest } from "../files/upload";
import type { Scope } from "../../scope";
import { getProject } from "../projects";
import { addMediaTask, attachmentRuleOfProject } from "./add-media-task";
import { addMediaZip } from "./media-zip";
import { peekStream } from "./peek";
import { SNIFF_BYTES, sniffMedia } from "./sniff";

/**
 * `POST /projects/{name}/media?filename=`: the body is one media file, which becomes one task of
 * the project, or a zip of them, which becomes one task per file. The dashboard's drop zone sends
 * files this way one at a time, so nothing is held whole, whatever their number or size.
 */
export const uploadMedia = async (
  scope: Scope,
  input: MediaUploadInput,
  body: Request["body"],
): Promise<MediaUploadResult> => {
  const project = await getProject(scope, input.name);
  // Refused before reading the body: nothing about this upload can be labelled.
  const rule = attachmentRuleOfProject(project);
  if (!body) throw badRequest("The body must be the file itself.");
  // The cast is needed where the DOM's ReadableStream type is in scope (the web app compiles this).
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  try {
    const { head, stream } = await peekStream(source, SNIFF_BYTES);
    const file = { filename: input.filename, body: stream };
    const isZip = sniffMedia(head)?.kind === "zip" || isZipName(input.filename);
    const created = isZip
      ? await addMediaZip(scope, project, rule, file)
      : [await addMediaTask(scope, project, file)];
    return { project: project.name, created };
  } catch (error) {
    // A refused file is answered at once; the rest of its body is read and dropped, so the
    // browser, still sending, gets the answer rather than a cut connection.
    discardRest(source);
    throw error;
  }
};
