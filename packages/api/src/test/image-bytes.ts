import { PNG } from "pngjs";

/** A real PNG of the given size (every pixel transparent black), encoded by pngjs. */
export const pngBytes = (width: number, height: number): Buffer =>
  PNG.sync.write(new PNG({ width, height }));

const u16be = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** An EXIF APP1 block (big-endian TIFF) holding only the orientation tag. */
const exifOrientationBlock = (orientation: number) => {
  const tiff = [
    ...ascii("MM"),
    0x00,
    0x2a,
    ...[0, 0, 0, 8], // IFD0 right after this header
    ...u16be(1), // one entry
    ...u16be(0x0112), // orientation
    ...u16be(3), // SHORT
    ...[0, 0, 0, 1], // one value
    ...u16be(orientation),
    0,
    0,
    ...[0, 0, 0, 0], // no next IFD
  ];
  const payload = [...ascii("Exif"), 0, 0, ...tiff];
  return [0xff, 0xe1, ...u16be(payload.length + 2), ...payload];
};

/**
 * The header of a baseline JPEG (SOI, JFIF APP0, optional EXIF orientation, `padding` bytes of
 * APP2 blocks standing for ICC profiles or thumbnails, SOF0 with the size), then an end marker:
 * all a size reader looks at.
 */
export const jpegBytes = (
  width: number,
  height: number,
  options: { orientation?: number; padding?: number } = {},
): Buffer => {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const filler: number[] = [];
  for (let left = options.padding ?? 0; left > 0; left -= 65_533) {
    const size = Math.min(left, 65_533);
    filler.push(0xff, 0xe2, ...u16be(size + 2), ...new Array<number>(size).fill(0));
  }
  const sof0 = [0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3];
  const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([
    0xff,
    0xd8,
    ...app0,
    ...(options.orientation ? exifOrientationBlock(options.orientation) : []),
    ...filler,
    ...sof0,
    ...components,
    0xff,
    0xd9,
  ]);
};

const riff = (chunk: string, body: number[]) => {
  const payload = [...ascii("WEBP"), ...ascii(chunk), ...le32(body.length), ...body];
  return Buffer.from([...ascii("RIFF"), ...le32(payload.length), ...payload]);
};
const le32 = (value: number) => [
  value & 0xff,
  (value >> 8) & 0xff,
  (value >> 16) & 0xff,
  value >>> 24,
];

/** The start of a WebP file in each of its three encodings, as far as its size. */
export const webpBytes = (
  width: number,
  height: number,
  encoding: "lossy" | "lossless" | "extended",
): Buffer => {
  if (encoding === "lossy") {
    // Frame tag (a key frame), start code, then 14-bit width and height (little-endian).
    return riff("VP8 ", [
      0x10,
      0x02,
      0x00,
      0x9d,
      0x01,
      0x2a,
      width & 0xff,
      (width >> 8) & 0x3f,
      height & 0xff,
      (height >> 8) & 0x3f,
    ]);
  }
  if (encoding === "lossless") {
    // Signature 0x2f, then width-1 and height-1 in 14 bits each, least significant first.
    const [w, h] = [width - 1, height - 1];
    return riff("VP8L", [
      0x2f,
      w & 0xff,
      ((w >> 8) & 0x3f) | ((h & 0x3) << 6),
      (h >> 2) & 0xff,
      (h >> 10) & 0x0f,
    ]);
  }
  // VP8X: flags, 3 reserved bytes, then width-1 and height-1 in 24 bits each.
  const [w, h] = [width - 1, height - 1];
  return riff("VP8X", [0, 0, 0, 0, ...le32(w).slice(0, 3), ...le32(h).slice(0, 3)]);
};
