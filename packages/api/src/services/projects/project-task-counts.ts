import type { TaskStatus } from "@taskforge/schema";

import { worldOf } from "../../scope";
import type { Scope } from "../../scope";

/** How many tasks a project (or batch) holds, in total and per status (absent statuses are 0). */
export type TaskStatusCounts = { total: number } & Record<TaskStatus, number>;

export const emptyTaskCounts = (): TaskStatusCounts => ({
  total: 0,
  pending: 0,
  completed: 0,
  canceled: 0,
  error: 0,
});

/** Adds one `groupBy` row (a status and its count) to the counts of its owner. */
export const addToCounts = (counts: TaskStatusCounts, status: TaskStatus, count: number) => {
  counts[status] += count;
  counts.total += count;
};

/**
 * Every project of the organization with its tasks counted per status, in one grouped query so
 * the projects page does not run a count per project. Projects without tasks get zeros.
 */
export const countProjectTasks = async (
  scope: Scope,
): Promise<({ project: string } & TaskStatusCounts)[]> => {
  const [projects, groups] = await Promise.all([
    scope.db.prisma.project.findMany({
      where: worldOf(scope),
      select: { id: true, name: true },
      orderBy: { createdAt: "asc" },
    }),
    scope.db.prisma.task.groupBy({
      by: ["projectId", "status"],
      where: { ...worldOf(scope), projectId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const byId = new Map(projects.map((p) => [p.id, emptyTaskCounts()]));
  for (const group of groups) {
    const counts = group.projectId ? byId.get(group.projectId) : undefined;
    if (counts) addToCounts(counts, group.status, group._count._all);
  }
  return projects.map((p) => ({ project: p.name, ...(byId.get(p.id) ?? emptyTaskCounts()) }));
};
