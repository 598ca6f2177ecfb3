import { imageSize } from "image-size";

export type ImageSize = { width: number; height: number };

/** An image whose size could not be read; the message says why, for the caller's error. */
export class ImageSizeUnreadableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ImageSizeUnreadableError";
  }
}

/**
 * How much of an image is read at most to find its size. PNG and WebP give it in their first 30
 * bytes; a JPEG gives it after its metadata blocks (EXIF, ICC profile, thumbnails: 64 KB each).
 */
export const MAX_IMAGE_HEADER_BYTES = 4 * 1024 * 1024;

/** The formats read here: the ones the labeling editors show (every browser decodes them). */
const FORMAT_NAMES = { png: "PNG", jpg: "JPEG", webp: "WebP" } as const;
type Format = keyof typeof FORMAT_NAMES;
const READABLE_FORMATS = "PNG, JPEG or WebP";

const startsWith = (bytes: Uint8Array, offset: number, expected: readonly number[]) =>
  expected.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// Signatures are told apart by their first 12 bytes.
const SIGNATURE_BYTES = 12;
const formatOf = (bytes: Uint8Array): Format | undefined => {
  if (startsWith(bytes, 0, [0x89, ...ascii("PNG\r\n\x1a\n")])) return "png";
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) return "webp";
  return undefined;
};

// EXIF orientations 5 to 8 turn the picture a quarter: browsers show it (and Taskers label it)
// with width and height swapped. Only a JPEG's orientation is complete once its size is known.
const orientedSize = (format: Format, found: ImageSize & { orientation?: number }) =>
  format === "jpg" && found.orientation !== undefined && found.orientation >= 5
    ? { width: found.height, height: found.width }
    : { width: found.width, height: found.height };

/** Bytes read so far, grown by doubling so that a long JPEG header is not copied chunk by chunk. */
const growable = (limit: number) => {
  let bytes = new Uint8Array(Math.min(limit, 64 * 1024));
  let length = 0;
  return {
    append(chunk: Uint8Array) {
      const taken = chunk.subarray(0, limit - length);
      if (length + taken.length > bytes.length) {
        const next = new Uint8Array(
          Math.min(limit, Math.max(bytes.length * 2, length + taken.length)),
        );
        next.set(bytes.subarray(0, length));
        bytes = next;
      }
      bytes.set(taken, length);
      length += taken.length;
    },
    view: () => bytes.subarray(0, length),
    get full() {
      return length >= limit;
    },
  };
};

const describeLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;

/** Whether more bytes may follow those read so far, or why not. */
type ReadState = "more" | "limit" | "end";

/** The size in `bytes` if their header is complete; undefined when more bytes may complete it. */
const sizeIn = (bytes: Uint8Array, state: ReadState, maxBytes: number): ImageSize | undefined => {
  if (bytes.length < SIGNATURE_BYTES && state === "more") return undefined;
  if (bytes.length === 0) throw new ImageSizeUnreadableError("the file is empty");
  const format = formatOf(bytes);
  if (!format) throw new ImageSizeUnreadableError(`it is not a ${READABLE_FORMATS} image`);
  let found: ImageSize & { orientation?: number };
  try {
    found = imageSize(bytes);
  } catch (error) {
    // Most often the header goes on in the next chunk: said only when none follows.
    if (state === "more") return undefined;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImageSizeUnreadableError(
      state === "limit"
        ? `no image size in its first ${describeLimit(maxBytes)} (${detail})`
        : `its ${FORMAT_NAMES[format]} header is not valid (${detail})`,
    );
  }
  const size = orientedSize(format, found);
  if (size.width < 1 || size.height < 1) {
    throw new ImageSizeUnreadableError(`its header gives a size of ${size.width}×${size.height}`);
  }
  return size;
};

/**
 * The pixel size of the PNG, JPEG or WebP image in `chunks`, reading only as far as its header
 * (at most `maxBytes`): the caller stops the source once this returns. Throws
 * `ImageSizeUnreadableError` for anything else: another format, not an image, a cut-off header.
 */
export const readImageSize = async (
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes = MAX_IMAGE_HEADER_BYTES,
): Promise<ImageSize> => {
  const read = growable(maxBytes);
  for await (const chunk of chunks) {
    read.append(chunk);
    const size = sizeIn(read.view(), read.full ? "limit" : "more", maxBytes);
    if (size) return size;
  }
  const size = sizeIn(read.view(), "end", maxBytes);
  if (!size) throw new Error("unreachable: a size is found or refused once the bytes end");
  return size;
};
