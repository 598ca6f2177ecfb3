"use client";

import type { WorkKind } from "@taskforge/schema";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState } from "react";

import { useTRPC } from "~/trpc/client";

export type Lease = {
  /** Milliseconds left on the lease (0 once it ran out). */
  remainingMs: number;
  expired: boolean;
};

const isConflict = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { code?: string } | undefined)?.code === "CONFLICT";

/**
 * Keeps the lease on an open task alive: a heartbeat every third of the lease length, so two can
 * fail in a row before the task goes back to the queue. The remaining time ticks every second; a
 * lease that ran out (or that the server says is gone) is reported as expired.
 */
export const useLease = (item: {
  assignment_id: string;
  kind: WorkKind;
  lease_expires_at: string;
  lease_seconds: number;
}): Lease => {
  const [expiresAt, setExpiresAt] = useState(() => Date.parse(item.lease_expires_at));
  const [lost, setLost] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const { mutateAsync: heartbeat } = useMutation(useTRPC().work.heartbeat.mutationOptions());

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    if (lost) return;
    const beat = () =>
      void heartbeat({ assignment_id: item.assignment_id, kind: item.kind })
        .then((renewed) => setExpiresAt(Date.parse(renewed.lease_expires_at)))
        .catch((error: unknown) => {
          // Offline: the next beat tries again. A conflict means the lease is gone for good.
          if (isConflict(error)) setLost(true);
        });
    const interval = setInterval(beat, Math.max(1000, (item.lease_seconds * 1000) / 3));
    return () => clearInterval(interval);
  }, [item.assignment_id, item.kind, item.lease_seconds, lost, heartbeat]);

  const remainingMs = Math.max(0, expiresAt - now);
  return { remainingMs, expired: lost || remainingMs === 0 };
};

/** `mm:ss` of a duration, for the lease timer. */
export const clock = (ms: number) => {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};
