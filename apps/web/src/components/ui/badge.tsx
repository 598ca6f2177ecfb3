import type { ReactNode } from "react";

type Tone = "gray" | "blue" | "green" | "amber" | "red" | "purple";

const TONES: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-700",
  blue: "bg-brand-50 text-brand-800",
  green: "bg-emerald-50 text-emerald-800",
  amber: "bg-amber-50 text-amber-900",
  red: "bg-red-50 text-red-800",
  purple: "bg-violet-50 text-violet-800",
};

export const Badge = ({ tone = "gray", children }: { tone?: Tone; children: ReactNode }) => (
  <span
    className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
  >
    {children}
  </span>
);

const STATUS_TONES: Record<string, Tone> = {
  pending: "blue",
  completed: "green",
  canceled: "gray",
  error: "red",
  accepted: "green",
  fixed: "purple",
  rejected: "red",
  staging: "gray",
  in_progress: "blue",
  live: "green",
  test: "amber",
  revoked: "gray",
  expired: "gray",
};

/** A status word (task, review, batch, key) in its conventional colour. */
export const StatusBadge = ({ status }: { status: string }) => (
  <Badge tone={STATUS_TONES[status] ?? "gray"}>{status.replace(/_/g, " ")}</Badge>
);
