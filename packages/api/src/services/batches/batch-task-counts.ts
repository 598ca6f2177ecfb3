import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { addToCounts, emptyTaskCounts } from "../projects/project-task-counts";
import { countTasksByStatus } from "../tasks/status-counts";
import type { TaskStatusCounts } from "../projects/project-task-counts";

/**
 * The named batches' tasks counted per status, from `task_counts` (the batches page shows a progress
 * bar per row). Names that are not batches of the caller's organization are left out.
 */
export const countBatchTasks = async (
  scope: Scope,
  names: readonly string[],
): Promise<({ batch: string } & TaskStatusCounts)[]> => {
  const batches = await scope.db.prisma.batch.findMany({
    where: { ...worldOf(scope), name: { in: [...names] } },
    select: { id: true, name: true },
  });
  const byId = new Map(batches.map((b) => [b.id, emptyTaskCounts()]));
  for (const group of await countTasksByStatus(scope, "batch", [...byId.keys()])) {
    const counts = byId.get(group.ownerId);
    if (counts) addToCounts(counts, group.status, group.count);
  }
  return batches.map((b) => ({ batch: b.name, ...(byId.get(b.id) ?? emptyTaskCounts()) }));
};
