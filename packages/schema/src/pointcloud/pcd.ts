import type { NumberReader, NumberType } from "./binary";
import { asciiRows, numberReader, readTextHeader, viewOf, zero } from "./binary";
import type { PointFrame } from "./frame";
import {
  checkPointCount,
  newFrame,
  PointCloudError,
  setColor,
  setIntensity,
  setPosition,
} from "./frame";
import { lzfDecompress } from "./lzf";

/** PCD (the Point Cloud Library's format): a text header, then ascii, binary or LZF-compressed data. */

type Field = { name: string; type: NumberType; bytes: number; count: number };

const typeOf = (kind: string, size: number): NumberType | undefined =>
  (
    ({
      F4: "float32",
      F8: "float64",
      I1: "int8",
      I2: "int16",
      I4: "int32",
      U1: "uint8",
      U2: "uint16",
      U4: "uint32",
    }) as Record<string, NumberType>
  )[`${kind}${size}`];

const positiveInt = (value: string | undefined, what: string) => {
  const number = Number(value);
  if (!value || !Number.isSafeInteger(number) || number < 0)
    throw new PointCloudError(`its header's ${what} "${value ?? ""}" is not a count`);
  return number;
};

const headerOf = (bytes: Uint8Array) => {
  const { lines, dataOffset } = readTextHeader(
    bytes,
    (line) => /^DATA\s/i.test(line),
    "its PCD header has no DATA line",
  );
  const entries = new Map<string, string[]>();
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const [key = "", ...values] = trimmed.split(/\s+/);
    entries.set(key.toUpperCase(), values);
  }
  const names = entries.get("FIELDS") ?? [];
  if (!names.length) throw new PointCloudError("its PCD header has no FIELDS line");
  const sizes = entries.get("SIZE") ?? [];
  const types = entries.get("TYPE") ?? [];
  const counts = entries.get("COUNT") ?? names.map(() => "1");
  if (
    sizes.length !== names.length ||
    types.length !== names.length ||
    counts.length !== names.length
  )
    throw new PointCloudError(
      `its PCD header gives ${names.length} FIELDS but ${sizes.length} SIZE, ${types.length} TYPE and ${counts.length} COUNT values`,
    );
  const fields: Field[] = names.map((name, i) => {
    const size = Number(sizes[i]);
    const type = typeOf((types[i] ?? "").toUpperCase(), size);
    if (!type)
      throw new PointCloudError(
        `its field "${name}" has TYPE ${types[i]} and SIZE ${sizes[i]}, which PCD does not define`,
      );
    return { name, type, bytes: size, count: positiveInt(counts[i], `COUNT of ${name}`) };
  });
  const width = entries.has("WIDTH") ? positiveInt(entries.get("WIDTH")?.[0], "WIDTH") : undefined;
  const height = entries.has("HEIGHT") ? positiveInt(entries.get("HEIGHT")?.[0], "HEIGHT") : 1;
  const declared = entries.get("POINTS")?.[0];
  const points = declared !== undefined ? positiveInt(declared, "POINTS") : (width ?? 0) * height;
  if (width !== undefined && width * height !== points)
    throw new PointCloudError(
      `its header's POINTS (${points}) is not WIDTH × HEIGHT (${width} × ${height})`,
    );
  checkPointCount(points);
  const data = (entries.get("DATA")?.[0] ?? "").toLowerCase();
  if (data !== "ascii" && data !== "binary" && data !== "binary_compressed")
    throw new PointCloudError(`its DATA "${data}" is not ascii, binary or binary_compressed`);
  return { fields, points, data, dataOffset };
};

/** Where each value the frame keeps sits among a point's values (field index, element). */
const rolesOf = (fields: readonly Field[]) => {
  const index = (...names: string[]) =>
    fields.findIndex((field) => names.includes(field.name.toLowerCase()));
  const [x, y, z] = [index("x"), index("y"), index("z")];
  if (x < 0 || y < 0 || z < 0)
    throw new PointCloudError(`its FIELDS (${fields.map((f) => f.name).join(" ")}) lack x, y or z`);
  return { x, y, z, intensity: index("intensity", "i", "reflectance"), rgb: index("rgb", "rgba") };
};

// PCL packs colour as the 4 bytes of one value (0x00RRGGBB), stored as a float or an integer.
const bits = new DataView(new ArrayBuffer(4));
const packedRgbOf = (value: number, type: NumberType) => {
  if (type === "float32") bits.setFloat32(0, value, true);
  else bits.setUint32(0, value >>> 0, true);
  return bits.getUint32(0, true);
};

type Roles = ReturnType<typeof rolesOf>;

/** Sets point `i` from its field values, `valueOf(field)`. */
const setPoint = (
  frame: PointFrame,
  fields: readonly Field[],
  roles: Roles,
  i: number,
  valueOf: (field: number) => number,
) => {
  setPosition(frame, i, valueOf(roles.x), valueOf(roles.y), valueOf(roles.z));
  if (roles.intensity >= 0) setIntensity(frame, i, valueOf(roles.intensity));
  if (roles.rgb >= 0) {
    const packed = packedRgbOf(valueOf(roles.rgb), fields[roles.rgb]?.type ?? "float32");
    setColor(frame, i, (packed >> 16) & 0xff, (packed >> 8) & 0xff, packed & 0xff);
  }
};

/**
 * Fills the frame from binary data where field `f` of point `i` is at `start(f) + i * step(f)`
 * (point by point for `binary`, field by field for `binary_compressed`). Each role gets its own
 * reader and place up front: this loop runs for millions of points.
 */
