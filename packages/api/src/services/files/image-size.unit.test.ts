import { describe, expect, it } from "vitest";

import { jpegBytes, pngBytes, webpBytes } from "../../test/image-bytes";
import { ImageSizeUnreadableError, readImageSize } from "./image-size";

/** The bytes as a stream of `size`-byte chunks, counting how many chunks were pulled. */
const chunked = (bytes: Uint8Array, size: number) => {
  const pulled = { chunks: 0 };
  function* chunks() {
    for (let at = 0; at < bytes.length; at += size) {
      pulled.chunks += 1;
      yield bytes.subarray(at, at + size);
    }
  }
  return { chunks: chunks(), pulled };
};

const sizeOf = (bytes: Uint8Array, chunkSize = 1024) =>
  readImageSize(chunked(bytes, chunkSize).chunks);

const reasonFor = async (bytes: Uint8Array, maxBytes?: number) => {
  const error = await readImageSize(chunked(bytes, 1024).chunks, maxBytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImageSizeUnreadableError);
  return (error as Error).message;
};

describe("readImageSize", () => {
  it("reads a PNG made by an encoder, even one byte at a time", async () => {
    expect(await sizeOf(pngBytes(37, 21))).toEqual({ width: 37, height: 21 });
    expect(await sizeOf(pngBytes(5, 300), 1)).toEqual({ width: 5, height: 300 });
  });

  it("reads a JPEG's size after its metadata blocks", async () => {
    expect(await sizeOf(jpegBytes(640, 480))).toEqual({ width: 640, height: 480 });
    expect(await sizeOf(jpegBytes(1920, 1080, { padding: 200_000 }), 4096)).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it("swaps a JPEG's width and height when its EXIF orientation turns it a quarter", async () => {
    expect(await sizeOf(jpegBytes(640, 480, { orientation: 6 }))).toEqual({
      width: 480,
      height: 640,
    });
    expect(await sizeOf(jpegBytes(640, 480, { orientation: 3 }))).toEqual({
      width: 640,
      height: 480,
    });
  });

  it.each(["lossy", "lossless", "extended"] as const)("reads a %s WebP", async (encoding) => {
    expect(await sizeOf(webpBytes(300, 200, encoding), 7)).toEqual({ width: 300, height: 200 });
  });

  it("stops reading once the header is known", async () => {
    // A PNG's size is in its first 24 bytes: the rest of a large file is never pulled.
    const { chunks, pulled } = chunked(pngBytes(2000, 1500), 16);
    expect(await readImageSize(chunks)).toEqual({ width: 2000, height: 1500 });
    expect(pulled.chunks).toBe(2);
  });

  it("refuses what is not a PNG, JPEG or WebP image", async () => {
    expect(await reasonFor(Buffer.from("<!doctype html><title>Not found</title>"))).toBe(
      "it is not a PNG, JPEG or WebP image",
    );
    expect(await reasonFor(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"))).toBe(
      "it is not a PNG, JPEG or WebP image",
    );
    expect(await reasonFor(Buffer.from("tiny"))).toBe("it is not a PNG, JPEG or WebP image");
    expect(await reasonFor(Buffer.alloc(0))).toBe("the file is empty");
  });

  it("refuses a cut-off header, and a JPEG whose size lies beyond the byte limit", async () => {
    expect(await reasonFor(pngBytes(3, 3).subarray(0, 18))).toMatch(
      /^its PNG header is not valid \(.+\)$/,
    );
    expect(await reasonFor(jpegBytes(10, 10, { padding: 100_000 }), 64 * 1024)).toMatch(
      /^no image size in its first 65536 bytes \(.+\)$/,
    );
  });

  it("refuses a header that gives no pixels", async () => {
    expect(await reasonFor(jpegBytes(0, 480))).toBe("its header gives a size of 0×480");
  });
});
