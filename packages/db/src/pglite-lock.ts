import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "taskforge.lock";
// Directories this process holds: a lock file naming our own pid is stale (say, pid 1 in a restarted
// container) unless it is in here.
const heldByThisProcess = new Set<string>();

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in process ${pid}. PGlite allows one process ` +
        `per data directory: stop that process, or set DATABASE_URL to use PostgreSQL for several processes.`,
    );
    this.name = "DataDirectoryInUseError";
  }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Takes the data directory for this process. PGlite itself does not guard against a second process
 * writing the same files, which corrupts the database, so the directory carries a pid lock file.
 * A lock left by a process that no longer runs is taken over.
 */
export const lockDataDirectory = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(lockPath);
      // Released on every exit, including process.exit() from a signal handler elsewhere.
      const release = () => {
        heldByThisProcess.delete(lockPath);
        rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      const isHeld =
        holder === process.pid
          ? heldByThisProcess.has(lockPath)
          : Number.isInteger(holder) && isRunning(holder);
      if (isHeld) {
        throw new DataDirectoryInUseError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}`);
};
