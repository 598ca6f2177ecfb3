import type { NumberReader, NumberType } from "./binary";
import { asciiRows, NUMBER_BYTES, numberReader, readTextHeader, viewOf, zero } from "./binary";
import type { PointFrame } from "./frame";
import {
  checkPointCount,
  newFrame,
  PointCloudError,
  setColor,
  setIntensity,
  setPosition,
} from "./frame";

/** PLY (Stanford): a text header of elements and their properties; the `vertex` element's x, y, z. */

const TYPES: Readonly<Record<string, NumberType>> = {
  char: "int8",
  int8: "int8",
  uchar: "uint8",
  uint8: "uint8",
  short: "int16",
  int16: "int16",
  ushort: "uint16",
  uint16: "uint16",
  int: "int32",
  int32: "int32",
  uint: "uint32",
  uint32: "uint32",
  float: "float32",
  float32: "float32",
  double: "float64",
  float64: "float64",
};

type Property = { name: string; type: NumberType | "list" };
type Element = { name: string; count: number; properties: Property[] };

const typeNamed = (name: string | undefined) => {
  const type = TYPES[name ?? ""];
  if (!type)
    throw new PointCloudError(`its PLY header names a property type "${name}" PLY does not define`);
  return type;
};

const headerOf = (bytes: Uint8Array) => {
  const { lines, dataOffset } = readTextHeader(
    bytes,
    (line) => line === "end_header",
    "its PLY header has no end_header line",
  );
  let format = "";
  const elements: Element[] = [];
  for (const line of lines.slice(1)) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "format") format = rest[0] ?? "";
    else if (key === "element") {
      const count = Number(rest[1]);
      if (!Number.isSafeInteger(count) || count < 0)
        throw new PointCloudError(
          `its PLY element "${rest[0]}" has a count "${rest[1]}" that is not a count`,
        );
      elements.push({ name: rest[0] ?? "", count, properties: [] });
    } else if (key === "property") {
      const element = elements.at(-1);
      if (!element) throw new PointCloudError("its PLY header has a property before any element");
      if (rest[0] === "list") {
        typeNamed(rest[1]);
        typeNamed(rest[2]);
        element.properties.push({ name: rest[3] ?? "", type: "list" });
      } else element.properties.push({ name: rest[1] ?? "", type: typeNamed(rest[0]) });
    }
  }
  if (format !== "ascii" && format !== "binary_little_endian" && format !== "binary_big_endian")
    throw new PointCloudError(
      `its PLY format "${format}" is not ascii, binary_little_endian or binary_big_endian`,
    );
  const at = elements.findIndex((element) => element.name === "vertex");
  const vertex = elements[at];
  if (!vertex) throw new PointCloudError("its PLY header has no vertex element");
  return { format, elements, vertex, vertexAt: at, dataOffset };
};

const rolesOf = (vertex: Element) => {
  const index = (...names: string[]) => vertex.properties.findIndex((p) => names.includes(p.name));
  const roles = {
    x: index("x"),
    y: index("y"),
    z: index("z"),
    intensity: index("intensity", "scalar_intensity", "reflectance"),
    rgb: [
      index("red", "r", "diffuse_red"),
      index("green", "g", "diffuse_green"),
      index("blue", "b", "diffuse_blue"),
    ],
  };
  if (roles.x < 0 || roles.y < 0 || roles.z < 0)
    throw new PointCloudError("its vertex element lacks an x, y or z property");
  const listed = vertex.properties.find((p) => p.type === "list");
  if (listed)
    throw new PointCloudError(`its vertex element has a list property ("${listed.name}")`);
  return { ...roles, hasColor: roles.rgb.every((i) => i >= 0) };
};

// Colours are bytes in most files; 16-bit and 0..1 float channels are scaled to bytes.
const channel = (value: number, type: NumberType | "list") =>
  type === "uint16"
    ? value >> 8
    : type === "float32" || type === "float64"
      ? Math.round(Math.min(1, Math.max(0, value)) * 255)
      : value;

