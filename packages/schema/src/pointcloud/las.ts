import { viewOf } from "./binary";
import type { PointFrame } from "./frame";
import {
  checkPointCount,
  newFrame,
  PointCloudError,
  setColor,
  setIntensity,
  setPosition,
} from "./frame";

/**
 * LAS 1.0–1.4 (ASPRS): a binary header, then fixed-size point records of integer coordinates to
 * scale and offset. Every point data format 0–10 has x, y, z and intensity at the same place;
 * formats 2, 3, 5, 7, 8 and 10 add 16-bit RGB.
 */

/** Bytes a record of each point data format needs at least. */
const RECORD_BYTES = [20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67] as const;
const RGB_AT: Readonly<Record<number, number>> = { 2: 20, 3: 28, 5: 28, 7: 30, 8: 30, 10: 30 };

export const LAS_HEADER_BYTES = 227;

/** LAZ is LAS whose point format byte has its compression bit (7, or 6 in old writers) set. */
export const isLazHeader = (head: Uint8Array) =>
  head.length > 104 && ((head[104] ?? 0) & 0xc0) !== 0;

export const parseLas = (bytes: Uint8Array): PointFrame => {
  if (bytes.length < LAS_HEADER_BYTES)
    throw new PointCloudError(
      `it is truncated: ${bytes.length} bytes, shorter than a LAS header (${LAS_HEADER_BYTES})`,
    );
  if (isLazHeader(bytes))
    throw new PointCloudError(
      "it is LAZ (compressed LAS), which taskforge does not read; convert it to LAS first (for example `pdal translate scan.laz scan.las` or `laszip -i scan.laz -o scan.las`)",
    );
  const view = viewOf(bytes);
  const [major, minor] = [view.getUint8(24), view.getUint8(25)];
  if (major !== 1 || minor > 4)
    throw new PointCloudError(`its LAS version ${major}.${minor} is not 1.0–1.4`);
  const dataOffset = view.getUint32(96, true);
  const format = view.getUint8(104);
  const recordBytes = view.getUint16(105, true);
  const minimum = RECORD_BYTES[format];
  if (minimum === undefined)
    throw new PointCloudError(`its point data format ${format} is not 0–10`);
  if (recordBytes < minimum)
    throw new PointCloudError(
      `its point records are ${recordBytes} bytes, shorter than point data format ${format} needs (${minimum})`,
    );
  const legacyCount = view.getUint32(107, true);
  // LAS 1.4 counts in 64 bits; its 32-bit count is 0 for formats 6–10 or more than 2^32 points.
  const count =
    minor >= 4 && view.getUint16(94, true) >= 375 && bytes.length >= 255
      ? Number(view.getBigUint64(247, true)) || legacyCount
      : legacyCount;
  checkPointCount(count);
  const needed = count * recordBytes;
  const available = bytes.length - dataOffset;
  if (dataOffset < LAS_HEADER_BYTES || available < needed)
    throw new PointCloudError(
      `it is truncated: ${Math.max(0, available)} bytes of point records where the header's ${count} points need ${needed}`,
    );
  const scale = [131, 139, 147].map((at) => view.getFloat64(at, true)) as [number, number, number];
  const offset = [155, 163, 171].map((at) => view.getFloat64(at, true)) as [number, number, number];
  if (![...scale, ...offset].every(Number.isFinite) || scale.some((s) => s === 0))
    throw new PointCloudError(
      `its scale (${scale.join(", ")}) or offset (${offset.join(", ")}) is not usable`,
    );
  // Positions are kept relative to the header's minimum, so float32 keeps millimetres.
  const mins = [187, 203, 219].map((at) => view.getFloat64(at, true));
  const origin = mins.every(Number.isFinite)
    ? { x: mins[0] ?? 0, y: mins[1] ?? 0, z: mins[2] ?? 0 }
    : { x: offset[0], y: offset[1], z: offset[2] };
  const [shiftX, shiftY, shiftZ] = [
    offset[0] - origin.x,
    offset[1] - origin.y,
    offset[2] - origin.z,
  ];
  const rgbAt = RGB_AT[format];
  const frame = newFrame(count, { intensity: true, color: rgbAt !== undefined }, origin);
  // The spec scales colour to 16 bits, but many writers store 8-bit values: look before scaling.
  let eightBit = true;
  if (rgbAt !== undefined)
    for (let i = 0; i < count && eightBit; i += 1)
      for (let c = 0; c < 3; c += 1)
        if (view.getUint16(dataOffset + i * recordBytes + rgbAt + c * 2, true) > 255)
          eightBit = false;
  const shade = eightBit ? 0 : 8;
  for (let i = 0; i < count; i += 1) {
    const at = dataOffset + i * recordBytes;
    setPosition(
      frame,
      i,
      view.getInt32(at, true) * scale[0] + shiftX,
      view.getInt32(at + 4, true) * scale[1] + shiftY,
      view.getInt32(at + 8, true) * scale[2] + shiftZ,
    );
    setIntensity(frame, i, view.getUint16(at + 12, true));
    if (rgbAt !== undefined)
      setColor(
        frame,
        i,
        view.getUint16(at + rgbAt, true) >> shade,
        view.getUint16(at + rgbAt + 2, true) >> shade,
        view.getUint16(at + rgbAt + 4, true) >> shade,
      );
  }
  return frame;
};
