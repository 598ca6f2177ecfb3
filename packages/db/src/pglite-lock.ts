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

/** Who holds a lock: a pid alone is not enough, since pids are reused after a restart or reboot. */
type LockHolder = { pid: number; startedAt?: string };

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const readOrUndefined = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * When a process started, as the kernel's boot id plus its start time in clock ticks since boot
 * (Linux's /proc): the same pid with another start time, or after another boot, is another process.
 * Undefined where /proc is missing; the pid alone then decides, as before.
 */
export const processStartOf = (pid: number): string | undefined => {
  const boot = readOrUndefined("/proc/sys/kernel/random/boot_id")?.trim();
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (!boot || !stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const startTicks = fields[19];
  return startTicks ? `${boot}:${startTicks}` : undefined;
};

/** The holder a lock file names: JSON `{pid, startedAt}`, or a bare pid as older versions wrote. */
const parseHolder = (text: string): LockHolder | undefined => {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | number;
    if (typeof value === "number") return Number.isInteger(value) ? { pid: value } : undefined;
    const { pid, startedAt } = value;
    if (typeof pid !== "number" || !Number.isInteger(pid)) return undefined;
    return { pid, startedAt };
  } catch {
    return undefined;
  }
};

const isHolderAlive = (holder: LockHolder, lockPath: string) => {
  if (holder.pid === process.pid) return heldByThisProcess.has(lockPath);
  if (!isRunning(holder.pid)) return false;
  if (holder.startedAt === undefined) return true;
  const now = processStartOf(holder.pid);
  return now === undefined || now === holder.startedAt;
};

/**
 * Takes the data directory for this process. PGlite itself does not guard against a second process
 * writing the same files, which corrupts the database, so the directory carries a lock file naming
 * the holder. A lock whose holder no longer runs is taken over, including one whose pid now
 * belongs to an unrelated process (as after a reboot).
 */
export const lockDataDirectory = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      const holder: LockHolder = { pid: process.pid, startedAt: processStartOf(process.pid) };
      writeSync(fd, JSON.stringify(holder));
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
      const holder = parseHolder(readOrUndefined(lockPath) ?? "");
      if (holder && isHolderAlive(holder, lockPath)) {
        throw new DataDirectoryInUseError(dataDir, holder.pid);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}`);
};
