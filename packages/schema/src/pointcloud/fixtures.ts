/**
 * Small point clouds written in each sensor format, for tests and benchmarks (no fixture files are
 * kept in the repository). Each writer follows its format's specification independently of the
 * parsers, so a parser that misreads a format fails against them.
 */

export type SamplePoints = {
  count: number;
  /** x, y, z per point. */
  positions: Float64Array;
  /** One per point, integers 0..255 so every format holds them exactly. */
  intensities: Float64Array;
  /** r, g, b per point. */
  colors: Uint8Array;
};

/** Deterministic points on a ring around the origin, with a ground plane's spread of heights. */
export const samplePoints = (count: number, seed = 1): SamplePoints => {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const positions = new Float64Array(count * 3);
  const intensities = new Float64Array(count);
  const colors = new Uint8Array(count * 3);
  for (let i = 0; i < count; i += 1) {
    const angle = random() * Math.PI * 2;
    const range = 2 + random() * 40;
    // Millimetre steps, so LAS's integer coordinates (scale 0.001) hold them exactly.
    positions[i * 3] = Math.round(Math.cos(angle) * range * 1000) / 1000;
    positions[i * 3 + 1] = Math.round(Math.sin(angle) * range * 1000) / 1000;
    positions[i * 3 + 2] = Math.round((random() * 3 - 1.7) * 1000) / 1000;
    intensities[i] = Math.floor(random() * 256);
    colors.set([i % 256, (i * 7) % 256, (i * 13) % 256], i * 3);
  }
  return { count, positions, intensities, colors };
};

const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const packedRgb = (points: SamplePoints, i: number) =>
  (((points.colors[i * 3] ?? 0) << 16) |
    ((points.colors[i * 3 + 1] ?? 0) << 8) |
    (points.colors[i * 3 + 2] ?? 0)) >>>
  0;

/** liblzf's format, greedy with a 3-byte hash: what PCL writes in `binary_compressed`. */
export const lzfCompress = (input: Uint8Array): Uint8Array => {
  const out = new Uint8Array(input.length + Math.ceil(input.length / 32) + 16);
  const table = new Int32Array(1 << 16).fill(-1);
  let op = 0;
  let literalStart = 0;
  const flush = (end: number) => {
    while (literalStart < end) {
      const run = Math.min(32, end - literalStart);
      out[op++] = run - 1;
      out.set(input.subarray(literalStart, literalStart + run), op);
      op += run;
      literalStart += run;
    }
  };
  let ip = 0;
  while (ip + 2 < input.length) {
    const hash =
      (((input[ip] ?? 0) << 8) ^ ((input[ip + 1] ?? 0) << 4) ^ (input[ip + 2] ?? 0)) & 0xffff;
    const ref = table[hash] ?? 0;
    table[hash] = ip;
    const distance = ip - ref - 1;
    if (
      ref >= 0 &&
      distance < 8192 &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1] &&
      input[ref + 2] === input[ip + 2]
    ) {
      let length = 3;
      const longest = Math.min(264, input.length - ip);
      while (length < longest && input[ref + length] === input[ip + length]) length += 1;
      flush(ip);
      const encoded = length - 2;
      if (encoded < 7) out[op++] = (encoded << 5) | (distance >> 8);
      else {
        out[op++] = (7 << 5) | (distance >> 8);
        out[op++] = encoded - 7;
      }
      out[op++] = distance & 0xff;
      ip += length;
      literalStart = ip;
    } else ip += 1;
  }
  flush(input.length);
  return out.slice(0, op);
};

export type PcdOptions = {
  data: "ascii" | "binary" | "binary_compressed";
  intensity?: boolean;
  rgb?: boolean;
  /** Overrides the header's POINTS (and WIDTH), to write a wrong count. */
  declaredPoints?: number;
};

