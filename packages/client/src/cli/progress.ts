// Progress on stderr: a redrawn bar on a terminal, plain periodic lines when piped or logged.

export const formatDuration = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
};

export const formatRate = (count: number, elapsedMs: number): string =>
  elapsedMs > 0 ? `${((count * 1000) / elapsedMs).toFixed(1)}` : "0.0";

export type ProgressStream = Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean };

export type ProgressOptions = {
  stream: ProgressStream;
  /** Expected total, for the percentage and ETA (null when unknown). */
  total: number | null;
  unit: string;
  /** Minimum time between two plain lines when the stream is not a terminal. */
  plainIntervalMs?: number;
  /** How amounts and rates read (e.g. as bytes); default: the plain number and `unit`. */
  amount?: (value: number) => string;
  /** Where the count starts (a resumed upload starts part-way); the rate counts from here. */
  startAt?: number;
  now?: () => number;
};

const BAR_WIDTH = 24;

export class Progress {
  private readonly started: number;
  private lastDraw = 0;
  private done: number;
  private readonly startedAt: number;
  private note = "";

  constructor(private readonly options: ProgressOptions) {
    this.started = this.now();
    this.startedAt = options.startAt ?? 0;
    this.done = this.startedAt;
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** The total may only be known later (an export job counts its tasks once it starts). */
  setTotal(total: number | null) {
    this.options.total = total;
  }

  /** Text shown after the figures, e.g. what the server has stored so far. */
  setNote(note: string) {
    this.note = note;
  }

  /** Milliseconds since the start. */
  elapsed() {
    return this.now() - this.started;
  }

  /** The progress line without decoration: count, percentage, rate and ETA. */
  describe(): string {
    const { total, unit, amount } = this.options;
    const elapsed = this.elapsed();
    const progressed = this.done - this.startedAt;
    const rate = elapsed > 0 ? (progressed * 1000) / elapsed : 0;
    const parts: string[] = [];
    if (amount) {
      parts.push(total === null ? amount(this.done) : `${amount(this.done)}/${amount(total)}`);
    } else {
      parts.push(total === null ? `${this.done} ${unit}` : `${this.done}/${total} ${unit}`);
    }
    if (total) parts.push(`${Math.floor((100 * this.done) / total)}%`);
    parts.push(amount ? `${amount(rate)}/s` : `${formatRate(progressed, elapsed)} ${unit}/s`);
    if (total && rate > 0 && this.done < total) {
      parts.push(`ETA ${formatDuration(((total - this.done) * 1000) / rate)}`);
    }
    if (this.note) parts.push(this.note);
    return parts.join("  ");
  }

  update(done: number) {
    this.done = done;
    const now = this.now();
    const tty = Boolean(this.options.stream.isTTY);
    const interval = tty ? 100 : (this.options.plainIntervalMs ?? 5000);
    if (now - this.lastDraw < interval) return;
    this.lastDraw = now;
    this.draw(tty);
  }

  private draw(tty: boolean) {
    const { stream, total } = this.options;
    if (!tty) {
      stream.write(`progress: ${this.describe()}\n`);
      return;
    }
    const filled = total ? Math.min(BAR_WIDTH, Math.round((BAR_WIDTH * this.done) / total)) : 0;
    const bar = total ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ` : "";
    stream.write(`\r\x1b[2K${bar}${this.describe()}`);
  }

  /** Draws the final state and ends the terminal line. */
  finish() {
    const tty = Boolean(this.options.stream.isTTY);
    this.draw(tty);
    if (tty) this.options.stream.write("\n");
  }
}

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB"];

/** `1536000` → `1.5 MB` (decimal units, as file managers and `ls -h --si` show them). */
export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
};
