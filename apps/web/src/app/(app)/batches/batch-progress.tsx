import { ProgressBar, StatusBadge } from "~/components/ui";

export type TaskCounts = {
  total: number;
  pending: number;
  completed: number;
  canceled: number;
  error: number;
};

/** The batch's completed share as a bar, with every status's count beside it. */
export const BatchProgress = ({ name, counts }: { name: string; counts: TaskCounts }) => (
  <div className="space-y-1">
    <ProgressBar
      value={counts.total > 0 ? counts.completed / counts.total : 0}
      label={`${name}: ${counts.completed} of ${counts.total} tasks completed`}
    />
    <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
      <span>
        {counts.completed}/{counts.total} completed
      </span>
      {(["pending", "error", "canceled"] as const)
        .filter((status) => counts[status] > 0)
        .map((status) => (
          <span key={status} className="inline-flex items-center gap-1">
            <StatusBadge status={status} />
            <span className="tabular-nums">{counts[status]}</span>
          </span>
        ))}
    </p>
  </div>
);
