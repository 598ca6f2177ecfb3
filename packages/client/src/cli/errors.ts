/**
 * Exit codes of every command: 0 success, 1 partial failure, 2 usage or configuration error, 130
 * stopped by Ctrl-C (as shells report SIGINT).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the CLI was called or configured: reported as is, with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
