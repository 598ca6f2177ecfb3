import type { MediaKind } from "@taskforge/schema";
import { POINT_CLOUD_MEDIA_TYPES, pointCloudFormatOf } from "@taskforge/schema";

/** What a file's first bytes say it is: its kind and the media type it is stored under. */
export type SniffedMedia = { kind: MediaKind; mediaType: string } | { kind: "zip" };

/** Bytes read from the start of a file before deciding what it is. */
export const SNIFF_BYTES = 512;

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

// ISO base media (MP4, MOV, M4A): a `ftyp` box first; its brand tells audio from video.
const isoMedia = (bytes: Uint8Array): SniffedMedia | undefined => {
  if (ascii(bytes, 4, 4) !== "ftyp") return undefined;
  const brand = ascii(bytes, 8, 4);
  if (/^M4[ABP] /.test(brand)) return { kind: "audio", mediaType: "audio/mp4" };
  if (brand === "qt  ") return { kind: "video", mediaType: "video/quicktime" };
  return { kind: "video", mediaType: "video/mp4" };
};

// MPEG audio without an ID3 tag starts with a frame sync: 11 set bits, and a layer that is not 0.
const isMpegFrame = (bytes: Uint8Array) =>
  bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0;

/**
 * The kind of a file from its magic number, whatever its name says. Point clouds are JSON frames,
 * PCD, PLY, LAS/LAZ, and KITTI scans, which have no magic: only they need the name (`.bin`).
 */
export const sniffMedia = (head: Uint8Array, filename?: string): SniffedMedia | undefined => {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "image", mediaType: "image/png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: "image", mediaType: "image/jpeg" };
  if (ascii(head, 0, 4) === "GIF8") return { kind: "image", mediaType: "image/gif" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WEBP")
    return { kind: "image", mediaType: "image/webp" };
  if (ascii(head, 0, 5) === "%PDF-") return { kind: "pdf", mediaType: "application/pdf" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return { kind: "zip" };
  const iso = isoMedia(head);
  if (iso) return iso;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: "video", mediaType: "video/webm" };
  if (ascii(head, 0, 3) === "ID3" || isMpegFrame(head))
    return { kind: "audio", mediaType: "audio/mpeg" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WAVE")
    return { kind: "audio", mediaType: "audio/wav" };
  if (ascii(head, 0, 4) === "OggS") return { kind: "audio", mediaType: "audio/ogg" };
  if (ascii(head, 0, 4) === "fLaC") return { kind: "audio", mediaType: "audio/flac" };
  const cloud = pointCloudFormatOf(head, filename);
  if (cloud) return { kind: "pointcloud", mediaType: POINT_CLOUD_MEDIA_TYPES[cloud] };
  return undefined;
};
