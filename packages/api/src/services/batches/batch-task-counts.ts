import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { addToCounts, emptyTaskCounts } from "../projects/project-task-counts";
import type { TaskStatusCounts } from "../projects/project-task-counts";

/**
 * The named batches' tasks counted per status, in one grouped query (the batches page shows a
 * progress bar per row). Names that are not batches of the caller's organization are left out.
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
  if (batches.length > 0) {
    const groups = await scope.db.prisma.task.groupBy({
      by: ["batchId", "status"],
      where: { ...worldOf(scope), batchId: { in: [...byId.keys()] } },
      _count: { _all: true },
    });
    for (const group of groups) {
      const counts = group.batchId ? byId.get(group.batchId) : undefined;
      if (counts) addToCounts(counts, group.status, group._count._all);
    }
  }
  return batches.map((b) => ({ batch: b.name, ...(byId.get(b.id) ?? emptyTaskCounts()) }));
};
