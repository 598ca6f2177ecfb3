/**
 * The WebGL side of the lidar editor: one three.js scene with the frame's points, an orbit
 * camera and an optional selection box. Created in an effect with dynamic imports, so server
 * rendering never loads three.js and the workspace's first page stays small.
 */
import type { PointCloud } from "./cloud";
import type { SelectionBox } from "./selection";

export type ViewPreset = "perspective" | "top" | "side";

export type PointViewer = {
  /** Shows a frame; `colors` (r, g, b, a per point) is kept and re-read on `colorsChanged`. */
  setCloud(cloud: PointCloud, colors: Float32Array): void;
  colorsChanged(): void;
  setPointSize(pixels: number): void;
  setView(preset: ViewPreset): void;
  /** Orbit, pan and zoom follow the mouse only while enabled (off while a selection tool is on). */
  setNavigation(enabled: boolean): void;
  setBox(box: SelectionBox | null): void;
  /** The camera's column-major view-projection matrix and the canvas's CSS size. */
  projection(): { matrix: number[]; width: number; height: number };
  dispose(): void;
};

export const createPointViewer = async (
  container: HTMLElement,
  onRender: () => void,
): Promise<PointViewer> => {
  const THREE = await import("three");
  const { OrbitControls } = await import("three/examples/jsm/controls/OrbitControls.js");

  const renderer = new THREE.WebGLRenderer({ antialias: false, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.setClearColor(0x0f172a);
  const canvas = renderer.domElement;
  canvas.className = "block h-full w-full";
  canvas.setAttribute("aria-hidden", "true");
  container.appendChild(canvas);

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(50, 1, 0.1, 2000);
  camera.up.set(0, 0, 1);
  const controls = new OrbitControls(camera, canvas);
  controls.screenSpacePanning = true;

  const geometry = new THREE.BufferGeometry();
  const material = new THREE.PointsMaterial({
    size: 2,
    sizeAttenuation: false,
    vertexColors: true,
    // Hidden labels have alpha 0; the alpha test drops them without sorting for transparency.
    alphaTest: 0.5,
  });
  const points = new THREE.Points(geometry, material);
  points.frustumCulled = false;
  scene.add(points);
  let boxHelper: InstanceType<typeof THREE.LineSegments> | null = null;

  let cloud: PointCloud | null = null;
  let frame = 0;
  const render = () => {
    renderer.render(scene, camera);
    onRender();
  };
  // Coalesces bursts of changes (a drag, a slider) into one draw per animation frame.
  const requestRender = () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  };
  controls.addEventListener("change", requestRender);

  const resize = () => {
    // CSS pixels, fractions included: selections map pointer positions with the same size.
    const rect = container.getBoundingClientRect();
    const width = Math.max(1, rect.width);
    const height = Math.max(1, rect.height);
    renderer.setSize(Math.round(width), Math.round(height), false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    requestRender();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(container);
  resize();

  const centerAndRadius = () => {
    const min = cloud?.min ?? { x: -1, y: -1, z: -1 };
    const max = cloud?.max ?? { x: 1, y: 1, z: 1 };
    const center = new THREE.Vector3((min.x + max.x) / 2, (min.y + max.y) / 2, (min.z + max.z) / 2);
    const radius = Math.max(1, Math.hypot(max.x - min.x, max.y - min.y, max.z - min.z) / 2);
    return { center, radius };
  };

  const setView = (preset: ViewPreset) => {
    const { center, radius } = centerAndRadius();
    const distance = radius / Math.tan((camera.fov * Math.PI) / 360);
    controls.target.copy(center);
    if (preset === "top") {
      // Straight down with world y up on screen; a hair of tilt keeps the orbit well defined.
      camera.position.set(center.x, center.y - distance * 1e-4, center.z + distance);
    } else if (preset === "side") {
      camera.position.set(center.x, center.y - distance, center.z);
    } else {
      camera.position.set(
        center.x - distance * 0.5,
        center.y - distance * 0.7,
        center.z + distance * 0.5,
      );
    }
    camera.near = distance / 100;
    camera.far = distance * 10;
    camera.updateProjectionMatrix();
    camera.lookAt(center);
    controls.update();
    requestRender();
  };

  return {
    setCloud(next, colors) {
      const first = cloud === null;
      cloud = next;
      geometry.setAttribute("position", new THREE.BufferAttribute(next.positions, 3));
      geometry.setAttribute("color", new THREE.BufferAttribute(colors, 4));
      geometry.computeBoundingSphere();
      // A new attribute layout (3 → 4 colour components) needs the shader rebuilt.
      material.needsUpdate = true;
      if (first) setView("perspective");
      else requestRender();
    },
    colorsChanged() {
      const attribute = geometry.getAttribute("color");
      if (attribute) attribute.needsUpdate = true;
      requestRender();
    },
    setPointSize(pixels) {
      material.size = pixels;
      requestRender();
    },
    setView,
    setNavigation(enabled) {
      controls.enabled = enabled;
    },
    setBox(box) {
      if (boxHelper) {
        scene.remove(boxHelper);
        boxHelper.geometry.dispose();
        boxHelper = null;
      }
      if (box) {
        const edges = new THREE.EdgesGeometry(
          new THREE.BoxGeometry(box.size.x, box.size.y, box.size.z),
        );
        boxHelper = new THREE.LineSegments(edges, new THREE.LineBasicMaterial({ color: 0xfacc15 }));
        boxHelper.position.set(box.center.x, box.center.y, box.center.z);
        boxHelper.rotation.set(0, 0, box.yaw);
        scene.add(boxHelper);
      }
      requestRender();
    },
    projection() {
      camera.updateMatrixWorld();
      const matrix = new THREE.Matrix4().multiplyMatrices(
        camera.projectionMatrix,
        camera.matrixWorldInverse,
      );
      const rect = container.getBoundingClientRect();
      return { matrix: [...matrix.elements], width: rect.width, height: rect.height };
    },
    dispose() {
      if (frame !== 0) cancelAnimationFrame(frame);
      observer.disconnect();
      controls.dispose();
      geometry.dispose();
      material.dispose();
      renderer.dispose();
      canvas.remove();
    },
  };
};
