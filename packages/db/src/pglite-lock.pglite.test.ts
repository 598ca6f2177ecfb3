import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, describe, expect, it } from "vitest";

import { openDatabase } from "./open-database";
import { DataDirectoryInUseError, lockDataDirectory, processStartOf } from "./pglite-lock";
import { prepareTestDataDirectory } from "./testing";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const openInAnotherProcess = (dataDir: string, ending = "await db.close();") => {
  const script = `
    import { openDatabase } from ${JSON.stringify(fileURLToPath(new URL("./open-database.ts", import.meta.url)))};
    const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
    console.log("tasks:", await db.prisma.task.count());
    ${ending}`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 150_000,
  });
};

// Each case starts Node processes that boot PGlite (WASM, CPU-bound): generous on a busy machine.
describe("embedded database directory", { timeout: 180_000 }, () => {
  it("creates missing parent directories and persists data across opens", async () => {
    const root = mkdtempSync(join(tmpdir(), "taskforge-"));
    dirs.push(root);
    const dataDir = join(root, "nested", "data");
    const first = await openDatabase({ dataDir });
    await first.prisma.organization.create({ data: { name: "kept" } });
    await first.close();
    const second = await openDatabase({ dataDir });
    expect((await second.prisma.organization.findMany()).map((o) => o.name)).toEqual(["kept"]);
    await second.close();
  });

  it("gives a second process a clear error while the first holds it, and opens once it is released", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "taskforge-"));
    dirs.push(dataDir);
    // Already migrated (the first case migrates a new directory): only the lock is under test.
    await prepareTestDataDirectory(dataDir);
    const holder = await openDatabase({ dataDir });
    const refused = openInAnotherProcess(dataDir);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`is already open in process ${process.pid}`);
    await holder.close();

    const allowed = openInAnotherProcess(dataDir);
    expect(allowed.stderr).toBe("");
    expect(allowed.stdout).toContain("tasks: 0");
  });

  it("releases the directory when the process exits without closing the database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "taskforge-"));
    dirs.push(dataDir);
    await prepareTestDataDirectory(dataDir);
    const exited = openInAnotherProcess(dataDir, "process.exit(0);");
    expect(exited.status).toBe(0);
    expect(existsSync(join(dataDir, "taskforge.lock"))).toBe(false);
    expect(openInAnotherProcess(dataDir).stdout).toContain("tasks: 0");
  });
});

describe("the lock file's holder", () => {
  // Another live process that is not a taskforge server: the pid a stale lock may name after a reboot.
  const withUnrelatedProcess = async (use: (pid: number) => void) => {
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => sleeper.once("spawn", resolve));
      if (sleeper.pid === undefined) throw new Error("sleep did not start");
      use(sleeper.pid);
    } finally {
      sleeper.kill();
    }
  };
  const lockedDirectory = (holder: unknown) => {
    const dataDir = mkdtempSync(join(tmpdir(), "taskforge-"));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, "taskforge.lock"), JSON.stringify(holder));
    return dataDir;
  };

  it("is taken over when its pid now belongs to another process than the one that wrote it", async () => {
    await withUnrelatedProcess((pid) => {
      const dataDir = lockedDirectory({ pid, startedAt: "an-earlier-boot:12345" });
      const release = lockDataDirectory(dataDir);
      const holder = JSON.parse(readFileSync(join(dataDir, "taskforge.lock"), "utf8"));
      expect(holder.pid).toBe(process.pid);
      release();
    });
  });

  it("refuses the directory while the process that wrote it still runs, naming it", async () => {
    await withUnrelatedProcess((pid) => {
      const dataDir = lockedDirectory({ pid, startedAt: processStartOf(pid) });
      expect(() => lockDataDirectory(dataDir)).toThrow(DataDirectoryInUseError);
      expect(() => lockDataDirectory(dataDir)).toThrow(`already open in process ${pid}`);
    });
  });

  it("is taken over when it is unreadable (a crash while it was being written)", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "taskforge-"));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, "taskforge.lock"), "");
    lockDataDirectory(dataDir)();
  });
});
