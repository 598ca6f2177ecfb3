// `pnpm start`: builds the app when no build exists yet, then serves it on PORT (default 3000).
// The first build takes minutes: its stages stream through with the time elapsed, and a line every
// 15 s says it is still going, so a first run never sits silent.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const startedAt = Date.now();

const elapsed = () => {
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
};
const say = (text) => console.log(`taskforge [${elapsed()}] ${text}`);

/** Runs a command, handing each output line to `onLine`; resolves with its exit code. */
const run = (command, args, env, onLine) =>
  new Promise((done) => {
    const child = spawn(command, args, { cwd: appDir, env, stdio: ["inherit", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", onLine);
    }
    // Ctrl-C reaches the child through the terminal; a SIGTERM to this process is passed on.
    const forward = () => child.kill("SIGTERM");
    process.once("SIGTERM", forward);
    child.on("close", (code) => {
      process.removeListener("SIGTERM", forward);
      done(code ?? 1);
    });
  });

// The build's own lines that say which stage it is in (turbo prefixes them with the package).
const BUILD_STAGE =
  /(Creating an optimized|Compiled|Compiling|Collecting|Generating|Finalizing|Linting|Checking validity|Running TypeScript|Route \(app\)|error|Error|warn|cache (hit|miss)|Tasks:|Failed)/;

if (!existsSync(resolve(appDir, ".next", "BUILD_ID"))) {
  say("no build found: building the web app once (a few minutes on a small machine)...");
  const ticker = setInterval(() => say("still building..."), 15_000);
  const output = [];
  const code = await run(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@taskforge/web", "--output-logs=full"],
    { ...process.env, FORCE_COLOR: "0" },
    (line) => {
      output.push(line);
      if (BUILD_STAGE.test(line)) say(line.replace(/^@taskforge\/[\w-]+:build:\s?/, "  "));
    },
  );
  clearInterval(ticker);
  if (code !== 0) {
    console.log(output.join("\n"));
    say(`the build failed (exit code ${code}); its whole output is above.`);
    process.exit(code);
  }
  say("build finished.");
}

// Relative data directories are taken from where the command was started, not from apps/web.
const startedIn = process.env.INIT_CWD ?? process.cwd();
const env = {
  ...process.env,
  TASKFORGE_DATA_DIR: resolve(startedIn, process.env.TASKFORGE_DATA_DIR ?? ".data"),
  NODE_ENV: "production",
};
const port = process.env.PORT ?? "3000";
const base = `http://localhost:${port}`;

/** How to get in once the server answers: sign up, and the new owner labels at once. */
const signInHelp = () => {
  console.log(`
  1. Create your account: ${base}/sign-up
     The first account owns its organization and can label at once (owner, annotator, reviewer).
  2. Create a project at ${base}/projects/new and drop images, videos, audio or lidar frames
     (JSON) on its page: each file becomes a task.
  3. Label them at ${base}/work; invite your team from ${base}/settings.
`);
  say(`taskforge is ready at ${base}`);
};

// The server listens before its database is open: migrations and, on the first start, the demo
// organization follow. /api/health answers ok only once they are done, so "ready" waits for it.
const health = `http://127.0.0.1:${port}/api/health`;
const untilHealthy = async (isRunning) => {
  const waitingSince = Date.now();
  let lastSaid = waitingSince;
  while (isRunning()) {
    const status = await fetch(health, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => (response.ok ? ((await response.json()).status ?? "ok") : null))
      .catch(() => null);
    if (status === "ok") return true;
    if (Date.now() - lastSaid >= 15_000) {
      lastSaid = Date.now();
      say("still setting up the database...");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
};

let announced = false;
let running = true;
say("starting the server...");
// One node:http server (scripts/serve.ts): /v1 and /api/trpc are answered before Next.js, every
// other path by the built Next.js app.
const code = await run(
  process.execPath,
  ["--import", "tsx", "scripts/serve.ts", "--port", port],
  env,
  (line) => {
    console.log(line);
    if (!announced && /ready on http/i.test(line)) {
      announced = true;
      say("the server is listening; setting up the database (migrations, first-start data)...");
      void untilHealthy(() => running).then((healthy) => {
        if (healthy) signInHelp();
      });
    }
  },
);
running = false;
process.exit(code);
