import type { TaskStatus } from "@taskforge/schema";

import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { countTasksByStatus } from "../tasks/status-counts";

/** How many tasks a project (or batch) holds, in total and per status (absent statuses are 0). */
export type TaskStatusCounts = { total: number } & Record<TaskStatus, number>;

export const emptyTaskCounts = (): TaskStatusCounts => ({
  total: 0,
  pending: 0,
  completed: 0,
  canceled: 0,
  error: 0,
});

/** Adds one status's count to the counts of its owner. */
export const addToCounts = (counts: TaskStatusCounts, status: TaskStatus, count: number) => {
  counts[status] += count;
  counts.total += count;
};

/**
 * Every project of the organization with its tasks counted per status (from `task_counts`, so the
 * projects page costs the same at a million tasks). Projects without tasks get zeros.
 */
export const countProjectTasks = async (
  scope: Scope,
): Promise<({ project: string } & TaskStatusCounts)[]> => {
  const projects = await scope.db.prisma.project.findMany({
    where: worldOf(scope),
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  const byId = new Map(projects.map((p) => [p.id, emptyTaskCounts()]));
  for (const group of await countTasksByStatus(scope, "project", [...byId.keys()])) {
    const counts = byId.get(group.ownerId);
    if (counts) addToCounts(counts, group.status, group.count);
  }
  return projects.map((p) => ({ project: p.name, ...(byId.get(p.id) ?? emptyTaskCounts()) }));
};
