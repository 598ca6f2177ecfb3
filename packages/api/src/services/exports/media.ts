import type { Readable } from "node:stream";

import type { ExportOptions, Task } from "@taskforge/schema";
import pLimit from "p-limit";

import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { filesConfig } from "../files/config";
import { openGuardedUrl } from "../files/guarded-download";
import { probeImageSize } from "../files/probe-image-size";
import { fileIdOf } from "../files/references";
import { signedFileUrl } from "../files/signed-url";
import { imageExtension, imageTaskOf } from "./formats/geometry";
import type { ExportImage } from "./formats/types";

/** A training job may start days after the export: its image links last the longest TTL allowed. */
export const EXPORT_URL_TTL_SECONDS = 7 * 86_400;

// Image headers read at once: enough to hide a remote host's latency, few enough not to flood it.
const PROBE_CONCURRENCY = 8;

/** Why an image task is left out, counted by `reason`; `detail` goes to the archive's note. */
export type ImageSkip = { skip: string; detail: string };

export const IMAGE_FILE_MISSING = "uploaded image file not found";
export const IMAGE_NOT_DOWNLOADABLE =
  "image URL the server cannot download (only uploads and http(s) images can be included)";
export const IMAGE_SIZE_UNREADABLE = "image size could not be read from the image";

const EXTENSION_OF_TYPE: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "image/bmp": ".bmp",
  "image/tiff": ".tif",
};

type Upload = { id: string; storageKey: string; filename: string; mimeType: string };

const num = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;

/**
 * For one page of image tasks with a response: each image's size (params, else read from the
 * image's header: the upload in storage, or an http(s) URL through the SSRF guard), its name in
 * the archive, its absolute download URL (`media: "urls"`) and how to read its bytes
 * (`media: "include"`). Headers are read at most `PROBE_CONCURRENCY` at a time; one query finds
 * the page's uploads. Tasks without a response are not in the answer (the format skips them).
 */
export const prepareImages = async (
  scope: Scope,
  tasks: readonly Task[],
  options: ExportOptions,
): Promise<Map<string, ExportImage | ImageSkip>> => {
  const answered = tasks.filter((task) => imageTaskOf(task) !== null);
  const ids = answered.flatMap((task) => {
    const { attachment } = task.params;
    const id = typeof attachment === "string" ? fileIdOf(attachment) : null;
    return id ? [id] : [];
  });
  const uploads = new Map<string, Upload>(
    ids.length
      ? (
          await scope.db.prisma.file.findMany({
            where: { id: { in: [...new Set(ids)] }, ...worldOf(scope) },
            select: { id: true, storageKey: true, filename: true, mimeType: true },
          })
        ).map((row) => [row.id, row])
      : [],
  );
  const limit = pLimit(PROBE_CONCURRENCY);
  const prepared = await Promise.all(
    answered.map((task) => limit(() => prepareImage(scope, task, uploads, options))),
  );
  return new Map(answered.map((task, index) => [task.task_id, prepared[index] as ExportImage]));
};

const prepareImage = async (
  scope: Scope,
  task: Task,
  uploads: ReadonlyMap<string, Upload>,
  options: ExportOptions,
): Promise<ExportImage | ImageSkip> => {
  const attachment = typeof task.params.attachment === "string" ? task.params.attachment : "";
  const id = fileIdOf(attachment);
  const upload = id ? uploads.get(id) : undefined;
  const remote = /^https?:\/\//i.test(attachment);
  if (id && !upload) return { skip: IMAGE_FILE_MISSING, detail: attachment };
  // Other schemes (gs://, s3://…) are kept as URLs for a training job that can read them.
  if (!upload && !remote && options.media === "include") {
    return { skip: IMAGE_NOT_DOWNLOADABLE, detail: attachment };
  }
  let width = num(task.params.image_width);
  let height = num(task.params.image_height);
  if (width === null || height === null) {
    const probed = await probeImageSize(scope.db.prisma, scope, attachment, upload);
    if (!probed.ok) return { skip: IMAGE_SIZE_UNREADABLE, detail: probed.message };
    ({ width, height } = probed.size);
  }
  const extension = upload
    ? (EXTENSION_OF_TYPE[upload.mimeType] ?? imageExtension(upload.filename))
    : imageExtension(attachment);
  const fileName = `${task.task_id}${extension}`;
  let url: string | null = null;
  if (options.media === "urls") {
    url = upload
      ? await signedFileUrl(scope.db, upload.id, {
          baseUrl: options.base_url ?? "",
          ttlSeconds: EXPORT_URL_TTL_SECONDS,
        })
      : attachment;
  }
  return {
    fileName,
    width,
    height,
    url,
    open: () => (upload ? openUpload(upload) : openRemote(attachment)),
  };
};

const openUpload = (upload: Upload): Promise<Readable> =>
  filesConfig().storage.open(upload.storageKey);

/** A remote image, through the same SSRF guard and deadline as a file import. */
const openRemote = (url: string): Promise<Readable> =>
  openGuardedUrl(new URL(url), AbortSignal.timeout(filesConfig().importTimeoutMs));
