/**
 * Small but well-formed audio and video containers, built byte by byte so tests need no encoder:
 * an MP4 (ISO base media: `ftyp`, a `moov` with its movie header, an empty `mdat`), a WebM (an EBML
 * header with the `webm` doc type and a segment with its info), an MP3 (MPEG-1 layer III frames of
 * silence) and a WAV (through the demo data's tone writer).
 */
export { tonesWav as wavBytes } from "../services/seed/attachments";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u32be = (value: number) => [
  (value >>> 24) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 8) & 0xff,
  value & 0xff,
];
const box = (type: string, body: number[]) => [...u32be(8 + body.length), ...ascii(type), ...body];

/** An MP4 movie of `seconds` with no tracks (an `isom` brand, its movie header, no media data). */
export const mp4Bytes = (seconds = 1): Buffer => {
  const timescale = 1000;
  const mvhd = [
    ...[0, 0, 0, 0], // version 0, no flags
    ...u32be(0), // creation time
    ...u32be(0), // modification time
    ...u32be(timescale),
    ...u32be(seconds * timescale), // duration
    ...u32be(0x00010000), // rate 1.0
    ...[0x01, 0x00], // volume 1.0
    ...new Array<number>(10).fill(0), // reserved
    // The identity matrix.
    ...[0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].flatMap(u32be),
    ...new Array<number>(24).fill(0), // pre-defined
    ...u32be(1), // next track id
  ];
  return Buffer.from([
    ...box("ftyp", [...ascii("isom"), ...u32be(0x200), ...ascii("isom"), ...ascii("mp41")]),
    ...box("moov", box("mvhd", mvhd)),
    ...box("mdat", []),
  ]);
};

// EBML: an element is its id, its size as a variable-length integer, then its body.
const ebml = (id: number[], body: number[]) => {
  if (body.length > 126) throw new Error("element too long for a one-byte size");
  return [...id, 0x80 | body.length, ...body];
};
const uint = (value: number) => {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return bytes.length ? bytes : [0];
};

/** A WebM with a segment holding only its info (timecode scale, muxing and writing app). */
export const webmBytes = (): Buffer =>
  Buffer.from([
    ...ebml(
      [0x1a, 0x45, 0xdf, 0xa3],
      [
        ...ebml([0x42, 0x86], uint(1)), // EBMLVersion
        ...ebml([0x42, 0xf7], uint(1)), // EBMLReadVersion
        ...ebml([0x42, 0xf2], uint(4)), // EBMLMaxIDLength
        ...ebml([0x42, 0xf3], uint(8)), // EBMLMaxSizeLength
        ...ebml([0x42, 0x82], ascii("webm")), // DocType
        ...ebml([0x42, 0x87], uint(4)), // DocTypeVersion
        ...ebml([0x42, 0x85], uint(2)), // DocTypeReadVersion
      ],
    ),
    ...ebml(
      [0x18, 0x53, 0x80, 0x67], // Segment
      ebml(
        [0x15, 0x49, 0xa9, 0x66], // Info
        [
          ...ebml([0x2a, 0xd7, 0xb1], uint(1_000_000)), // TimecodeScale: milliseconds
          ...ebml([0x4d, 0x80], ascii("taskforge")), // MuxingApp
          ...ebml([0x57, 0x41], ascii("taskforge")), // WritingApp
        ],
      ),
    ),
  ]);

/**
 * An MP3 of `frames` MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, mono), no ID3 tag: it starts
 * with a frame sync. A frame is 144 * 128000 / 44100 = 417 bytes; zero side info and data decode
 * to silence.
 */
export const mp3Bytes = (frames = 4): Buffer => {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0xc4]); // sync, MPEG-1, layer III, no CRC; 128k, 44.1k; mono
  return Buffer.concat(Array.from({ length: frames }, () => frame));
};
