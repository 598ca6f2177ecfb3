import type { PointCloud } from "./cloud";

export type ColorMode = "label" | "height" | "intensity" | "color";

const UNLABELED: readonly [number, number, number] = [0.62, 0.66, 0.72];

/** Blue → green → yellow → red, t from 0 to 1. */
const ramp = (t: number): [number, number, number] => {
  const v = Math.min(1, Math.max(0, t));
  if (v < 1 / 3) return [0, v * 3, 1 - v * 3];
  if (v < 2 / 3) return [(v - 1 / 3) * 3, 1, 0];
  return [1, 1 - (v - 2 / 3) * 3, 0];
};

/**
 * Fills `out` (r, g, b, a per point, 0..1) for the chosen colouring. Points whose label is hidden
 * get alpha 0, which the material's alpha test discards, in every mode.
 */
export const fillPointColors = (
  out: Float32Array,
  cloud: PointCloud,
  labels: Uint16Array,
  mode: ColorMode,
  labelRgb: readonly (readonly [number, number, number])[],
  hidden: ReadonlySet<number>,
): void => {
  const zSpan = Math.max(cloud.max.z - cloud.min.z, 1e-6);
  for (let i = 0; i < cloud.count; i += 1) {
    const label = labels[i] ?? 0;
    let rgb: readonly [number, number, number];
    if (mode === "height") rgb = ramp(((cloud.positions[i * 3 + 2] ?? 0) - cloud.min.z) / zSpan);
    else if (mode === "intensity") {
      const value = cloud.intensities?.[i] ?? 0.5;
      rgb = [value, value, value];
    } else if (mode === "color" && cloud.colors) {
      rgb = [
        (cloud.colors[i * 3] ?? 0) / 255,
        (cloud.colors[i * 3 + 1] ?? 0) / 255,
        (cloud.colors[i * 3 + 2] ?? 0) / 255,
      ];
    } else rgb = label === 0 ? UNLABELED : (labelRgb[label - 1] ?? UNLABELED);
    out[i * 4] = rgb[0];
    out[i * 4 + 1] = rgb[1];
    out[i * 4 + 2] = rgb[2];
    out[i * 4 + 3] = hidden.has(label) ? 0 : 1;
  }
};