const fillBinary = (
  frame: PointFrame,
  fields: readonly Field[],
  view: DataView,
  start: (field: number) => number,
  step: (field: number) => number,
) => {
  const roles = rolesOf(fields);
  const place = (field: number) => ({
    read: field < 0 ? zero : numberReader(fields[field]?.type ?? "float32", true),
    at: field < 0 ? 0 : start(field),
    step: field < 0 ? 0 : step(field),
  });
  const [x, y, z, intensity, rgb] = [roles.x, roles.y, roles.z, roles.intensity, roles.rgb].map(
    place,
  ) as [Place, Place, Place, Place, Place];
  const rgbType = fields[roles.rgb]?.type ?? "float32";
  for (let i = 0; i < frame.count; i += 1) {
    setPosition(
      frame,
      i,
      x.read(view, x.at + i * x.step),
      y.read(view, y.at + i * y.step),
      z.read(view, z.at + i * z.step),
    );
    if (roles.intensity >= 0)
      setIntensity(frame, i, intensity.read(view, intensity.at + i * intensity.step));
    if (roles.rgb >= 0) {
      const packed = packedRgbOf(rgb.read(view, rgb.at + i * rgb.step), rgbType);
      setColor(frame, i, (packed >> 16) & 0xff, (packed >> 8) & 0xff, packed & 0xff);
    }
  }
  return frame;
};
type Place = { read: NumberReader; at: number; step: number };

const parseAscii = (
  bytes: Uint8Array,
  fields: readonly Field[],
  frame: PointFrame,
  from: number,
) => {
  // The token each field's first element is at.
  const starts: number[] = [];
  let tokens = 0;
  for (const field of fields) {
    starts.push(tokens);
    tokens += field.count;
  }
  const roles = rolesOf(fields);
  const row = new Float64Array(fields.length);
  const wanted = [roles.x, roles.y, roles.z, roles.intensity, roles.rgb].filter((f) => f >= 0);
  let index = 0;
  for (const values of asciiRows(bytes, from)) {
    if (index >= frame.count)
      throw new PointCloudError(`it has more than the ${frame.count} points its header declares`);
    if (values.length !== tokens)
      throw new PointCloudError(
        `point ${index} has ${values.length} values where FIELDS give ${tokens}`,
      );
    for (const field of wanted) {
      const token = values[starts[field] ?? 0] ?? "";
      const value = Number(token);
      if (Number.isNaN(value) && !/^[+-]?nan$/i.test(token))
        throw new PointCloudError(
          `point ${index}: ${fields[field]?.name ?? ""} "${token}" is not a number`,
        );
      row[field] = value;
    }
    setPoint(frame, fields, roles, index, (field) => row[field] ?? 0);
    index += 1;
  }
  if (index < frame.count)
    throw new PointCloudError(
      `it is truncated: ${index} of the ${frame.count} points its header declares`,
    );
  return frame;
};

export const parsePcd = (bytes: Uint8Array): PointFrame => {
  const { fields, points, data, dataOffset } = headerOf(bytes);
  const roles = rolesOf(fields);
  const frame = newFrame(points, { intensity: roles.intensity >= 0, color: roles.rgb >= 0 });
  if (data === "ascii") return parseAscii(bytes, fields, frame, dataOffset);

  const stride = fields.reduce((sum, field) => sum + field.bytes * field.count, 0);
  const needed = points * stride;
  if (data === "binary") {
    const available = bytes.length - dataOffset;
    if (available < needed)
      throw new PointCloudError(
        `it is truncated: ${available} bytes of point data where the header's ${points} points need ${needed}`,
      );
    if (available - needed >= stride)
      throw new PointCloudError(
        `it has ${available} bytes of point data, more than the header's ${points} points (${needed})`,
      );
    const view = viewOf(bytes);
    const offsets: number[] = [];
    let offset = 0;
    for (const field of fields) {
      offsets.push(offset);
      offset += field.bytes * field.count;
    }
    return fillBinary(
      frame,
      fields,
      view,
      (field) => dataOffset + (offsets[field] ?? 0),
      () => stride,
    );
  }
  // binary_compressed: two sizes, then LZF data that inflates to the fields one after another
  // (all x, then all y, ...), not point by point.
  if (bytes.length < dataOffset + 8)
    throw new PointCloudError("it is truncated: its compressed data has no sizes");
  const sizes = viewOf(bytes.subarray(dataOffset, dataOffset + 8));
  const compressed = sizes.getUint32(0, true);
  const uncompressed = sizes.getUint32(4, true);
  if (uncompressed !== needed)
    throw new PointCloudError(
      `its compressed data inflates to ${uncompressed} bytes where the header's ${points} points need ${needed}`,
    );
  if (bytes.length < dataOffset + 8 + compressed)
    throw new PointCloudError(
      `it is truncated: ${bytes.length - dataOffset - 8} bytes of compressed data where its header says ${compressed}`,
    );
  const inflated = lzfDecompress(
    bytes.subarray(dataOffset + 8, dataOffset + 8 + compressed),
    needed,
  );
  const view = viewOf(inflated);
  const columns: number[] = [];
  let column = 0;
  for (const field of fields) {
    columns.push(column);
    column += points * field.bytes * field.count;
  }
  return fillBinary(
    frame,
    fields,
    view,
    (field) => columns[field] ?? 0,
    (field) => (fields[field]?.bytes ?? 0) * (fields[field]?.count ?? 0),
  );
};
