import { encodePng } from "./png";
import { seededRandom } from "./random";

/** The classes of the synthetic mask image; the truth numbers them from 1 in this order. */
export const MASK_DEMO_LABELS = ["sky", "road", "car", "tree"] as const;

export type MaskDemoImage = {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel. */
  rgba: Uint8ClampedArray;
  png: Uint8Array;
  /** One 1-based index into `MASK_DEMO_LABELS` per pixel. */
  truth: Uint16Array;
};

type Rgb = readonly [number, number, number];
const COLORS: Record<(typeof MASK_DEMO_LABELS)[number], Rgb> = {
  sky: [135, 190, 235],
  road: [90, 90, 96],
  car: [200, 40, 40],
  tree: [40, 140, 60],
};

/**
 * A flat-shaded street picture: sky above a horizon at 45%, road below, a car (a rectangle with
 * a darker window band) on the road and a round tree crown with a trunk. Colours vary by a few
 * levels of noise so flood fill by colour similarity has something to tolerate, but each region
 * stays far from its neighbours in colour. Deterministic for a size and seed.
 */
export const generateMaskImage = (
  options: { width?: number; height?: number; seed?: number } = {},
): MaskDemoImage => {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const random = seededRandom(options.seed ?? 7);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const truth = new Uint16Array(width * height);
  const horizon = Math.round(height * 0.45);
  const car = {
    left: Math.round(width * 0.15),
    right: Math.round(width * 0.5),
    top: Math.round(height * 0.55),
    bottom: Math.round(height * 0.8),
  };
  const tree = { x: width * 0.75, y: height * 0.3, r: Math.min(width, height) * 0.16 };
  const trunk = { left: tree.x - width * 0.02, right: tree.x + width * 0.02, bottom: horizon + 6 };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const inCar = x >= car.left && x < car.right && y >= car.top && y < car.bottom;
      const inCrown = (x - tree.x) ** 2 + (y - tree.y) ** 2 <= tree.r ** 2;
      const inTrunk = x >= trunk.left && x < trunk.right && y > tree.y && y < trunk.bottom;
      const label = inCar ? "car" : inCrown || inTrunk ? "tree" : y < horizon ? "sky" : "road";
      const base = COLORS[label];
      const shade = inCar && y < car.top + (car.bottom - car.top) / 3 ? 0.75 : 1;
      const pixel = y * width + x;
      for (let channel = 0; channel < 3; channel += 1) {
        rgba[pixel * 4 + channel] = (base[channel] ?? 0) * shade + Math.round((random() - 0.5) * 6);
      }
      rgba[pixel * 4 + 3] = 255;
      truth[pixel] = MASK_DEMO_LABELS.indexOf(label) + 1;
    }
  }
  return { width, height, rgba, png: encodePng(rgba, width, height), truth };
};

/** Params of a demo `segmentannotation` task over the image uploaded at `url`. */
export const maskDemoParams = (url: string, image: { width: number; height: number }) => ({
  attachment: url,
  attachment_type: "image" as const,
  labels: [...MASK_DEMO_LABELS],
  allow_unlabeled: true,
  image_width: image.width,
  image_height: image.height,
});
