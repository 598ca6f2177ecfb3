import { decodeLabels, encodeLabels, generateLidarScene } from "@taskforge/schema";
import type { LidarSegmentationParams } from "@taskforge/schema";
import { Matrix4, OrthographicCamera, PerspectiveCamera, Vector3 } from "three";
import { describe, expect, it } from "vitest";

import { cloudFromFrame } from "./cloud";
import { propagateLabels } from "./propagation";
import { frameLabelsFromValue, valueFromLabels } from "./response";
import {
  applyLabel,
  polygonContains,
  projectPoints,
  selectInBox,
  selectInBrushStroke,
  selectInPolygon,
} from "./selection";

/** The element at `index`, failing the test when there is none. */
const at = <T>(items: ArrayLike<T>, index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
};

const viewProjection = (camera: PerspectiveCamera | OrthographicCamera) => {
  camera.updateMatrixWorld();
  return new Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
};

describe("projectPoints", () => {
  it("agrees with three.js's own projection and drops points behind the camera", () => {
    const camera = new PerspectiveCamera(60, 4 / 3, 0.1, 100);
    camera.position.set(3, -8, 5);
    camera.up.set(0, 0, 1);
    camera.lookAt(0, 0, 0);
    const points = [
      [0, 0, 0],
      [1.5, 2, -0.5],
      [-2, 1, 3],
      [3, -20, 5], // behind the camera
    ];
    const screen = projectPoints(
      Float32Array.from(points.flat()),
      viewProjection(camera).elements,
      800,
      600,
    );
    points.slice(0, 3).forEach(([x, y, z], i) => {
      const ndc = new Vector3(x, y, z).project(camera);
      expect(screen[i * 2]).toBeCloseTo(((ndc.x + 1) / 2) * 800, 6);
      expect(screen[i * 2 + 1]).toBeCloseTo(((1 - ndc.y) / 2) * 600, 6);
    });
    expect(screen[6]).toBeNaN();
    expect(screen[7]).toBeNaN();
  });

  it("maps a top-down orthographic view linearly: world x right, world y up", () => {
    const camera = new OrthographicCamera(-10, 10, 10, -10, 0.1, 100);
    camera.position.set(0, 0, 50);
    camera.lookAt(0, 0, 0);
    const screen = projectPoints(
      Float32Array.from([0, 0, 0, 10, 10, 0, -5, 0, 0]),
      viewProjection(camera).elements,
      200,
      200,
    );
    expect([...screen].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([100, 100, 200, 0, 50, 100]);
  });
});

describe("lasso selection", () => {
  const square = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ];
  const concave = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 5, y: 3 }, // a notch reaching into the top middle
    { x: 0, y: 10 },
  ];

  it("tests containment with the even-odd rule, concave notches excluded", () => {
    expect(polygonContains(square, 5, 5)).toBe(true);
    expect(polygonContains(square, 11, 5)).toBe(false);
    expect(polygonContains(concave, 5, 1)).toBe(true);
    expect(polygonContains(concave, 5, 8)).toBe(false);
    expect(polygonContains(concave, 9, 8)).toBe(true);
  });

  it("selects exactly the projected points inside, never off-screen ones", () => {
    const screen = Float64Array.from([5, 1, 5, 8, 9, 8, 20, 20, Number.NaN, Number.NaN, 1, 1]);
    expect([...selectInPolygon(screen, concave)]).toEqual([0, 2, 5]);
    expect([...selectInPolygon(screen, square.slice(0, 2))]).toEqual([]);
  });
});

describe("brush selection", () => {
  it("takes the points within the radius of the stroke's segments", () => {
    // A stroke from (0,0) to (100,0), radius 5.
    const screen = Float64Array.from([50, 4.9, 50, 5.1, 104, 3, 104, 4, -4.9, 0, 50, -5]);
    const selected = selectInBrushStroke(
      screen,
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      5,
    );
    // (104,3) is 5 from the end point; (104,4) is √32 ≈ 5.66 away.
    expect([...selected]).toEqual([0, 2, 4, 5]);
  });

  it("treats a single dab as a disc", () => {
    const screen = Float64Array.from([3, 4, 3.1, 4, 0, 0]);
    expect([...selectInBrushStroke(screen, [{ x: 0, y: 0 }], 5)]).toEqual([0, 2]);
  });
});

describe("box selection", () => {
  const positions = Float32Array.from([
    0, 0, 0, 1.9, 0, 0, 2.1, 0, 0, 0, 0.9, 0.4, 0, 0, 0.6, 1.2, 1.2, 0,
  ]);
  it("selects the points inside an axis-aligned box, faces included", () => {
    const box = { center: { x: 0, y: 0, z: 0 }, size: { x: 4, y: 2, z: 1 }, yaw: 0 };
    expect([...selectInBox(positions, box)]).toEqual([0, 1, 3]);
  });
  it("turns the box by its yaw about z", () => {
    // A long thin box along the diagonal x = y.
    const box = { center: { x: 0, y: 0, z: 0 }, size: { x: 4, y: 0.2, z: 1 }, yaw: Math.PI / 4 };
    expect([...selectInBox(positions, box)]).toEqual([0, 5]);
  });
});

describe("applyLabel", () => {
  it("skips hidden labels and, on request, labelled points", () => {
    const labels = Uint16Array.from([0, 1, 2, 0, 3]);
    expect(
      applyLabel(labels, [0, 1, 2, 4], 3, { onlyUnlabeled: false, hidden: new Set([2]) }),
    ).toBe(2);
    expect([...labels]).toEqual([3, 3, 2, 0, 3]);
    expect(applyLabel(labels, [0, 1, 2, 3], 1, { onlyUnlabeled: true, hidden: new Set() })).toBe(1);
    expect([...labels]).toEqual([3, 3, 2, 1, 3]);
  });
});

