// Lidar editor: time to load a 200,000-point frame and draw it the first time, in Chromium
// (WebGL through SwiftShader when there is no GPU). Ours: the editor's own code (fetchFrame,
// fillPointColors, createPointViewer from packages/editors, served as ES modules with three.js).
// Baseline, measured in the same page: fetch + JSON.parse into a Float32Array, then one raw
// WebGL drawArrays(POINTS) of the same points, the least any viewer has to do.
// Standalone: `pnpm --filter @taskforge/bench exec tsx src/lidar-render.ts`.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { generateLidarScene } from "@taskforge/schema";
import ts from "typescript";

import { launchBrowser } from "../../apps/web/e2e/browser";
import type { Result } from "./measure";

const POINTS = Number(process.env.BENCH_LIDAR_POINTS ?? 200_000);
const RUNS = Number(process.env.BENCH_LIDAR_RUNS ?? 5);

const editorsDir = fileURLToPath(new URL("../../packages/editors/", import.meta.url));
const editorsRequire = createRequire(join(editorsDir, "package.json"));
// three's exports map hides package.json; its CommonJS entry sits in <package>/build/.
const threeDir = dirname(dirname(editorsRequire.resolve("three")));
const lidarSource = join(editorsDir, "src/editors/lidarsegmentation");

/** The editor's TypeScript as a browser module: types stripped, relative imports given ".js". */
const transpile = (name: string): string =>
  ts
    .transpileModule(readFileSync(join(lidarSource, `${name}.ts`), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    .outputText.replace(/from "(\.\/[^"]+)"/g, 'from "$1.js"');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<script type="importmap">{"imports": {"three": "/three/build/three.module.js",
  "three/examples/jsm/": "/three/examples/jsm/"}}</script></head>
<body style="margin:0"><div id="stage" style="width:1024px;height:640px;position:relative"></div>
<script type="module">
import { fetchFrame } from "/lidar/cloud.js";
import { fillPointColors } from "/lidar/point-colors.js";
import { createPointViewer } from "/lidar/viewer.js";
const stage = document.getElementById("stage");
const finish = (canvas) => {
  const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
};
window.benchOurs = async () => {
  const start = performance.now();
  const cloud = await fetchFrame("/frame.json?" + Math.random(), () => {});
  const loaded = performance.now();
  const colors = new Float32Array(cloud.count * 4);
  fillPointColors(colors, cloud, new Uint16Array(cloud.count), "height", [], new Set());
  let rendered;
  const firstRender = new Promise((resolve) => (rendered = resolve));
  const viewer = await createPointViewer(stage, () => rendered());
  viewer.setCloud(cloud, colors);
  await firstRender;
  finish(stage.querySelector("canvas"));
  const drawn = performance.now();
  viewer.dispose();
  return { points: cloud.count, load: loaded - start, render: drawn - loaded };
};
window.benchRaw = async () => {
  const start = performance.now();
  const document_ = await (await fetch("/frame.json?" + Math.random())).json();
  const positions = new Float32Array(document_.points.length * 3);
  document_.points.forEach((p, i) => positions.set([p[0], p[1], p[2]], i * 3));
  const loaded = performance.now();
  const canvas = document.createElement("canvas");
  canvas.width = 1024;
  canvas.height = 640;
  stage.appendChild(canvas);
  const gl = canvas.getContext("webgl2");
  const shader = (type, source) => {
    const s = gl.createShader(type);
    gl.shaderSource(s, source);
    gl.compileShader(s);
    return s;
  };
  const program = gl.createProgram();
  gl.attachShader(program, shader(gl.VERTEX_SHADER, "#version 300 es\\nin vec3 p; void main() { gl_Position = vec4(p.xy / 40.0, 0.0, 1.0); gl_PointSize = 2.0; }"));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, "#version 300 es\\nprecision mediump float; out vec4 c; void main() { c = vec4(1.0); }"));
  gl.linkProgram(program);
  gl.useProgram(program);
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, positions, gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 3, gl.FLOAT, false, 0, 0);
  gl.drawArrays(gl.POINTS, 0, positions.length / 3);
  finish(canvas);
  const drawn = performance.now();
  canvas.remove();
  return { points: positions.length / 3, load: loaded - start, render: drawn - loaded };
};
window.benchReady = true;
</script></body></html>`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

type Timing = { points: number; load: number; render: number };

export const benchLidarRender = async (): Promise<Result[]> => {
  const frame = JSON.stringify(generateLidarScene({ frames: 1, pointsPerFrame: POINTS }).frames[0]);
  const modules = new Map(
    ["cloud", "point-colors", "viewer"].map((name) => [`/lidar/${name}.js`, transpile(name)]),
  );
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const send = (type: string, body: string | Buffer) => {
      response.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body) });
      response.end(body);
    };
    if (path === "/") return send("text/html", PAGE);
    if (path === "/frame.json") return send("application/json", frame);
    const module = modules.get(path);
    if (module !== undefined) return send("text/javascript", module);
    if (path.startsWith("/three/")) {
      const file = normalize(join(threeDir, path.slice("/three/".length)));
      if (file.startsWith(threeDir)) {
        try {
          return send("text/javascript", readFileSync(file));
        } catch {
          // Falls through to 404.
        }
      }
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("lidar bench page:", error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // The callbacks run in the page; `globalThis` there is its window.
    await page.waitForFunction(() => "benchReady" in globalThis);
    const run = async (name: "benchOurs" | "benchRaw"): Promise<Timing> => {
      const timing = await page.evaluate(
        (fn) => (globalThis as unknown as Record<string, () => Promise<Timing>>)[fn]?.(),
        name,
      );
      if (!timing) throw new Error(`${name} is missing from the bench page`);
      return timing;
    };
    // Warm-up: module loading and shader compilation happen once per page, not per frame.
    await run("benchOurs");
    await run("benchRaw");
    const ours: Timing[] = [];
    const raw: Timing[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      ours.push(await run("benchOurs"));
      raw.push(await run("benchRaw"));
    }
    const points = ours[0]?.points ?? 0;
    const result = (metric: string, value: number, baseline: number): Result => ({
      scenario: `lidar frame, ${points} points`,
      metric,
      value: Math.round(value),
      unit: "ms (median)",
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(2)),
    });
    return [
      result(
        "load (fetch + parse)",
        median(ours.map((t) => t.load)),
        median(raw.map((t) => t.load)),
      ),
      result("first render", median(ours.map((t) => t.render)), median(raw.map((t) => t.render))),
      result(
        "load + first render",
        median(ours.map((t) => t.load + t.render)),
        median(raw.map((t) => t.load + t.render)),
      ),
    ];
  } finally {
    await browser.close();
    server.close();
  }
};

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  console.table(await benchLidarRender());
}