export const pcdBytes = (points: SamplePoints, options: PcdOptions): Uint8Array => {
  const fields = [
    "x",
    "y",
    "z",
    ...(options.intensity ? ["intensity"] : []),
    ...(options.rgb ? ["rgb"] : []),
  ];
  const declared = options.declaredPoints ?? points.count;
  const header = ascii(
    [
      "# .PCD v0.7 - Point Cloud Data file format",
      "VERSION 0.7",
      `FIELDS ${fields.join(" ")}`,
      `SIZE ${fields.map(() => 4).join(" ")}`,
      // PCL stores packed colour as a float's bytes.
      `TYPE ${fields.map(() => "F").join(" ")}`,
      `COUNT ${fields.map(() => 1).join(" ")}`,
      `WIDTH ${declared}`,
      "HEIGHT 1",
      "VIEWPOINT 0 0 0 1 0 0 0",
      `POINTS ${declared}`,
      `DATA ${options.data}`,
      "",
    ].join("\n"),
  );
  const bits = new DataView(new ArrayBuffer(4));
  const rgbFloat = (i: number) => {
    bits.setUint32(0, packedRgb(points, i), true);
    return bits.getFloat32(0, true);
  };
  const valuesOf = (i: number) => [
    points.positions[i * 3] ?? 0,
    points.positions[i * 3 + 1] ?? 0,
    points.positions[i * 3 + 2] ?? 0,
    ...(options.intensity ? [points.intensities[i] ?? 0] : []),
    ...(options.rgb ? [rgbFloat(i)] : []),
  ];
  if (options.data === "ascii") {
    const lines: string[] = [];
    for (let i = 0; i < points.count; i += 1) lines.push(valuesOf(i).join(" "));
    return concat(header, ascii(lines.join("\n") + "\n"));
  }
  const body = new Uint8Array(points.count * fields.length * 4);
  const view = new DataView(body.buffer);
  for (let i = 0; i < points.count; i += 1)
    valuesOf(i).forEach((value, f) => {
      const at =
        options.data === "binary" ? (i * fields.length + f) * 4 : (f * points.count + i) * 4; // compressed data is stored field by field
      view.setFloat32(at, value, true);
    });
  if (options.data === "binary") return concat(header, body);
  const compressed = lzfCompress(body);
  const sizes = new DataView(new ArrayBuffer(8));
  sizes.setUint32(0, compressed.length, true);
  sizes.setUint32(4, body.length, true);
  return concat(header, new Uint8Array(sizes.buffer), compressed);
};

export type PlyOptions = {
  format: "ascii" | "binary_little_endian" | "binary_big_endian";
  intensity?: boolean;
  rgb?: boolean;
};

export const plyBytes = (points: SamplePoints, options: PlyOptions): Uint8Array => {
  const header = ascii(
    [
      "ply",
      `format ${options.format} 1.0`,
      "comment written by taskforge's fixtures",
      `element vertex ${points.count}`,
      "property float x",
      "property float y",
      "property float z",
      ...(options.intensity ? ["property float intensity"] : []),
      ...(options.rgb ? ["property uchar red", "property uchar green", "property uchar blue"] : []),
      "element face 0",
      "property list uchar int vertex_indices",
      "end_header",
      "",
    ].join("\n"),
  );
  if (options.format === "ascii") {
    const lines: string[] = [];
    for (let i = 0; i < points.count; i += 1)
      lines.push(
        [
          ...points.positions.subarray(i * 3, i * 3 + 3),
          ...(options.intensity ? [points.intensities[i]] : []),
          ...(options.rgb ? points.colors.subarray(i * 3, i * 3 + 3) : []),
        ].join(" "),
      );
    return concat(header, ascii(lines.join("\n") + "\n"));
  }
  const little = options.format === "binary_little_endian";
  const stride = 12 + (options.intensity ? 4 : 0) + (options.rgb ? 3 : 0);
  const body = new Uint8Array(points.count * stride);
  const view = new DataView(body.buffer);
  for (let i = 0; i < points.count; i += 1) {
    let at = i * stride;
    for (let axis = 0; axis < 3; axis += 1, at += 4)
      view.setFloat32(at, points.positions[i * 3 + axis] ?? 0, little);
    if (options.intensity) {
      view.setFloat32(at, points.intensities[i] ?? 0, little);
      at += 4;
    }
    if (options.rgb) body.set(points.colors.subarray(i * 3, i * 3 + 3), at);
  }
  return concat(header, body);
};