describe("propagateLabels", () => {
  it("carries labels of static points to the next frame of the demo scene, not the moving vehicle", () => {
    const scene = generateLidarScene({ frames: 2, pointsPerFrame: 20_000, seed: 5 });
    const first = cloudFromFrame(at(scene.frames, 0));
    const second = cloudFromFrame(at(scene.frames, 1));
    const truth = at(scene.truth, 1);
    const previousLabels = at(scene.truth, 0).slice();
    const nextLabels = new Uint16Array(second.count);
    const changed = propagateLabels(
      { positions: first.positions, labels: previousLabels },
      { positions: second.positions, labels: nextLabels },
      { tolerance: 0.1, onlyUnlabeled: false },
    );
    expect(changed).toBeGreaterThan(0);
    let staticTotal = 0;
    let staticCorrect = 0;
    let vehicleFrontTotal = 0;
    let vehicleFrontLabelled = 0;
    for (let i = 0; i < nextLabels.length; i += 1) {
      const label = at(truth, i);
      if (label <= 3) {
        staticTotal += 1;
        if (nextLabels[i] === label) staticCorrect += 1;
      }
      // The vehicle moved 2 m along x: its front (beyond the old one's x ≤ -9.8) is new.
      const x = at(second.positions, i * 3);
      const z = at(second.positions, i * 3 + 2);
      if (label === 4 && x > -9.65 && z > 0.2) {
        vehicleFrontTotal += 1;
        if (nextLabels[i] !== 0) vehicleFrontLabelled += 1;
      }
    }
    // Every static point moved by at most ~3.5 cm and has its own previous self within 10 cm.
    expect(staticCorrect).toBe(staticTotal);
    expect(vehicleFrontTotal).toBeGreaterThan(100);
    expect(vehicleFrontLabelled).toBe(0);
  });

  it("takes the nearest neighbour's label, within the tolerance only, and can spare labelled points", () => {
    const previous = {
      positions: Float32Array.from([0, 0, 0, 1, 0, 0]),
      labels: Uint16Array.from([1, 2]),
    };
    const next = {
      positions: Float32Array.from([0.1, 0, 0, 0.8, 0, 0, 5, 5, 5, 0.45, 0, 0]),
      labels: Uint16Array.from([0, 0, 0, 3]),
    };
    expect(propagateLabels(previous, next, { tolerance: 0.5, onlyUnlabeled: true })).toBe(2);
    expect([...next.labels]).toEqual([1, 2, 0, 3]);
    expect(propagateLabels(previous, next, { tolerance: 0.5, onlyUnlabeled: false })).toBe(1);
    expect([...next.labels]).toEqual([1, 2, 0, 1]);
  });
});

describe("response encoding", () => {
  const params = {
    attachments: ["https://example.com/0.json", "https://example.com/1.json"],
    labels: [{ name: "ground" }, { name: "car" }],
    allow_unlabeled: true,
  } as LidarSegmentationParams;

  it("round-trips per-frame labels through the compact encoding", () => {
    const frames = [Uint16Array.from([1, 1, 2, 0, 2]), Uint16Array.from([2, 2, 2])];
    const value = valueFromLabels(params, frames);
    expect(value.label_map).toEqual({ "1": "ground", "2": "car" });
    expect(frameLabelsFromValue(value, params, 0, 5)).toEqual(frames[0]);
    expect(frameLabelsFromValue(value, params, 1, 3)).toEqual(frames[1]);
  });

  it("renumbers a response that numbers labels its own way, and starts bad frames unlabeled", () => {
    const value = {
      frames: [
        { frame: 0, encoding: "rle", labels: encodeLabels([7, 3, 3]) },
        { frame: 1, encoding: "rle", labels: "not base64!" },
      ],
      label_map: { "3": "ground", "7": "car" },
    };
    expect([...frameLabelsFromValue(value, params, 0, 3)]).toEqual([2, 1, 1]);
    expect([...frameLabelsFromValue(value, params, 1, 4)]).toEqual([0, 0, 0, 0]);
    // A frame with another point count is not forced onto this one.
    expect([...frameLabelsFromValue(value, params, 0, 4)]).toEqual([0, 0, 0, 0]);
  });

  it("re-encodes only frames without a cached encoding", () => {
    const value = valueFromLabels(
      params,
      [Uint16Array.from([1]), Uint16Array.from([2])],
      ["cached"],
    );
    const frames = value.frames as { labels: string }[];
    expect(frames[0]?.labels).toBe("cached");
    expect([...decodeLabels(at(frames, 1).labels)]).toEqual([2]);
  });
});

describe("cloudFromFrame", () => {
  it("reads points with and without intensity and names the first bad point", () => {
    const cloud = cloudFromFrame({
      points: [
        [1, 2, 3, 0.5],
        [-1, 0, 4],
      ],
    });
    expect([...cloud.positions]).toEqual([1, 2, 3, -1, 0, 4]);
    expect(cloud.intensities?.[0]).toBe(0.5);
    expect(cloud.min).toEqual({ x: -1, y: 0, z: 3 });
    expect(() =>
      cloudFromFrame({
        points: [
          [1, 2, 3],
          [1, "a", 3],
        ],
      }),
    ).toThrow("points[1]: must be [x, y, z] or [x, y, z, intensity]");
    expect(() => cloudFromFrame({})).toThrow("points: must be an array");
  });
});