const setVertex = (
  frame: PointFrame,
  vertex: Element,
  roles: ReturnType<typeof rolesOf>,
  i: number,
  valueOf: (property: number) => number,
) => {
  setPosition(frame, i, valueOf(roles.x), valueOf(roles.y), valueOf(roles.z));
  if (roles.intensity >= 0) setIntensity(frame, i, valueOf(roles.intensity));
  if (roles.hasColor) {
    const [r, g, b] = roles.rgb.map((p) =>
      channel(valueOf(p), vertex.properties[p]?.type ?? "uint8"),
    ) as [number, number, number];
    setColor(frame, i, r, g, b);
  }
};

const parseAscii = (bytes: Uint8Array, header: ReturnType<typeof headerOf>, frame: PointFrame) => {
  const { vertex } = header;
  const roles = rolesOf(vertex);
  // One line per item of the elements before the vertices (faces come after, normally).
  let skip = header.elements.slice(0, header.vertexAt).reduce((sum, e) => sum + e.count, 0);
  let index = 0;
  let values: string[] = [];
  const valueOf = (property: number) => {
    const token = values[property] ?? "";
    const value = Number(token);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(token))
      throw new PointCloudError(
        `point ${index}: ${vertex.properties[property]?.name ?? ""} "${token}" is not a number`,
      );
    return value;
  };
  for (const row of asciiRows(bytes, header.dataOffset)) {
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    if (index >= frame.count) break; // the elements after the vertices
    if (row.length !== vertex.properties.length)
      throw new PointCloudError(
        `point ${index} has ${row.length} values where the vertex element has ${vertex.properties.length} properties`,
      );
    values = row;
    setVertex(frame, vertex, roles, index, valueOf);
    index += 1;
  }
  if (index < frame.count)
    throw new PointCloudError(
      `it is truncated: ${index} of the ${frame.count} vertices its header declares`,
    );
  return frame;
};

type Place = { read: NumberReader; at: number; type: NumberType | "list" };

export const parsePly = (bytes: Uint8Array): PointFrame => {
  const header = headerOf(bytes);
  const { vertex } = header;
  checkPointCount(vertex.count, "its vertex element");
  const roles = rolesOf(vertex);
  const frame = newFrame(vertex.count, { intensity: roles.intensity >= 0, color: roles.hasColor });
  if (header.format === "ascii") return parseAscii(bytes, header, frame);

  const fixedSize = (element: Element) => {
    const list = element.properties.find((p) => p.type === "list");
    if (list)
      throw new PointCloudError(
        `its "${element.name}" element, before the vertices, has a list property`,
      );
    return element.properties.reduce((sum, p) => sum + NUMBER_BYTES[p.type as NumberType], 0);
  };
  const start =
    header.dataOffset +
    header.elements.slice(0, header.vertexAt).reduce((sum, e) => sum + e.count * fixedSize(e), 0);
  const stride = fixedSize(vertex);
  const needed = vertex.count * stride;
  const available = bytes.length - start;
  if (available < needed)
    throw new PointCloudError(
      `it is truncated: ${Math.max(0, available)} bytes of vertex data where the header's ${vertex.count} vertices need ${needed}`,
    );
  const little = header.format === "binary_little_endian";
  const offsets: number[] = [];
  let offset = 0;
  for (const p of vertex.properties) {
    offsets.push(offset);
    offset += NUMBER_BYTES[p.type as NumberType];
  }
  const view = viewOf(bytes);
  // Each role's reader and place up front: this loop runs for millions of points.
  const place = (property: number) => {
    const type = vertex.properties[property]?.type;
    const read =
      property < 0 || type === undefined || type === "list" ? zero : numberReader(type, little);
    return { read, at: start + (offsets[property] ?? 0), type: type ?? "uint8" };
  };
  const [x, y, z, intensity] = [roles.x, roles.y, roles.z, roles.intensity].map(place) as [
    Place,
    Place,
    Place,
    Place,
  ];
  const [r, g, b] = roles.rgb.map(place) as [Place, Place, Place];
  for (let i = 0; i < vertex.count; i += 1) {
    const at = i * stride;
    setPosition(
      frame,
      i,
      x.read(view, x.at + at),
      y.read(view, y.at + at),
      z.read(view, z.at + at),
    );
    if (roles.intensity >= 0) setIntensity(frame, i, intensity.read(view, intensity.at + at));
    if (roles.hasColor)
      setColor(
        frame,
        i,
        channel(r.read(view, r.at + at), r.type),
        channel(g.read(view, g.at + at), g.type),
        channel(b.read(view, b.at + at), b.type),
      );
  }
  return frame;
};