export type LasOptions = {
  /** Point data format: 0–3 and 6–8 are written. */
  format: 0 | 1 | 2 | 3 | 6 | 7 | 8;
  minor?: 2 | 3 | 4;
  offset?: [number, number, number];
  scale?: number;
};

const LAS_RECORD_BYTES: Record<number, number> = {
  0: 20,
  1: 28,
  2: 26,
  3: 34,
  6: 30,
  7: 36,
  8: 38,
};
const LAS_RGB_AT: Record<number, number> = { 2: 20, 3: 28, 7: 30, 8: 30 };

export const lasBytes = (points: SamplePoints, options: LasOptions): Uint8Array => {
  const minor = options.minor ?? (options.format >= 6 ? 4 : 2);
  const headerBytes = minor === 4 ? 375 : minor === 3 ? 235 : 227;
  const record = LAS_RECORD_BYTES[options.format] ?? 0;
  const scale = options.scale ?? 0.001;
  const offset = options.offset ?? [0, 0, 0];
  const out = new Uint8Array(headerBytes + points.count * record);
  const view = new DataView(out.buffer);
  out.set(ascii("LASF"));
  view.setUint8(24, 1);
  view.setUint8(25, minor);
  view.setUint16(94, headerBytes, true);
  view.setUint32(96, headerBytes, true);
  view.setUint8(104, options.format);
  view.setUint16(105, record, true);
  view.setUint32(107, options.format >= 6 ? 0 : points.count, true);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < points.count; i += 1) {
    const at = headerBytes + i * record;
    for (let axis = 0; axis < 3; axis += 1) {
      const value = (points.positions[i * 3 + axis] ?? 0) + (offset[axis] ?? 0);
      min[axis] = Math.min(min[axis] ?? 0, value);
      max[axis] = Math.max(max[axis] ?? 0, value);
      view.setInt32(at + axis * 4, Math.round((value - (offset[axis] ?? 0)) / scale), true);
    }
    view.setUint16(at + 12, points.intensities[i] ?? 0, true);
    const rgbAt = LAS_RGB_AT[options.format];
    if (rgbAt !== undefined)
      for (let c = 0; c < 3; c += 1)
        view.setUint16(at + rgbAt + c * 2, (points.colors[i * 3 + c] ?? 0) * 257, true);
  }
  [131, 139, 147].forEach((at) => view.setFloat64(at, scale, true));
  [155, 163, 171].forEach((at, axis) => view.setFloat64(at, offset[axis] ?? 0, true));
  [0, 1, 2].forEach((axis) => {
    view.setFloat64(179 + axis * 16, max[axis] ?? 0, true);
    view.setFloat64(187 + axis * 16, min[axis] ?? 0, true);
  });
  if (minor === 4) view.setBigUint64(247, BigInt(points.count), true);
  return out;
};

/** KITTI velodyne: float32 x, y, z, intensity per point (intensity scaled to 0..1 as KITTI's). */
export const kittiBytes = (points: SamplePoints): Uint8Array => {
  const out = new Uint8Array(points.count * 16);
  const view = new DataView(out.buffer);
  for (let i = 0; i < points.count; i += 1) {
    for (let axis = 0; axis < 3; axis += 1)
      view.setFloat32(i * 16 + axis * 4, points.positions[i * 3 + axis] ?? 0, true);
    view.setFloat32(i * 16 + 12, (points.intensities[i] ?? 0) / 255, true);
  }
  return out;
};
