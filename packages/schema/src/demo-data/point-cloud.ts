import type { LidarFrame } from "../task-types/lidarsegmentation";
import { seededRandom } from "./random";

/** The classes of the synthetic scene, in the order their label indices (1, 2, ...) follow. */
export const LIDAR_DEMO_LABELS = ["ground", "building", "pole", "vehicle", "noise"] as const;

export type LidarDemoOptions = {
  /** Frames in the sequence (default 3). */
  frames?: number;
  /** Points per frame (default 100,000). */
  pointsPerFrame?: number;
  seed?: number;
};

export type LidarDemoScene = {
  frames: LidarFrame[];
  /** Ground truth per frame: 1-based indices into `LIDAR_DEMO_LABELS`, one per point. */
  truth: Uint16Array[];
};

type Point = [number, number, number, number];
type Sampler = (random: () => number) => Point;

const GROUND_HALF_SIZE = 30;
const BUILDINGS = [
  { x: -15, y: 10, sx: 8, sy: 6, height: 6 },
  { x: 12, y: 14, sx: 6, sy: 10, height: 9 },
  { x: 18, y: -16, sx: 10, sy: 6, height: 4 },
];
const POLES = [
  { x: -4, y: -6 },
  { x: 4, y: -6 },
  { x: -4, y: 6 },
  { x: 4, y: 6 },
];
const VEHICLE = { sx: 4.4, sy: 1.8, height: 1.5, speed: 2 };

// Millimetre precision keeps the JSON small and the coordinates exact in decimal.
const mm = (value: number) => Math.round(value * 1000) / 1000;

const groundPoint: Sampler = (random) => [
  (random() * 2 - 1) * GROUND_HALF_SIZE,
  (random() * 2 - 1) * GROUND_HALF_SIZE,
  (random() - 0.5) * 0.04,
  0.2 + random() * 0.1,
];

/** A point on the walls or roof of an axis-aligned box standing on the ground. */
const boxSurfacePoint = (
  random: () => number,
  box: { x: number; y: number; sx: number; sy: number; height: number },
  intensity: number,
): Point => {
  const walls = 2 * (box.sx + box.sy) * box.height;
  const roof = box.sx * box.sy;
  const u = random() * (walls + roof);
  if (u >= walls) {
    return [
      box.x + (random() - 0.5) * box.sx,
      box.y + (random() - 0.5) * box.sy,
      box.height,
      intensity,
    ];
  }
  const z = random() * box.height;
  const along = random() * 2 * (box.sx + box.sy);
  const [x, y] =
    along < box.sx
      ? [along - box.sx / 2, -box.sy / 2]
      : along < box.sx + box.sy
        ? [box.sx / 2, along - box.sx - box.sy / 2]
        : along < 2 * box.sx + box.sy
          ? [along - box.sx - box.sy - box.sx / 2, box.sy / 2]
          : [-box.sx / 2, along - 2 * box.sx - box.sy - box.sy / 2];
  return [box.x + x, box.y + y, z, intensity];
};

const polePoint: Sampler = (random) => {
  const pole = POLES[Math.floor(random() * POLES.length)] ?? { x: 0, y: 0 };
  const angle = random() * 2 * Math.PI;
  return [
    pole.x + 0.15 * Math.cos(angle),
    pole.y + 0.15 * Math.sin(angle),
    random() * 5,
    0.8 + random() * 0.2,
  ];
};

const noisePoint: Sampler = (random) => [
  (random() * 2 - 1) * GROUND_HALF_SIZE,
  (random() * 2 - 1) * GROUND_HALF_SIZE,
  0.5 + random() * 12,
  random(),
];

/** How a frame's points split between the classes (the rest is ground). */
const SHARES = { building: 0.22, pole: 0.04, vehicle: 0.04, noise: 0.02 };

/**
 * A synthetic street scene seen by a stationary lidar: a ground plane, three buildings, four
 * poles, a vehicle driving along x (2 m a frame) and scattered noise. Static points are sampled
 * once and only jittered by 1 cm a frame, as a fixed sensor sees them, so labels propagate from
 * frame to frame by nearest neighbour; the vehicle and the noise are sampled anew. Points come
 * grouped by class, so a labelled frame encodes in a few runs. Deterministic for a seed.
 */
export const generateLidarScene = (options: LidarDemoOptions = {}): LidarDemoScene => {
  const frameCount = options.frames ?? 3;
  const total = options.pointsPerFrame ?? 100_000;
  const random = seededRandom(options.seed ?? 1);
  const counts = {
    building: Math.round(total * SHARES.building),
    pole: Math.round(total * SHARES.pole),
    vehicle: Math.round(total * SHARES.vehicle),
    noise: Math.round(total * SHARES.noise),
  };
  const ground = total - counts.building - counts.pole - counts.vehicle - counts.noise;
  const sample = (count: number, sampler: Sampler) =>
    Array.from({ length: count }, () => sampler(random));
  const staticPoints = [
    ...sample(ground, groundPoint),
    ...sample(counts.building, (r) => {
      const building = BUILDINGS[Math.floor(r() * BUILDINGS.length)] ?? BUILDINGS[0];
      return building ? boxSurfacePoint(r, building, 0.5) : groundPoint(r);
    }),
    ...sample(counts.pole, polePoint),
  ];
  const staticTruth = [
    ...Array<number>(ground).fill(1),
    ...Array<number>(counts.building).fill(2),
    ...Array<number>(counts.pole).fill(3),
  ];
  const frames: LidarFrame[] = [];
  const truth: Uint16Array[] = [];
  for (let frame = 0; frame < frameCount; frame += 1) {
    const vehicle = { x: -12 + frame * VEHICLE.speed, y: 0, ...VEHICLE };
    const points = [
      ...staticPoints.map(([x, y, z, intensity]): Point => [
        x + (random() - 0.5) * 0.02,
        y + (random() - 0.5) * 0.02,
        z + (random() - 0.5) * 0.02,
        intensity,
      ]),
      ...sample(counts.vehicle, (r) => boxSurfacePoint(r, vehicle, 0.95)),
      ...sample(counts.noise, noisePoint),
    ];
    frames.push({
      points: points.map(([x, y, z, intensity]) => [mm(x), mm(y), mm(z), mm(intensity)]),
      timestamp: 1_700_000_000 + frame / 10,
    });
    truth.push(
      Uint16Array.from([
        ...staticTruth,
        ...Array<number>(counts.vehicle).fill(4),
        ...Array<number>(counts.noise).fill(5),
      ]),
    );
  }
  return { frames, truth };
};

/**
 * Params of a demo `lidarsegmentation` task over frames uploaded at `urls` (one per frame, in
 * order), each holding `pointsPerFrame` points.
 */
export const lidarDemoParams = (urls: readonly string[], pointsPerFrame: number) => ({
  attachments: [...urls],
  labels: [...LIDAR_DEMO_LABELS],
  allow_unlabeled: true,
  frame_point_counts: urls.map(() => pointsPerFrame),
});
